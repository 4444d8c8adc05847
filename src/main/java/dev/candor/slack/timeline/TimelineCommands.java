package dev.candor.slack.timeline;

import com.slack.api.app_backend.slash_commands.payload.SlashCommandPayload;
import com.slack.api.bolt.context.builtin.SlashCommandContext;
import com.slack.api.bolt.response.Response;
import dev.candor.incident.Incident;
import dev.candor.slack.incident.Announcements;
import dev.candor.slack.incident.IncidentMessages;
import dev.candor.slack.platform.CommandReplies;
import dev.candor.slack.platform.Mrkdwn;
import dev.candor.timeline.EntryCopies;
import dev.candor.timeline.TimelineEntry;
import dev.candor.timeline.TimelineService;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The {@code /incident} subcommands about the timeline: {@code timeline} and {@code redact}. */
public final class TimelineCommands {
  private final TimelineModal modal;
  private final TimelineService timeline;
  private final Announcements announcements;
  private final Redactors redactors;
  private final EntryCopies copies;
  private final AuthorAsks asks;

  TimelineCommands(TimelineModal modal, TimelineService timeline, Announcements announcements, Redactors redactors,
      EntryCopies copies, AuthorAsks asks) {
    this.modal = modal;
    this.timeline = timeline;
    this.announcements = announcements;
    this.redactors = redactors;
    this.copies = copies;
    this.asks = asks;
  }

  /** {@code /incident timeline}: the modal, or what stands in its way. */
  public Response show(SlashCommandPayload p, SlashCommandContext ctx) {
    return modal.open(p.getChannelId(), p.getTriggerId())
        .map(problem -> CommandReplies.ephemeral(ctx, problem)).orElseGet(ctx::ack);
  }

  /**
   * {@code /incident redact <entry> <reason>}: for the keeper of the record or a workspace admin ({@link Redactors}),
   * announced in the channel. Candor's posts that carried the words are edited ({@link EntryCopies}), and the author
   * of a person's message is asked privately to delete it ({@link AuthorAsks}), as only they can.
   */
  public Response redact(SlashCommandPayload p, SlashCommandContext ctx, Incident incident, long seq, String reason) {
    String refusal = redactors.refusal(incident, p.getUserId());
    if (refusal != null) {
      return CommandReplies.ephemeral(ctx, refusal);
    }
    var done = announcements.together(incident, () -> {
      List<TimelineEntry> marks = timeline.marksOf(incident.id(), seq);
      Optional<TimelineEntry> target = timeline.entry(incident.id(), seq);
      var redacted = timeline.redact(incident.id(), incident.channelId(), seq, p.getUserId(), reason, copies);
      List<TimelineEntry> copied = new ArrayList<>();
      Optional<String> asked = Optional.empty();
      if (redacted instanceof TimelineService.Redacted) {
        asked = asks.schedule(incident, target.orElseThrow(), p.getUserId());
        // a message marked as a key event: its words are in the mark's entry too, redacted with it
        for (TimelineEntry mark : marks) {
          if (timeline.redact(incident.id(), incident.channelId(), mark.seq(), p.getUserId(), reason,
              copies) instanceof TimelineService.Redacted r) {
            copied.add(r.redaction());
          }
        }
      }
      return new Done(redacted, copied, asked);
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
    String asked = done.asked().map(author -> author.equals(p.getUserId())
        ? " Your message is still in the channel: only you can delete it."
        : " " + Mrkdwn.user(author) + "'s message is still in the channel, as only they can delete it: I've asked them "
            + "privately to.").orElse("");
    return CommandReplies.ephemeral(ctx, "Entry #" + seq + " of " + incident.id() + " is redacted: its content is "
        + (removed.isEmpty() ? "gone" : removed) + ", its fingerprint stays, and the record says who, when and why."
        + asked);
  }

  /**
   * A redaction, those of the entries that copied its words (a message's key-event marks), and the author asked to
   * delete their message.
   */
  private record Done(TimelineService.RedactResult result, List<TimelineEntry> copies, Optional<String> asked) {
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
