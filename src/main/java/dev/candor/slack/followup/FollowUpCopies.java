package dev.candor.slack.followup;

import dev.candor.followup.FollowUp;
import dev.candor.followup.FollowUpRepository;
import dev.candor.followup.TimelineFollowUpJournal;
import dev.candor.slack.incident.Announcements;
import dev.candor.timeline.EntryCopies;
import dev.candor.timeline.ObservationKeys;
import dev.candor.timeline.TimelineEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.LongStream;

/**
 * Where the words of a follow-up's timeline entry were kept besides it: the entry of its creation gave the follow-up
 * its title (kept in its row, while it still reads so, and in each of its announcements); the entry of its drop the
 * reason (kept in its row and in the drop's announcement).
 */
public final class FollowUpCopies implements EntryCopies {
  /** What a redacted title reads. */
  public static final String REDACTED_TITLE = "(title redacted)";
  /** What a redacted reason for a drop reads. */
  public static final String REDACTED_REASON = "(reason redacted)";

  private final FollowUpRepository followUps;
  private final Announcements announcements;

  public FollowUpCopies(FollowUpRepository followUps, Announcements announcements) {
    this.followUps = followUps;
    this.announcements = announcements;
  }

  @Override
  public List<String> scrub(TimelineEntry entry) {
    Optional<ObservationKeys.FollowUpVersion> of = ObservationKeys.followUpVersion(entry.key());
    String detail = entry.detail() == null ? "" : entry.detail();
    String text = entry.text();
    if (of.isEmpty() || text == null || text.isEmpty()) {
      return List.of();
    }
    Optional<FollowUp> followUp = followUps.byId(of.get().id());
    if (followUp.isEmpty() || !followUp.get().incidentId().equals(entry.incidentId())) {
      return List.of();
    }
    FollowUp f = followUp.get();
    if (detail.startsWith("FOLLOWUP_ADDED ") && text.endsWith(")") && text.lastIndexOf(" (") > 0) {
      String title = text.substring(0, text.lastIndexOf(" ("));
      List<String> where = new ArrayList<>(3);
      if (followUps.redactTitle(f.id(), title, REDACTED_TITLE)) {
        where.add("the follow-up");
      }
      // the title was in every announcement of it since, unless an edit changed it
      where.addAll(announcements.scrub(f.incidentId(), LongStream.rangeClosed(of.get().version(), f.version())
          .mapToObj(v -> FollowUpAnnouncements.about(f.id(), v)).toList(), title));
      return where;
    }
    if (detail.startsWith("FOLLOWUP_DROPPED ") && text.contains(TimelineFollowUpJournal.DROPPED_BECAUSE)) {
      String reason = f.dropReason() != null && text.endsWith(TimelineFollowUpJournal.DROPPED_BECAUSE + f.dropReason()) ? f.dropReason()
          : text.substring(text.indexOf(TimelineFollowUpJournal.DROPPED_BECAUSE) + TimelineFollowUpJournal.DROPPED_BECAUSE.length());
      List<String> where = new ArrayList<>(3);
      if (followUps.redactDropReason(f.id(), reason, REDACTED_REASON)) {
        where.add("the follow-up");
      }
      where.addAll(announcements.scrub(f.incidentId(),
          List.of(FollowUpAnnouncements.about(f.id(), of.get().version())), reason));
      return where;
    }
    return List.of();
  }
}
