package dev.candor.slack.platform;

import dev.candor.followup.Zones;
import dev.candor.jobs.RetryLater;
import java.time.DateTimeException;
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
      return info.getUser() == null ? ZoneOffset.UTC : ofProfile(info.getUser().getTz());
    } catch (SlackCallFailed e) {
      if ("user_not_found".equals(e.error()) || "invalid_arguments".equals(e.error())) {
        return ZoneOffset.UTC;
      }
      if ("ratelimited".equals(e.error())) {
        throw SlackJobMessages.rateLimited(e, "the time zone of " + userId + ": " + e.getMessage());
      }
      throw new RetryLater(SlackJobMessages.AFTER_RATE_LIMIT, "the time zone of " + userId + ": " + e.getMessage(), e);
    }
  }

  /** A Slack profile's {@code tz}, or UTC when it has none or an unknown one. */
  public static ZoneId ofProfile(String tz) {
    try {
      return tz == null || tz.isBlank() ? ZoneOffset.UTC : ZoneId.of(tz);
    } catch (DateTimeException e) {
      return ZoneOffset.UTC;
    }
  }
}
