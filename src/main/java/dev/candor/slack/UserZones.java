package dev.candor.slack;

import dev.candor.followup.Zones;
import dev.candor.jobs.RetryLater;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A person's time zone from their Slack profile ({@code users.info}); UTC for someone Slack does not know. */
public final class UserZones implements Zones {
  private final SlackGateway slack;

  public UserZones(SlackGateway slack) {
    this.slack = slack;
  }

  /** Throws {@link RetryLater} when Slack cannot answer just now. */
  @Override
  public ZoneId of(String userId) {
    try {
      var info = slack.call("users.info", c -> c.usersInfo(r -> r.user(userId)));
      return info.getUser() == null ? ZoneOffset.UTC : FollowUpInputs.zone(info.getUser().getTz());
    } catch (SlackCallFailed e) {
      if ("user_not_found".equals(e.error()) || "invalid_arguments".equals(e.error())) {
        return ZoneOffset.UTC;
      }
      throw new RetryLater(Duration.ofMinutes(1), "the time zone of " + userId + ": " + e.getMessage(), e);
    }
  }
}
