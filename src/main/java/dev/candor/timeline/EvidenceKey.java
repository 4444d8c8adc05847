package dev.candor.timeline;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The local secret that keys every HMAC of the evidence: the chain's links, each entry's content, and
 * each masked secret. Without it, a row changed by hand cannot be given a hash that verifies.
 */
public final class EvidenceKey {
  private final SecretKeySpec key;
  /** One initialised Mac per thread: a Mac is not thread-safe, and making one per call costs more than the MAC. */
  private final ThreadLocal<Mac> macs;

  public EvidenceKey(byte[] secret) {
    if (secret.length < 32) {
      throw new IllegalArgumentException("the evidence key must be at least 32 bytes");
    }
    this.key = new SecretKeySpec(secret.clone(), "HmacSHA256");
    this.macs = ThreadLocal.withInitial(this::newMac);
  }

  private Mac newMac() {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      return mac;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every Java 17 runtime", e);
    }
  }

  /** HMAC-SHA256 of {@code text} (UTF-8), as lowercase hex. */
  public String mac(String text) {
    // doFinal resets the Mac, ready for the next text
    return HexFormat.of().formatHex(macs.get().doFinal(text.getBytes(StandardCharsets.UTF_8)));
  }

  @Override
  public String toString() {
    return "EvidenceKey[hidden]";
  }
}
