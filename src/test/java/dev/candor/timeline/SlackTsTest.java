package dev.candor.timeline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Reading Slack's ts: the quick path for plain digits gives what the exact decimal reading gives. */
class SlackTsTest {
  static Instant exactly(String ts) {
    try {
      BigDecimal seconds = new BigDecimal(ts);
      long whole = seconds.longValue();
      return Instant.ofEpochSecond(whole, seconds.subtract(BigDecimal.valueOf(whole)).movePointRight(9).longValue());
    } catch (NumberFormatException | NullPointerException e) {
      return Instant.EPOCH;
    }
  }

  @Test
  void everyForm_readsAsTheExactDecimal() {
    String[] forms = {"1700000000.000100", "1700000000", "1700000000.1", "1700000000.123456789", "1700000000.1234567891",
        "0.000001", "1.", ".5", "", "abc", "1700000000.00x1", "-5.5", "1e3", "999999999999999.5", null,
        "1773479403.512309"};
    for (String ts : forms) {
      assertEquals(exactly(ts), SlackTs.toInstant(ts), String.valueOf(ts));
    }
    Random random = new Random(3);
    for (int i = 0; i < 10_000; i++) {
      String ts = random.nextInt(2_000_000_000) + "." + String.format("%06d", random.nextInt(1_000_000));
      assertEquals(exactly(ts), SlackTs.toInstant(ts), ts);
    }
  }

  @Test
  void aMomentWrittenAsATs_readsBackToThatMoment() {
    Instant at = Instant.parse("2026-03-14T09:10:03.000100Z");
    assertEquals(at, SlackTs.toInstant(SlackTs.of(at)));
  }
}
