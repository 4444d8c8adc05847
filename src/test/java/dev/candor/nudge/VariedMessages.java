package dev.candor.nudge;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Many different messages, made from the labelled ones (the hand-written cases and the dev set): as they are;
 * joined into long messages of up to about 1 KB; and changed in the ways chat changes text: case, curly
 * apostrophes, runs of spaces, line breaks, code, quotes, quoted lines, links, mentions, emoji (outside the
 * Basic Multilingual Plane), letters that fold into ASCII ones (the Kelvin sign, the long s, dotted capital I),
 * cut words, words dropped or doubled. Deterministic for a seed.
 */
final class VariedMessages {
  private static final String[] SEPARATORS = {" ", "\n", ". ", ", ", " — ", "\n\n", "; ", " (", "! "};
  private static final String[] EXTRAS = {"`kubectl rollout undo deploy/api`", "```\nERROR conn refused\n```",
      "\"human error\"", "'root cause'", "> i broke it, sorry", "&gt; who broke prod", "<https://example.com/x|link>",
      "https://grafana.example.com/d/abc?x=1", "<@U024BE7LH>", "<@W12AB|priya>", "@marco.rossi", "@here", "🙄", "😭",
      "🤦", ":facepalm:", ":roll_eyes:", "2024-05-01 12:00:01 ERROR timeout", "user=bob status=500",
      "NullPointerException at Foo.bar(Foo.java:1)", "          ", "\t", "’", "'", "\"", "“", "…", "\u212A", "\u017F", "\u0130",
      "ﬁ", "é", "e\u0301", "日本語", "ok so", "and then", "lol", "tbh"};

  private VariedMessages() {}

  static List<String> labelled() throws IOException {
    List<String> texts = new ArrayList<>(JudgeEquivalenceTest.texts("nudge/cases.jsonl"));
    texts.addAll(JudgeEquivalenceTest.texts("nudge/blame-dev.jsonl"));
    return texts;
  }

  /** The labelled messages, then {@code count} made from them. */
  static List<String> corpus(int count, long seed) throws IOException {
    List<String> base = labelled();
    List<String> out = new ArrayList<>(base);
    Random random = new Random(seed);
    for (int i = 0; i < count; i++) {
      String text = i % 3 == 0 ? joined(base, random, 1024) : base.get(random.nextInt(base.size()));
      int changes = 1 + random.nextInt(3);
      for (int c = 0; c < changes; c++) {
        text = changed(text, random);
      }
      out.add(text);
    }
    return out;
  }

  /** Labelled messages one after another, with separators and odd bits between, up to about {@code size} chars. */
  static String joined(List<String> base, Random random, int size) {
    StringBuilder m = new StringBuilder();
    while (m.length() < size) {
      m.append(base.get(random.nextInt(base.size())));
      m.append(SEPARATORS[random.nextInt(SEPARATORS.length)]);
      if (random.nextInt(4) == 0) {
        m.append(EXTRAS[random.nextInt(EXTRAS.length)]).append(' ');
      }
    }
    return m.substring(0, size);
  }

  static String changed(String text, Random random) {
    if (text.isEmpty()) {
      return text;
    }
    int at = random.nextInt(text.length());
    return switch (random.nextInt(12)) {
      case 0 -> text.toUpperCase(Locale.ROOT);
      case 1 -> flipCase(text, random);
      case 2 -> text.replace('\'', '’');
      case 3 -> text.replace('’', '\'').replace(' ', random.nextBoolean() ? '\t' : ' ');
      case 4 -> text.substring(0, at) + " ".repeat(1 + random.nextInt(200)) + text.substring(at);
      case 5 -> text.substring(0, at) + EXTRAS[random.nextInt(EXTRAS.length)] + text.substring(at);
      case 6 -> text.substring(0, at); // a cut, maybe inside a word
      case 7 -> text.substring(at);
      case 8 -> dropOrDoubleWord(text, random);
      case 9 -> text.substring(0, at) + "\n" + text.substring(at);
      case 10 -> "> " + text;
      default -> text.replace("k", random.nextBoolean() ? "\u212A" : "K").replace("s", random.nextBoolean() ? "\u017F" : "S")
          .replace("I", "\u0130");
    };
  }

  private static String flipCase(String text, Random random) {
    StringBuilder b = new StringBuilder(text.length());
    for (char c : text.toCharArray()) {
      b.append(random.nextInt(3) == 0 ? (Character.isUpperCase(c) ? Character.toLowerCase(c) : Character.toUpperCase(c)) : c);
    }
    return b.toString();
  }

  private static String dropOrDoubleWord(String text, Random random) {
    String[] words = text.split(" ", -1);
    int i = random.nextInt(words.length);
    List<String> out = new ArrayList<>(List.of(words));
    if (random.nextBoolean()) {
      out.remove(i);
    } else {
      out.add(i, words[i]);
    }
    return String.join(" ", out);
  }
}
