package dev.candor.slack.platform;

/**
 * A person's App Home, published again after they did something there. Features whose buttons live in the App Home
 * refresh it through this, without knowing how it is drawn.
 */
public interface AppHome {
  /** [Post update] on an open incident: opens the status form, from the App Home or a reminder's DM. */
  String POST_UPDATE = "home_post_update";

  /**
   * Publishes {@code userId}'s App Home again, with {@code notice} (mrkdwn, already escaped; null for none) on top
   * saying what came of their click: the App Home has no response_url for a private reply, and the person is
   * looking at it.
   */
  void refresh(String userId, String notice);
}
