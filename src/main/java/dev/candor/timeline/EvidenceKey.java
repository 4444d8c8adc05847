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

  public EvidenceKey(byte[] secret) {
    if (secret.length < 32) {
      throw new IllegalArgumentException("the evidence key must be at least 32 bytes");
    }
    this.key = new SecretKeySpec(secret.clone(), "HmacSHA256");
  }

  /** HMAC-SHA256 of {@code text} (UTF-8), as lowercase hex. */
  public String mac(String text) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every Java 17 runtime", e);
    }
  }

  @Override
  public String toString() {
    return "EvidenceKey[hidden]";
  }
}
