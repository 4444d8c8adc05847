package dev.candor.hooks;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs a delivery the Standard Webhooks way: {@code v1,} and the base64 HMAC-SHA256, under the key of the
 * {@code whsec_} secret, of {@code <webhook-id>.<webhook-timestamp>.<body>}.
 */
public final class WebhookSigner {
  private final SecretKeySpec key;

  /** {@code key}: the bytes the {@code whsec_} secret's base64 stands for. */
  public WebhookSigner(byte[] key) {
    this.key = new SecretKeySpec(key.clone(), "HmacSHA256");
  }

  /** The {@code webhook-signature} header of {@code body} sent as {@code id} at {@code timestamp} (Unix seconds). */
  public String sign(String id, long timestamp, String body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      byte[] hmac = mac.doFinal((id + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
      return "v1," + Base64.getEncoder().encodeToString(hmac);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
  }

  @Override
  public String toString() {
    return "WebhookSigner[key hidden]";
  }
}
