package dev.candor.trackers;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A tracker's webhook signature: the hex HMAC-SHA256 of the raw body under the webhook's secret, after a fixed
 * prefix where the tracker sends one (GitHub's and Jira's {@code sha256=}, none for Linear), compared in constant
 * time. A missing, malformed or foreign signature is simply not a match.
 */
public final class WebhookSignature {
  private final byte[] secret;
  private final String prefix;

  public WebhookSignature(String secret, String prefix) {
    this.secret = secret.getBytes(StandardCharsets.UTF_8);
    this.prefix = prefix;
  }

  /** Whether {@code header} is this secret's signature of {@code body}. */
  public boolean signs(String header, String body) {
    if (header == null || !header.startsWith(prefix) || header.length() == prefix.length()) {
      return false;
    }
    byte[] given;
    try {
      given = HexFormat.of().parseHex(header.substring(prefix.length()).strip());
    } catch (IllegalArgumentException e) {
      return false;
    }
    return MessageDigest.isEqual(mac(body.getBytes(StandardCharsets.UTF_8)), given);
  }

  private byte[] mac(byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret, "HmacSHA256"));
      return mac.doFinal(body);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
  }

  @Override
  public String toString() {
    return "WebhookSignature[" + (prefix.isEmpty() ? "hex" : prefix + "hex") + ", secret hidden]";
  }
}
