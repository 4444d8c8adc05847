package dev.candor.slack.timeline;

import com.slack.api.app_backend.slash_commands.payload.SlashCommandPayload;
import com.slack.api.bolt.context.builtin.SlashCommandContext;
import com.slack.api.bolt.response.Response;
import dev.candor.incident.Incident;
import dev.candor.slack.incident.Announcements;
import dev.candor.slack.incident.IncidentMessages;
import dev.candor.slack.platform.CommandReplies;
import dev.candor.timeline.EntryCopies;
import dev.candor.timeline.TimelineEntry;
import dev.candor.timeline.TimelineService;
import java.util.ArrayList;
import java.util.List;

/** The {@code /incident} subcommands about the timeline: {@code timeline} and {@code redact}. */
public final class TimelineCommands {
  private final TimelineModal modal;
  private final TimelineService timeline;
  private final Announcements announcements;
  private final Redactors redactors;
  private final EntryCopies copies;

  TimelineCommands(TimelineModal modal, TimelineService timeline, Announcements announcements, Redactors redactors,
      EntryCopies copies) {
    this.modal = modal;
    this.timeline = timeline;
    this.announcements = announcements;
    this.redactors = redactors;
    this.copies = copies;
  }

  /** {@code /incident timeline}: the modal, or what stands in its way. */
  public Response show(SlashCommandPayload p, SlashCommandContext ctx) {
    return modal.open(p.getChannelId(), p.getTriggerId())
        .map(problem -> CommandReplies.ephemeral(ctx, problem)).orElseGet(ctx::ack);
  }

  /**
   * {@code /incident redact <entry> <reason>}: for the keeper of the record or a workspace admin ({@link Redactors}),
   * announced in the channel.
   */
  public Response redact(SlashCommandPayload p, SlashCommandContext ctx, Incident incident, long seq, String reason) {
    String refusal = redactors.refusal(incident, p.getUserId());
    if (refusal != null) {
      return CommandReplies.ephemeral(ctx, refusal);
    }
    var done = announcements.together(incident, () -> {
      List<TimelineEntry> marks = timeline.marksOf(incident.id(), seq);
      var redacted = timeline.redact(incident.id(), incident.channelId(), seq, p.getUserId(), reason, copies);
      List<TimelineEntry> copied = new ArrayList<>();
      if (redacted instanceof TimelineService.Redacted) {
        // a message marked as a key event: its words are in the mark's entry too, redacted with it
        for (TimelineEntry mark : marks) {
          if (timeline.redact(incident.id(), incident.channelId(), mark.seq(), p.getUserId(), reason,
              copies) instanceof TimelineService.Redacted r) {
            copied.add(r.redaction());
          }
        }
      }
      return new Done(redacted, copied);
    }, d -> d.result() instanceof TimelineService.Redacted r
        ? IncidentMessages.redacted(seq, p.getUserId(), r.redaction().text(), d.removed())
        : null);
    var result = done.result();
    if (result instanceof TimelineService.NoSuchEntry) {
      return CommandReplies.ephemeral(ctx, incident.id() + " has no timeline entry #" + seq
          + ". The numbers are shown in `/incident timeline`.");
    }
    if (result instanceof TimelineService.AlreadyRedacted) {
      return CommandReplies.ephemeral(ctx, "Entry #" + seq + " is redacted already.");
    }
    String removed = done.removed();
    return CommandReplies.ephemeral(ctx, "Entry #" + seq + " of " + incident.id() + " is redacted: its content is "
        + (removed.isEmpty() ? "gone" : removed) + ", its fingerprint stays, and the record says who, when and why.");
  }

  /** A redaction, and those of the entries that copied its words (a message's key-event marks). */
  private record Done(TimelineService.RedactResult result, List<TimelineEntry> copies) {
    /** Where the words were removed from, for the reply and the channel's notice. */
    String removed() {
      String detail = result instanceof TimelineService.Redacted r ? r.redaction().detail() : "";
      if (copies.isEmpty()) {
        return detail;
      }
      StringBuilder out = new StringBuilder(detail.isEmpty() ? "gone" : detail);
      for (TimelineEntry c : copies) {
        out.append(" (and so is its copy as key event #").append(c.refTs())
            .append(c.detail().isEmpty() ? "" : ": " + c.detail()).append(')');
      }
      return out.toString();
    }
  }
}
