package dev.candor.slack;

/** Confirms a mentioned person exists before a role is given to them. */
final class UserCheck {
  private UserCheck() {}

  /** Null when the user exists and is active; otherwise what to tell the caller. */
  static String problemWith(SlackGateway slack, String userId) {
    try {
      var info = slack.call("users.info", c -> c.usersInfo(r -> r.user(userId)));
      if (info.getUser() == null) {
        return unknown(userId);
      }
      if (info.getUser().isDeleted()) {
        return "<@" + userId + "> has been deactivated in this workspace. Pick someone active.";
      }
      return null;
    } catch (SlackCallFailed e) {
      if ("user_not_found".equals(e.error()) || "invalid_arguments".equals(e.error())) {
        return unknown(userId);
      }
      return "I couldn't look that person up (Slack answered `" + e.error() + "`). Try again in a moment.";
    }
  }

  private static String unknown(String userId) {
    return "I can't find that person in this workspace. Pick them from Slack's @ menu: "
        + "`/incident role commander @alex`.";
  }
}
