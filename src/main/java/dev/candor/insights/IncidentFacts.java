package dev.candor.insights;

import dev.candor.followup.FollowUp;
import dev.candor.followup.Level;
import dev.candor.incident.IncidentState;
import dev.candor.incident.Severity;
import dev.candor.postmortem.Decision;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * What insights read of one incident: its severity and times, its post-mortem's decision, its follow-ups' levels
 * and states, and how many messages and private nudges its channel had. No person: no commander, no owner, no
 * author; the channel id is only for leaving out a private incident in Slack, never shown.
 *
 * @param mitigated null while impact goes on
 * @param resolved null while open
 * @param meetingStart the post-mortem meeting's start, or null when none was scheduled
 * @param notNeededReason why no post-mortem was needed (masked as stored), or null
 * @param chat the messages and nudges in its channel, per day
 */
public record IncidentFacts(Severity severity, IncidentState state, boolean privateChannel, String channelId,
    Instant started, Instant declared, Instant mitigated, Instant resolved, Decision decision, Instant meetingStart,
    String notNeededReason, List<FollowUpFacts> followUps, List<ChatDay> chat) {

  public IncidentFacts {
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(started, "started");
    Objects.requireNonNull(declared, "declared");
    Objects.requireNonNull(decision, "decision");
    followUps = List.copyOf(followUps);
    chat = List.copyOf(chat);
  }

  /**
   * The messages written and the private nudges shown in the incident's channel on one day (a UTC date): how
   * insights count them per week. Never who wrote or who was nudged.
   */
  public record ChatDay(LocalDate day, long messages, long nudges) {
    public ChatDay {
      Objects.requireNonNull(day, "day");
    }
  }

  /** One follow-up: where its learning lands, whether it is done, when it is due and when it was added. */
  public record FollowUpFacts(Level level, FollowUp.Status status, LocalDate due, Instant created) {
    public FollowUpFacts {
      Objects.requireNonNull(level, "level");
      Objects.requireNonNull(status, "status");
      Objects.requireNonNull(due, "due");
      Objects.requireNonNull(created, "created");
    }
  }
}
