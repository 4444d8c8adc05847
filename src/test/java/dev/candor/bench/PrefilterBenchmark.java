package dev.candor.bench;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * The share of real-looking chat the cheap prefilter ({@code PersonReference}) keeps from the sentence encoder
 * (issue 13, item 4): the quick start's example export replayed as {@code candor replay} does it, and the corpus's
 * {@code none} messages of train and validation. Run with {@code mvn -B -q -Pbench test -Dbench=PrefilterBenchmark};
 * it takes seconds. It fails only when nothing was judged, never on the share.
 */
class PrefilterBenchmark {
  static final String EXAMPLE_CHANNEL = "inc-2026-03-14-checkout-latency";
  private final List<String> lines = new ArrayList<>();

  @Test
  void prefilter_share() throws Exception {
    EncoderReach reach = new EncoderReach();
    Path base = Path.of(System.getProperty("basedir", "."));
    print(String.format(Locale.ROOT, "machine: load average %.2f",
        ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()));
    EncoderReach.Tally example = reach.replay(base.resolve("examples/slack-export"), EXAMPLE_CHANNEL);
    print(example.line("example replay (#" + EXAMPLE_CHANNEL + ", messages by people)"));
    List<CorpusChat.Labelled> corpus = CorpusChat.trainAndValidation();
    EncoderReach.Tally none = reach.tally(corpus.stream().filter(l -> l.label().equals("none"))
        .map(CorpusChat.Labelled::text).toList());
    print(none.line("corpus none messages (train + validation)"));
    EncoderReach.Tally blaming = reach.tally(corpus.stream().filter(l -> !l.label().equals("none"))
        .map(CorpusChat.Labelled::text).toList());
    print(blaming.line("corpus blame and self-blame messages (train + validation)"));

    Path out = base.resolve("target/bench/prefilter.txt");
    Files.createDirectories(out.getParent());
    Files.writeString(out, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
    System.out.println("[bench] written to " + out.toAbsolutePath().normalize());
    assertTrue(example.messages() > 0 && none.messages() > 0, "messages were judged");
  }

  private void print(String line) {
    lines.add(line);
    System.out.println(line);
  }
}
