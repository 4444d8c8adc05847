package dev.candor.slack.timeline;

import com.slack.api.app_backend.slash_commands.payload.SlashCommandPayload;
import com.slack.api.bolt.context.builtin.SlashCommandContext;
import com.slack.api.bolt.response.Response;
import dev.candor.incident.Incident;
import dev.candor.slack.incident.Announcements;
import dev.candor.slack.incident.IncidentMessages;
import dev.candor.slack.platform.CommandReplies;
import dev.candor.timeline.EntryCopies;
import dev.candor.timeline.TimelineService;

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
    var result = announcements.together(incident,
        () -> timeline.redact(incident.id(), incident.channelId(), seq, p.getUserId(), reason, copies),
        done -> done instanceof TimelineService.Redacted r
            ? IncidentMessages.redacted(seq, p.getUserId(), r.redaction().text(), r.redaction().detail())
            : null);
    if (result instanceof TimelineService.NoSuchEntry) {
      return CommandReplies.ephemeral(ctx, incident.id() + " has no timeline entry #" + seq
          + ". The numbers are shown in `/incident timeline`.");
    }
    if (result instanceof TimelineService.AlreadyRedacted) {
      return CommandReplies.ephemeral(ctx, "Entry #" + seq + " is redacted already.");
    }
    String detail = ((TimelineService.Redacted) result).redaction().detail();
    return CommandReplies.ephemeral(ctx, "Entry #" + seq + " of " + incident.id() + " is redacted: its content is "
        + (detail.isEmpty() ? "gone" : detail) + ", its fingerprint stays, and the record says who, when and why.");
  }
}
