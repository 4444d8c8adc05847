package dev.candor.nudge;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Decides whether a message gets a private reply: only a high-sureness finding, only where nudges are on,
 * and at most one reply per person per channel per cooldown, for nudges and supportive notes alike.
 */
public final class NudgeService {
  private final BlameDetector detector;
  private final NudgeStore store;
  private final Duration cooldown;
  private final Clock clock;

  public NudgeService(BlameDetector detector, NudgeStore store, Duration cooldown, Clock clock) {
    this.detector = detector;
    this.store = store;
    this.cooldown = cooldown;
    this.clock = clock;
  }

  /** The reply to give the author of {@code text} in {@code channelId}, if any. */
  public Optional<Finding> judge(String channelId, String authorId, String text) {
    if (!store.enabled(channelId)) {
      return Optional.empty();
    }
    BlameDetector.Judgement judgement = detector.judge(text);
    judgement.counted().forEach(f -> store.countMedium(f.ruleId()));
    Optional<Finding> shown = judgement.shown();
    Instant now = clock.instant();
    if (shown.isEmpty() || !store.claim(authorId, channelId, now, cooldown)) {
      return Optional.empty();
    }
    store.countShown(shown.get().ruleId(), channelId, now);
    return shown;
  }

  public boolean enabled(String channelId) {
    return store.enabled(channelId);
  }

  public void setEnabled(String channelId, boolean enabled, String by) {
    store.setEnabled(channelId, enabled, by, clock.instant());
  }

  /** How many private replies went out in {@code channelId}. */
  public long shownIn(String channelId) {
    return store.shownIn(channelId);
  }

  /** An author said the nudge {@code nudgeToken} was not blame; false when that nudge was answered before. */
  public boolean notBlame(String ruleId, String nudgeToken) {
    return store.countNotBlame(ruleId, nudgeToken);
  }

  public List<NudgeStore.RuleCount> counts() {
    return store.counts();
  }
}
