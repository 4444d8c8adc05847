package dev.candor.followup;

import dev.candor.incident.Incident;
import dev.candor.incident.IncidentRepository;
import dev.candor.timeline.EntryKind;
import dev.candor.timeline.Observation;
import dev.candor.timeline.ObservationKeys;
import dev.candor.timeline.SlackTs;
import dev.candor.timeline.Source;
import dev.candor.timeline.TimelineService;
import java.util.ArrayList;
import java.util.List;

/**
 * Follow-up changes in the incident's timeline, as Candor's other actions are: one entry per change
 * (keyed by the follow-up's id and version), saying who did what; its detail reads
 * {@code FOLLOWUP_ADDED <id> <owner>}, {@code FOLLOWUP_EDITED <id>}, {@code FOLLOWUP_REASSIGNED <id>
 * <from> <to>}, {@code FOLLOWUP_DONE <id>} or {@code FOLLOWUP_DROPPED <id>}, and its text the title and
 * what changed.
 */
public final class TimelineFollowUpJournal implements FollowUpJournal {
  private final IncidentRepository incidents;
  private final TimelineService timeline;

  public TimelineFollowUpJournal(IncidentRepository incidents, TimelineService timeline) {
    this.incidents = incidents;
    this.timeline = timeline;
  }

  @Override
  public void record(FollowUpChange change) {
    FollowUp f = change.after();
    Incident incident = incidents.byId(f.incidentId())
        .orElseThrow(() -> new IllegalStateException("follow-up " + f.id() + " of a missing " + f.incidentId()));
    timeline.record(incident.id(), observation(incident.channelId(), change));
  }

  /** What joins a dropped follow-up's title and its reason in its timeline entry. */
  public static final String DROPPED_BECAUSE = " — dropped because: ";

  static Observation observation(String channelId, FollowUpChange change) {
    FollowUp f = change.after();
    String id = Long.toString(f.id());
    String detail = "FOLLOWUP_" + change.kind().name() + " " + switch (change.kind()) {
      case ADDED -> id + " " + f.owner();
      case REASSIGNED -> id + " " + change.before().owner() + " " + f.owner();
      default -> id;
    };
    String text = switch (change.kind()) {
      case ADDED -> f.title() + " (" + f.level().label() + ", due " + f.due() + ")";
      case EDITED -> f.title() + " (" + String.join("; ", edits(change.before(), f)) + ")";
      case DROPPED -> f.title() + (f.dropReason() == null ? "" : DROPPED_BECAUSE + f.dropReason());
      default -> f.title();
    };
    return new Observation(ObservationKeys.followUp(f.id(), f.version()), EntryKind.ACTION, channelId, SlackTs.of(change.at()),
        null, change.actor(), text, null, detail, Source.CANDOR, change.at());
  }

  /** What an edit changed, in words: {@code due 2026-12-04 → 2026-12-11}. */
  static List<String> edits(FollowUp before, FollowUp after) {
    List<String> out = new ArrayList<>(3);
    if (!before.title().equals(after.title())) {
      out.add("title was \"" + before.title() + "\"");
    }
    if (!before.due().equals(after.due())) {
      out.add("due " + before.due() + " → " + after.due());
    }
    if (before.level() != after.level()) {
      out.add("level " + before.level().label() + " → " + after.level().label());
    }
    return out;
  }
}
