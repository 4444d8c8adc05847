package dev.candor.nudge;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** What nudging keeps: channel switches, the cooldown per person and channel, counts per rule. */
public interface NudgeStore {

  boolean enabled(String channelId);

  void setEnabled(String channelId, boolean enabled, String by, Instant at);

  /**
   * Takes the one reply a person may get in a channel per {@code cooldown}: true (and remembered) when
   * their last one was longer ago than that, false otherwise. Atomic.
   */
  boolean claim(String userId, String channelId, Instant now, Duration cooldown);

  /**
   * A rule's finding was shown to its author in {@code channelId} {@code at} that moment: counted per rule, per
   * channel, and per channel per day (for weekly figures; never finer, so a count can't be matched to a message).
   */
  void countShown(String ruleId, String channelId, Instant at);

  /** How many replies went out in {@code channelId}, for its post-mortem: a number, never who. */
  long shownIn(String channelId);

  /** A medium-sureness finding was seen (counted, never shown). */
  void countMedium(String ruleId);

  /**
   * An author said a nudge was not blame: counted once per nudge, whose {@code nudgeToken} (random, tied to no
   * person and no text) is kept so that a second click of the same button is not counted again.
   *
   * @return whether it was counted (false when this nudge's answer was counted already)
   */
  boolean countNotBlame(String ruleId, String nudgeToken);

  List<RuleCount> counts();

  record RuleCount(String ruleId, long shown, long counted, long notBlame) {}
}
