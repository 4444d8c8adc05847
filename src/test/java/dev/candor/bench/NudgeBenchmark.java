package dev.candor.bench;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.candor.nudge.BlameDetector;
import dev.candor.nudge.RuleSet;
import dev.candor.nudge.Verdict;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The blame detector's speed on one thread, for 1 KB incident messages: messages per second and the
 * p99 time per message of {@code judge} (what Candor runs on every live message), beside a baseline
 * (one precompiled regex over the same text) in the same run. A second line measures messages made only of
 * the sentences without blame, where no rule stops the search early and every rule is tried (most live
 * messages are like that). Not a timed test: it prints figures and never fails on speed.
 */
class NudgeBenchmark {
  static final int MESSAGES = 20_000;
  static final List<String> SENTENCES = List.of(
      "p99 on checkout is 4s since 14:02, error rate 12%.", "rolling back the 14:02 deploy now.",
      "who is on call for payments?", "the cache should have expired after 5 minutes.",
      "you should have tested this in staging first.", "who broke prod?", "my fault, sorry everyone.",
      "log says `ERROR failed to connect to db-3 (timeout=30s)`.", "graph: https://grafana.example.com/d/abc",
      "thanks for jumping on this at 3am :pray:", "sam's deploy took us down again.",
      "the failover should have kicked in, looking at why it didn't.", "not my area, can storage look?",
      "> sorry all, this was me", "lazy loading is off on that page, so the bundle is huge.",
      "dumb question: is the CDN in scope?", "root cause: human error. closing.", "nice catch, that was it.");

  static List<String> messages(int n, int size, long seed) {
    return messages(SENTENCES, n, size, seed);
  }

  static List<String> messages(List<String> sentences, int n, int size, long seed) {
    Random random = new Random(seed);
    List<String> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      StringBuilder m = new StringBuilder(size + 80);
      while (m.length() < size) {
        m.append(sentences.get(random.nextInt(sentences.size()))).append(random.nextInt(5) == 0 ? "\n" : " ");
      }
      out.add(m.substring(0, size));
    }
    return out;
  }

  record Figures(double perSecond, double p50Micros, double p99Micros, double maxMicros) {
    @Override
    public String toString() {
      return String.format(Locale.ROOT, "%,.0f messages/s, per message p50 %.1f µs, p99 %.1f µs, max %.1f µs",
          perSecond, p50Micros, p99Micros, maxMicros);
    }
  }

  interface Work {
    Object run(String message);
  }

  static Figures measure(List<String> messages, Work work) {
    long[] nanos = new long[messages.size()];
    Object sink = null;
    long start = System.nanoTime();
    for (int i = 0; i < messages.size(); i++) {
      long t = System.nanoTime();
      sink = work.run(messages.get(i));
      nanos[i] = System.nanoTime() - t;
    }
    long total = System.nanoTime() - start;
    assertTrue(sink != null || messages.isEmpty());
    Arrays.sort(nanos);
    return new Figures(messages.size() / (total / 1e9), nanos[nanos.length / 2] / 1e3,
        nanos[(int) (nanos.length * 0.99)] / 1e3, nanos[nanos.length - 1] / 1e3);
  }

  @Test
  void detectorSpeed_onOneThread_for1KbMessages() throws IOException {
    BlameDetector detector = new BlameDetector(RuleSet.builtIn());
    Pattern baseline = Pattern.compile("\\bshould(?:'ve| have)\\b", Pattern.CASE_INSENSITIVE);
    List<String> warm = messages(MESSAGES, 1024, 1);
    List<String> measured = messages(MESSAGES, 1024, 2);
    // (a sentence is judged after another too: "> sorry all, this was me" is a quote only where a line starts)
    List<String> calm = SENTENCES.stream()
        .filter(s -> detector.verdict(s) == Verdict.NONE && detector.verdict("ok " + s) == Verdict.NONE).toList();
    List<String> measuredCalm = messages(calm, MESSAGES, 1024, 3);
    for (int round = 0; round < 5; round++) { // warm up the JIT on all
      measure(warm, detector::judge);
      measure(messages(calm, MESSAGES, 1024, 4), detector::judge);
      measure(warm, m -> baseline.matcher(m).find());
    }
    List<Figures> runs = new ArrayList<>();
    List<Figures> calmRuns = new ArrayList<>();
    List<Figures> baselines = new ArrayList<>();
    for (int round = 0; round < 5; round++) {
      runs.add(measure(measured, detector::judge));
      calmRuns.add(measure(measuredCalm, detector::judge));
      baselines.add(measure(measured, m -> baseline.matcher(m).find()));
    }
    Figures detector5 = median(runs);
    Figures calm5 = median(calmRuns);
    Figures base5 = median(baselines);
    long blaming = measured.stream().filter(m -> detector.verdict(m) != Verdict.NONE).count();
    long calmBlaming = measuredCalm.stream().filter(m -> detector.verdict(m) != Verdict.NONE).count();
    List<String> lines = List.of(
        String.format(Locale.ROOT, "machine: %d processors, Java %s, %s %s", Runtime.getRuntime().availableProcessors(),
            System.getProperty("java.version"), System.getProperty("os.name"), System.getProperty("os.arch")),
        "input: " + MESSAGES + " messages of 1,024 characters (mixed incident chat; " + blaming
            + " judged blame or self-blame), one thread, 5 warm-up rounds, median of 5 measured rounds",
        "detector (" + RuleSet.builtIn().rules().size() + " rules): " + detector5,
        "detector, messages of the " + calm.size() + " sentences without blame (" + calmBlaming
            + " judged blame or self-blame; every rule tried): " + calm5,
        "baseline (one precompiled regex find): " + base5,
        String.format(Locale.ROOT, "ratio: detector/baseline throughput %.3f, p99 %.1fx; targets: >= 50,000 messages/s %s, "
            + "p99 <= 1 ms %s", detector5.perSecond() / base5.perSecond(), detector5.p99Micros() / base5.p99Micros(),
            detector5.perSecond() >= 50_000 ? "PASS" : "MISS", detector5.p99Micros() <= 1_000 ? "PASS" : "MISS"),
        String.format(Locale.ROOT, "without blame: detector/baseline throughput %.3f, p99 %.1fx; targets: >= 50,000 "
            + "messages/s %s, p99 <= 1 ms %s", calm5.perSecond() / base5.perSecond(), calm5.p99Micros() / base5.p99Micros(),
            calm5.perSecond() >= 50_000 ? "PASS" : "MISS", calm5.p99Micros() <= 1_000 ? "PASS" : "MISS"));
    lines.forEach(System.out::println);
    Path out = Path.of("target", "bench", "nudge.txt");
    Files.createDirectories(out.getParent());
    Files.write(out, lines);
  }

  static Figures median(List<Figures> runs) {
    List<Figures> byRate = new ArrayList<>(runs);
    byRate.sort((a, b) -> Double.compare(a.perSecond(), b.perSecond()));
    return byRate.get(byRate.size() / 2);
  }
}
