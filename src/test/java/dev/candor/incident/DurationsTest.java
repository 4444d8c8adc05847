package dev.candor.incident;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DurationsTest {
  static String words(long hours, long minutes, long seconds) {
    return Durations.words(Duration.ofHours(hours).plusMinutes(minutes).plusSeconds(seconds));
  }

  @Test
  void eachSize_showsItsTwoLargestUnits() {
    assertEquals("45 s", words(0, 0, 45));
    assertEquals("31 min", words(0, 31, 0));
    assertEquals("1 h", words(1, 0, 0));
    assertEquals("2 h 5 min", words(2, 5, 0));
    assertEquals("1 d", words(24, 0, 0));
    assertEquals("3 d 4 h", words(76, 0, 0));
  }

  @Test
  void theLastUnitShown_isRoundedToTheNearest_notCutDown() {
    assertEquals("1 d 2 h", words(25, 58, 0), "25 h 58 min");
    assertEquals("1 d 1 h", words(25, 29, 59));
    assertEquals("1 d 2 h", words(25, 30, 0), "halves round up");
    assertEquals("31 min", words(0, 31, 27));
    assertEquals("32 min", words(0, 31, 30));
    assertEquals("1 h 6 min", words(1, 5, 45));
  }

  @Test
  void roundingUp_carriesIntoTheNextUnit() {
    assertEquals("1 h", words(0, 59, 40));
    assertEquals("2 h", words(1, 59, 31));
    assertEquals("1 d", words(23, 59, 40));
    assertEquals("2 d", words(47, 45, 0));
    assertEquals("1 min", words(0, 1, 0));
    assertEquals("59 s", words(0, 0, 59));
  }

  @Test
  void nothingOrLess_isZeroSeconds() {
    assertEquals("0 s", Durations.words(Duration.ZERO));
    assertEquals("0 s", Durations.words(Duration.ofMinutes(-5)));
  }
}
