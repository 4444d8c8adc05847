package dev.candor.main;

import ch.qos.logback.classic.pattern.MessageConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import dev.candor.timeline.EvidenceKey;
import dev.candor.timeline.SecretMasker;
import java.security.SecureRandom;

/**
 * A log message with its secrets masked as the timeline masks them ({@code %maskedMsg} in logback.xml): a library
 * that logs a payload whole (Bolt, on one it cannot route) leaves no token or password in the log. The masks'
 * HMACs are made under a key of this process's own and dropped: a log keeps no fingerprint of a secret.
 */
public final class MaskedMessage extends MessageConverter {
  private static final SecretMasker MASKER = new SecretMasker(new EvidenceKey(randomKey()));

  @Override
  public String convert(ILoggingEvent event) {
    return mask(super.convert(event));
  }

  /** {@code text} as the log may hold it. */
  static String mask(String text) {
    return MASKER.mask(text).text();
  }

  private static byte[] randomKey() {
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    return key;
  }
}
