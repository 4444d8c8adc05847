package dev.candor.slack.platform;

import com.slack.api.model.User;
import dev.candor.postmortem.Names;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.Optional;

/** Looks a mentioned person up before Candor gives them a role or a follow-up. */
public final class People {
  private People() {}

  /** Either an active member of the workspace, or what to tell the caller instead. */
  public record Lookup(User user, String problem) {}

  /**
   * The active member {@code userId}, or a sentence for the caller; {@code example} shows how to pick someone.
   */
  public static Lookup find(SlackGateway slack, String userId, String example) {
    try {
      var info = slack.call("users.info", c -> c.usersInfo(r -> r.user(userId)));
      if (info.getUser() == null) {
        return new Lookup(null, unknown(example));
      }
      if (info.getUser().isDeleted()) {
        return new Lookup(null, "<@" + userId + "> has been deactivated in this workspace. Pick someone active.");
      }
      return new Lookup(info.getUser(), null);
    } catch (SlackCallFailed e) {
      if ("user_not_found".equals(e.error()) || "invalid_arguments".equals(e.error())) {
        return new Lookup(null, unknown(example));
      }
      return new Lookup(null, "I couldn't look that person up (Slack answered `" + e.error() + "`). "
          + "Try again in a moment.");
    }
  }

  /** The Slack time zone of {@code userId}, if Slack gives one. */
  public static Optional<ZoneId> zone(SlackGateway slack, String userId) {
    try {
      String tz = user(slack, userId).map(User::getTz).orElse(null);
      return tz == null || tz.isBlank() ? Optional.empty() : Optional.of(ZoneId.of(tz));
    } catch (DateTimeException e) {
      return Optional.empty();
    }
  }

  /**
   * The name Slack shows for {@code userId}: their display name, else their full name, else their user name; the id
   * itself when Slack cannot say.
   */
  public static String displayName(SlackGateway slack, String userId) {
    Optional<User> user = user(slack, userId);
    if (user.isEmpty()) {
      return userId;
    }
    User.Profile profile = user.get().getProfile();
    return Names.shownBySlack(profile == null ? null : profile.getDisplayName(),
        profile == null ? null : profile.getRealName(), user.get().getRealName(), user.get().getName()).orElse(userId);
  }

  /** {@code userId} as users.info has them; empty when Slack doesn't know them or can't be asked. */
  private static Optional<User> user(SlackGateway slack, String userId) {
    try {
      return Optional.ofNullable(slack.call("users.info", c -> c.usersInfo(r -> r.user(userId))).getUser());
    } catch (SlackCallFailed e) {
      return Optional.empty();
    }
  }

  private static String unknown(String example) {
    return "I can't find that person in this workspace. Pick them from Slack's @ menu: " + example;
  }
}
