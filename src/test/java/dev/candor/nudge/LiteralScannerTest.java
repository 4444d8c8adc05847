package dev.candor.nudge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class LiteralScannerTest {

  /** Every occurrence, as "literal@start", found the slow way. */
  private static Set<String> expected(List<String> literals, String text) {
    String folded = CaseFold.fold(text);
    Set<String> out = new TreeSet<>();
    for (int id = 0; id < literals.size(); id++) {
      for (int at = folded.indexOf(literals.get(id)); at >= 0; at = folded.indexOf(literals.get(id), at + 1)) {
        out.add(id + "@" + at);
      }
    }
    return out;
  }

  private static Set<String> scanned(LiteralScanner scanner, String text) {
    Set<String> out = new TreeSet<>();
    scanner.scan(text, (literal, start) -> assertTrue(out.add(literal + "@" + start), "reported twice"));
    return out;
  }

  @Test
  void everyOccurrence_isFound_overlappingAndIgnoringCase() {
    List<String> literals = List.of("he", "the", "them", "hem", "k", "sorry", "🙄", "it's", "it’s");
    LiteralScanner scanner = new LiteralScanner(literals.stream().map(CaseFold::fold).toList());
    String text = "THEM, then \u212A! \u017Forry 🙄🙄 it's IT’S";
    assertEquals(expected(literals, text), scanned(scanner, text));
    assertTrue(scanned(scanner, text).contains("4@11"), "the Kelvin sign is a k");
    assertTrue(scanned(scanner, text).contains("5@14"), "the long s is an s");
  }

  @Test
  void randomLiteralsAndTexts_findWhatIndexOfFinds_inSmallAndLargeAutomata() {
    Random random = new Random(3);
    String alphabet = "abcAB \u212A\u017Fk's’🙄";
    for (int size : new int[] {5, 50, 7_000}) { // 7,000 literals of 10 chars: more states than two-byte entries hold
      List<String> literals = new ArrayList<>();
      for (int i = 0; i < size; i++) {
        literals.add(CaseFold.fold(word(random, alphabet, size > 1_000 ? 10 : 1 + random.nextInt(4))));
      }
      literals = new ArrayList<>(new LinkedHashSet<>(literals));
      LiteralScanner scanner = new LiteralScanner(literals);
      for (int t = 0; t < 50; t++) {
        String text = word(random, alphabet, random.nextInt(300));
        assertEquals(expected(literals, text), scanned(scanner, text), text);
      }
      if (size > 1_000) {
        assertTrue(scanner.states() > 0x8000, "the large table is used: " + scanner);
      }
    }
  }

  private static String word(Random random, String alphabet, int length) {
    int[] cps = alphabet.codePoints().toArray();
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < length; i++) {
      b.appendCodePoint(cps[random.nextInt(cps.length)]);
    }
    return b.toString();
  }
}
