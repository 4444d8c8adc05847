package dev.candor.server;

import com.slack.api.app_backend.SlackSignature;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Slack's request signing, checked strictly: the timestamp within five minutes of now either way, the
 * signature compared in constant time, and a signed request remembered for as long as its timestamp is
 * accepted, so a replayed copy can be told apart from the first.
 */
final class SignedRequests {
  /** How far a request's timestamp may be from the server's clock, in the past or the future. */
  static final Duration WINDOW = Duration.ofMinutes(5);
  /** At most this many signatures are remembered; past it the oldest are forgotten first. */
  static final int MAX_REMEMBERED = 50_000;

  private final SlackSignature.Generator generator;
  private final Clock clock;
  private final Map<String, Long> seenUntil = new LinkedHashMap<>();
  private long lastSweep;

  SignedRequests(String signingSecret, Clock clock) {
    this.generator = new SlackSignature.Generator(signingSecret);
    this.clock = clock;
  }

  /** Whether {@code signature} signs {@code body} at {@code timestamp} with our secret, and the time is near. */
  boolean isValid(String timestamp, String body, String signature) {
    if (timestamp == null || signature == null) {
      return false;
    }
    long seconds;
    try {
      seconds = Long.parseLong(timestamp.trim());
    } catch (NumberFormatException e) {
      return false;
    }
    long now = clock.millis() / 1000;
    if (Math.abs(now - seconds) > WINDOW.toSeconds()) {
      return false;
    }
    byte[] expected = generator.generate(timestamp, body).getBytes(StandardCharsets.UTF_8);
    return MessageDigest.isEqual(expected, signature.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * True the first time a valid {@code signature} (made at {@code timestamp}) is seen, false for a copy while
   * its timestamp is still accepted. Entries are dropped once their window has passed, and the count is capped.
   */
  synchronized boolean firstSeen(String timestamp, String signature) {
    long now = clock.millis();
    forgetExpired(now);
    Long until = seenUntil.get(signature);
    if (until != null && until >= now) {
      return false;
    }
    seenUntil.remove(signature);
    seenUntil.put(signature, Long.parseLong(timestamp.trim()) * 1000 + WINDOW.toMillis());
    while (seenUntil.size() > MAX_REMEMBERED) {
      Iterator<String> oldest = seenUntil.keySet().iterator();
      oldest.next();
      oldest.remove();
    }
    return true;
  }

  private void forgetExpired(long now) {
    if (now - lastSweep >= 1_000) {
      seenUntil.values().removeIf(until -> until < now);
      lastSweep = now;
    }
  }

  synchronized int remembered() {
    return seenUntil.size();
  }
}
