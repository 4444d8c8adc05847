package dev.candor.timeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SecretMaskerTest {
  static final EvidenceKey KEY = new EvidenceKey(filled(7));
  final SecretMasker masker = new SecretMasker(KEY);

  static byte[] filled(int b) {
    byte[] bytes = new byte[32];
    Arrays.fill(bytes, (byte) b);
    return bytes;
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "token xoxb-1234567890-0987654321-AbCdEfGhIjKlMnOp here|xoxb-1234567890|Slack token",
      "app xapp-1-A0123-456789-abcdef0123456789|xapp-1-A0123|Slack token",
      "key AKIAIOSFODNN7EXAMPLE leaked|AKIAIOSFODNN7EXAMPLE|AWS access key",
      "aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY|wJalrXUtnFEMI|AWS secret key",
      "curl -H 'Authorization: Bearer eyJhbGciOiJIUzI1NiJ9abcdefghijkl'|eyJhbGciOiJIUzI1NiJ9abcdefghijkl|bearer token",
      "db at postgres://admin:S3cr3t!pw@db.internal:5432/app|S3cr3t!pw|password in URL",
      "set password=hunter2hunter2 now|hunter2hunter2|password",
      "gh token ghp_abcdefghijklmnopqrstuvwxyz0123456789AB|ghp_abcdefghij|GitHub token",
      "stripe sk_live_abcdefghijklmnop1234|sk_live_abcdefgh|Stripe key",
      "hook https://hooks.slack.com/services/T000/B000/XXXXXXXXXXXX|hooks.slack.com/services/T000|Slack webhook"})
  void commonSecrets_areMasked_andNamed(String text, String secretPart, String name) {
    SecretMasker.Masked masked = masker.mask(text);
    assertFalse(masked.text().contains(secretPart), masked.text());
    assertTrue(masked.text().contains("[masked " + name + "]"), masked.text());
    assertEquals(1, masked.secretMacs().size(), masked.toString());
  }

  @Test
  void aPrivateKeyBlock_isMaskedWhole() {
    String text = "oops:\n-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA1234\nabcd\n-----END RSA PRIVATE KEY-----\nsorry";
    SecretMasker.Masked masked = masker.mask(text);
    assertEquals("oops:\n[masked private key]\nsorry", masked.text());
  }

  @ParameterizedTest
  @ValueSource(strings = {"the db is down", "p99 latency 4s on xoxo-cluster", "see https://example.com/path",
      "AKIA is a prefix", "password reset emails are delayed", "token bucket at 100 rps", ""})
  void ordinaryText_isLeftAlone(String text) {
    SecretMasker.Masked masked = masker.mask(text);
    assertEquals(text, masked.text());
    assertTrue(masked.secretMacs().isEmpty());
  }

  @Test
  void theHmac_dependsOnTheLocalKey_soAShortPasswordCannotBeLookedUp() {
    String text = "password=hunter2x";
    String mine = masker.mask(text).secretMacs().get(0);
    String other = new SecretMasker(new EvidenceKey(filled(9))).mask(text).secretMacs().get(0);
    assertNotEquals(mine, other);
    assertEquals(mine, masker.mask(text).secretMacs().get(0), "the same secret gives the same fingerprint");
    assertFalse(mine.contains("hunter2x"));
  }
}
