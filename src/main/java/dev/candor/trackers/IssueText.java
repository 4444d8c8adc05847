package dev.candor.trackers;

import dev.candor.followup.FollowUp;
import dev.candor.incident.Incident;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A follow-up as its issue: the title; a body with the incident's number, link and summary (a private incident's
 * number and link only: its words stay in its channel), the owner, the due date and the level; the labels
 * {@code candor} and {@code level: <level>}; the owner's login as assignee where {@code users} knows it.
 */
public final class IssueText {
  /** Every issue Candor makes has this label: how it finds its own. */
  public static final String LABEL = "candor";
  /** The level's label starts so: {@code level: process}. */
  public static final String LEVEL_LABEL = "level: ";

  private IssueText() {}

  /** The follow-up's mark in its issue's body, invisible where GitHub renders the body. */
  public static String marker(FollowUp f) {
    return "<!-- candor-follow-up:" + f.incidentId() + ":" + f.id() + " -->";
  }

  public static IssueDraft draft(FollowUp f, Incident incident, Map<String, String> users) {
    Optional<String> login = Optional.ofNullable(users.get(f.owner()));
    StringBuilder body = new StringBuilder();
    body.append("A follow-up of **").append(incident.id()).append("**");
    if (!incident.privateChannel()) {
      body.append(": ").append(plain(incident.title()));
    }
    body.append(" ([Slack channel](https://slack.com/app_redirect?channel=").append(incident.channelId())
        .append(")).\n\n");
    if (!incident.privateChannel() && incident.summary() != null && !incident.summary().isBlank()) {
      body.append("> ").append(plain(incident.summary()).replace("\n", "\n> ")).append("\n\n");
    } else if (incident.privateChannel()) {
      body.append("_A private incident: its details stay in its Slack channel._\n\n");
    }
    body.append("- **Owner:** ").append(login.map(l -> "@" + l).orElse("Slack user " + f.owner())).append('\n');
    body.append("- **Due:** ").append(f.due()).append('\n');
    body.append("- **Level:** ").append(f.level().label()).append('\n');
    if (f.status() == FollowUp.Status.DROPPED && f.dropReason() != null) {
      body.append("- **Dropped because:** ").append(plain(f.dropReason())).append('\n');
    }
    body.append("\nKept in step with Candor: closing or reopening this issue marks the follow-up done or open again.\n\n")
        .append(marker(f));
    return new IssueDraft(f.title(), body.toString(),
        List.of(LABEL, LEVEL_LABEL + f.level().name().toLowerCase(Locale.ROOT)), login,
        f.status() == FollowUp.Status.OPEN, f.status() == FollowUp.Status.DROPPED, marker(f));
  }

  /** Words that cannot mention anyone or close anything in GitHub's Markdown: {@code @} and {@code #} defused. */
  static String plain(String text) {
    return text.replace("@", "@\u200b").replace("<", "&lt;");
  }
}
