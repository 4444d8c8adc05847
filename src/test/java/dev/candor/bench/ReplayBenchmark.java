package dev.candor.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.candor.nudge.BlameDetector;
import dev.candor.nudge.RuleSet;
import dev.candor.replay.ExportChannel;
import dev.candor.replay.SlackExport;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code candor replay} on a generated export of {@code bench.messages} (1,000,000) messages in one channel:
 * the replay runs as a user runs it, in a child JVM limited to {@code -Xmx512m}, and the benchmark prints its
 * wall time, messages per second and peak heap (from the child's GC log), beside a baseline in the same run:
 * the same export only stream-parsed (both passes the reader makes over each day file). Targets (issue 7):
 * under 60 s and under 512 MB of heap on the 2-core machine.
 *
 * <p>Not a timed test: it fails only when the replay fails or its output is wrong (entry or nudge counts
 * differ from what was generated), never on speed. Run it with
 * {@code mvn -B -q -Pbench test -Dbench=ReplayBenchmark} ({@code -Dbench.messages=100000} for a quick look).
 */
class ReplayBenchmark {
  static final String CHANNEL = "inc-2026-01-05-checkout-bench";
  static final String CHANNEL_ID = "C0BENCH01";
  static final Instant START = Instant.parse("2026-01-05T08:00:00Z");
  static final int PER_DAY = 10_000;
  static final double TARGET_SECONDS = 60;
  static final long TARGET_HEAP_MB = 512;
  private static final Pattern GC_LINE = Pattern.compile("(\\d+)M->(\\d+)M\\((\\d+)M\\)");

  static final List<String> CHATTER = List.of(
      "p99 on checkout is %d ms in eu-west, error rate %d%%", "rolling back payments-api to 7.%d now",
      "connections on pg-primary at %d, most of them idle in transaction", "canary at %d%%, looks healthy so far",
      "ticket count: %d, all EU", "the %d:00 deploy changed the pool settings, checking the diff",
      "status page updated, next update in %d minutes", "who is on call for payments-db? need a second pair of eyes (%d)",
      "the failover should have kicked in at %d:05 and didn't, worth a look", "I should have a fix in %d minutes",
      "graph for the last %d hours: https://grafana.example.com/d/checkout", "nice catch, that was it (%d)",
      "thanks for jumping on this at %d am :pray:", "not my area, can storage look at volume %d?",
      "dumb question: is the CDN in scope for region %d?", "I broke down the latency by endpoint, /confirm is %d ms",
      "log says `ERROR failed to connect to db-%d (timeout=30s)`", "the cache should have expired after %d minutes",
      "let's not stop at human error, what made step %d look safe?", "queue depth %d and falling");
  static final List<String> BLAME = List.of(
      "sam's deploy broke checkout again", "who approved this PR?? I want a name", "you should have load tested this",
      "root cause: human error, case closed", "honestly, whoever merged it was careless");
  static final List<String> SELF_BLAME = List.of("ugh, this is on me, sorry everyone", "my fault, I pushed it without checking");

  @TempDir Path dir;
  private final List<String> lines = new ArrayList<>();

  /** What the generator put in the export, to check the replay against. */
  static final class Generated {
    long messages;
    long edits;
    long pins;
    long keyReactions;
    long shown;
    long bytes;
    int days;
  }

  @Test
  void replay_ofAMillionMessages_inAChildJvmWith512MbOfHeap() throws Exception {
    int messages = Integer.getInteger("bench.messages", 1_000_000);
    int modelMessages = Integer.getInteger("bench.model.messages", 20_000);
    print(machine(messages));
    Path export = dir.resolve("export");
    Generated g = generateAndPrint(export, messages);

    long b0 = System.nanoTime();
    long parsed = parseOnly(export);
    double baseline = (System.nanoTime() - b0) / 1e9;
    assertEquals(g.messages, parsed, "the baseline reads every message");
    print(String.format(Locale.ROOT, "baseline (stream-parse only, in this JVM): %.1f s, %,.0f messages/s",
        baseline, parsed / baseline));

    Child rules = replay(export, g, false, "rules");
    print(String.format(Locale.ROOT, "comparison: replay %.1fx the baseline's time; wall %s (target < %.0f s), "
            + "heap %s (target < %d MB)", rules.wall / baseline, rules.wall < TARGET_SECONDS ? "PASS" : "MISS",
        TARGET_SECONDS, rules.heapMb < TARGET_HEAP_MB ? "PASS" : "MISS", TARGET_HEAP_MB));
    if (modelMessages > 0) {
      withTheModel(messages, rules, modelMessages);
    }
    Path report = Path.of(System.getProperty("basedir", ".")).resolve("target/bench/replay.txt");
    Files.createDirectories(report.getParent());
    Files.writeString(report, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
    System.out.println("[bench] written to " + report.toAbsolutePath().normalize());
  }

  /**
   * The learned model on (CANDOR_NUDGE_MODEL=on): a smaller export of the same kind, which the encoder (milliseconds a
   * message) gets through in minutes on two cores, replayed with the rules alone and with the model; the figures for
   * {@code messages} are extrapolated from it, and printed as such.
   */
  private void withTheModel(int messages, Child rulesAtFull, int size) throws Exception {
    Path export = dir.resolve("export-model");
    Generated g = generateAndPrint(export, size);
    EncoderReach.Tally reach = new EncoderReach().replay(export, CHANNEL);
    print(reach.line("what the model reads in it (replayed in this JVM with an encoder that counts)"));
    Child rules = replay(export, g, false, "rules-small");
    Child model = replay(export, g, true, "model");
    double extra = model.wall - rules.wall;
    double perRead = reach.encoded() == 0 ? 0 : extra / reach.encoded() * 1e3;
    double scale = messages / (double) size;
    print(String.format(Locale.ROOT, "model on / rules alone at %,d messages: wall %.1fx, CPU %.1fx; the model added "
            + "%.1f s (its load included) for %,d messages read, %.1f ms a message read; it found %,d the rules let "
            + "pass", size, model.wall / rules.wall, model.cpu / rules.cpu, extra, reach.encoded(), perRead,
        model.modelFindings));
    print(String.format(Locale.ROOT, "EXTRAPOLATED, not measured: %,d messages with the model on would take about %.0f "
            + "s (%.1f min: the rules-alone run above plus %.1fx the model's extra time here), at %,.0f messages/s",
        messages, rulesAtFull.wall + extra * scale, (rulesAtFull.wall + extra * scale) / 60, scale,
        messages / (rulesAtFull.wall + extra * scale)));
  }

  private Generated generateAndPrint(Path export, int messages) throws IOException {
    long t0 = System.nanoTime();
    Generated g = generate(export, messages);
    print(String.format(Locale.ROOT, "export: %,d messages in %d day files, %,d MB of JSON, generated in %.1f s",
        g.messages, g.days, g.bytes >> 20, (System.nanoTime() - t0) / 1e9));
    return g;
  }

  /** What one child replay took and found. */
  record Child(double wall, double cpu, long heapMb, long modelFindings) {}

  /**
   * {@code candor replay} of the export in a child JVM limited to 512 MB, as a user runs it, the learned model on or
   * off; prints its figures and checks its output (every entry recorded, every rule finding once).
   */
  private Child replay(Path export, Generated g, boolean model, String name) throws Exception {
    Path out = dir.resolve("out-" + name);
    Path gcLog = dir.resolve("gc-" + name + ".log");
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx512m", "-Xlog:gc:file=" + gcLog, "-cp", System.getProperty("java.class.path"), "dev.candor.main.Main",
        "replay", export.toString(), "--channel", CHANNEL, "--out", out.toString()));
    Path stdout = dir.resolve("replay-" + name + ".out");
    Path stderr = dir.resolve("replay-" + name + ".err");
    ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(stdout.toFile()).redirectError(stderr.toFile());
    builder.environment().put("CANDOR_NUDGE_MODEL", model ? "on" : "off");
    long r0 = System.nanoTime();
    Process child = builder.start();
    long peakRss = 0;
    Duration cpu = Duration.ZERO;
    while (!child.waitFor(200, TimeUnit.MILLISECONDS)) {
      peakRss = Math.max(peakRss, rssKb(child.pid()));
      cpu = child.info().totalCpuDuration().orElse(cpu);
    }
    double wall = (System.nanoTime() - r0) / 1e9;
    String said = Files.readString(stdout, StandardCharsets.UTF_8);
    String complained = Files.readString(stderr, StandardCharsets.UTF_8);
    long[] heap = heapFromGcLog(gcLog);
    print(String.format(Locale.ROOT, "replay of %,d messages, %s (child JVM, -Xmx512m): exit %d, %.1f s, %,.0f "
            + "messages/s, %.1f s of CPU (%.1f cores busy on average), peak heap %d MB (largest before a GC; %d GCs, "
            + "at most %d MB committed), peak RSS %d MB", g.messages, model ? "model on" : "rules alone",
        child.exitValue(), wall, g.messages / wall, cpu.toMillis() / 1e3, cpu.toMillis() / 1e3 / wall, heap[0],
        heap[2], heap[1], peakRss >> 10));
    print(String.format(Locale.ROOT, "machine after: load average %.2f, CPU pressure %s",
        ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(), cpuPressure()));
    print("replay said: " + said.strip().replace("\n", " | "));
    if (!complained.isBlank()) {
      print("replay complained: " + complained.strip().replace("\n", " | "));
    }
    assertEquals(0, child.exitValue(), said + complained);
    long[] sizes = {Files.size(out.resolve("timeline.md")), Files.size(out.resolve("timeline.json")),
        Files.size(out.resolve("nudges.md")), Files.size(out.resolve("postmortem.md"))};
    print(String.format(Locale.ROOT, "documents: timeline.md %,d MB, timeline.json %,d MB, nudges.md %,d KB, "
        + "postmortem.md %,d KB", sizes[0] >> 20, sizes[1] >> 20, sizes[2] >> 10, sizes[3] >> 10));

    long entries = g.messages + g.edits + g.pins + g.keyReactions + 3; // declared, mitigated, resolved
    assertEquals(true, said.contains(String.format(Locale.ROOT, " %d timeline entries (hash chain verified)", entries)),
        "expected " + entries + " entries: " + said);
    List<String> findings;
    try (Stream<String> nudges = Files.lines(out.resolve("nudges.md"))) {
      findings = nudges.filter(l -> l.startsWith("- 20")).toList();
    }
    long byModel = findings.stream().filter(l -> l.contains("(model, p=")).count();
    assertEquals(g.shown, findings.size() - byModel, "every message judged once, the rules' findings all there");
    if (!model) {
      assertEquals(0, byModel, "the model is off");
    }
    return new Child(wall, cpu.toMillis() / 1e3, heap[0], byModel);
  }

  /** Writes the export: users, channels, and {@link #PER_DAY} messages a day in the incident channel. */
  static Generated generate(Path root, int count) throws IOException {
    Files.createDirectories(root.resolve(CHANNEL));
    Random random = new Random(7);
    BlameDetector detector = new BlameDetector(RuleSet.builtIn());
    Map<String, Boolean> verdicts = new HashMap<>();
    Generated g = new Generated();
    JsonFactory json = new JsonFactory();
    int people = 40;
    try (OutputStream out = Files.newOutputStream(root.resolve("users.json")); JsonGenerator w = json.createGenerator(out)) {
      w.writeStartArray();
      for (int u = 0; u < people; u++) {
        w.writeStartObject();
        w.writeStringField("id", user(u));
        w.writeStringField("name", "person" + u);
        w.writeStringField("real_name", "Person " + u);
        w.writeEndObject();
      }
      w.writeEndArray();
    }
    Files.writeString(root.resolve("channels.json"), "[{\"id\":\"" + CHANNEL_ID + "\",\"name\":\"" + CHANNEL
        + "\",\"created\":" + START.getEpochSecond() + ",\"creator\":\"U000\",\"purpose\":{\"value\":\"Checkout latency, "
        + "a long one (sev2)\"},\"topic\":{\"value\":\"\"}}]");
    long spacingMicros = 86_400_000_000L / PER_DAY;
    List<String> recent = new ArrayList<>();
    int n = 0;
    while (n < count) {
      LocalDate day = LocalDate.ofInstant(START, ZoneOffset.UTC).plusDays(g.days);
      Path file = root.resolve(CHANNEL).resolve(day + ".json");
      try (OutputStream out = Files.newOutputStream(file); JsonGenerator w = json.createGenerator(out)) {
        w.writeStartArray();
        for (int i = 0; i < PER_DAY && n < count; i++, n++) {
          long micros = START.getEpochSecond() * 1_000_000L + (long) n * spacingMicros + random.nextInt(1000);
          String ts = String.format(Locale.ROOT, "%d.%06d", micros / 1_000_000, micros % 1_000_000);
          String author = user(random.nextInt(people));
          w.writeStartObject();
          w.writeStringField("type", "message");
          int kind = random.nextInt(1000);
          if (n < people || kind < 1) {
            w.writeStringField("subtype", "channel_join");
            w.writeStringField("user", n < people ? user(n) : author);
            w.writeStringField("text", "<@" + author + "> has joined the channel");
            w.writeStringField("ts", ts);
          } else if (kind < 20) {
            w.writeStringField("subtype", "bot_message");
            w.writeStringField("bot_id", "B0ALERTS");
            w.writeStringField("username", "Alertmanager");
            w.writeStringField("text", "");
            w.writeStringField("ts", ts);
            w.writeArrayFieldStart("attachments");
            w.writeStartObject();
            w.writeStringField("fallback", "[FIRING:1] CheckoutLatencyHigh p99 " + random.nextInt(5000) + " ms");
            w.writeEndObject();
            w.writeEndArray();
          } else {
            String text = text(kind, n, count, random);
            w.writeStringField("user", author);
            w.writeStringField("text", text);
            w.writeStringField("ts", ts);
            if (verdicts.computeIfAbsent(text, t -> detector.judge(t).shown().isPresent())) {
              g.shown++;
            }
            if (random.nextInt(100) < 15 && !recent.isEmpty()) {
              w.writeStringField("thread_ts", recent.get(random.nextInt(recent.size())));
            } else if (random.nextInt(100) < 5) {
              recent.add(ts);
              if (recent.size() > 20) {
                recent.remove(0);
              }
            }
            if (random.nextInt(100) < 2) {
              w.writeObjectFieldStart("edited");
              w.writeStringField("user", author);
              w.writeStringField("ts", String.format(Locale.ROOT, "%d.%06d", micros / 1_000_000 + 60, micros % 1_000_000));
              w.writeEndObject();
              g.edits++;
            }
            if (random.nextInt(2000) == 0) {
              w.writeArrayFieldStart("pinned_to");
              w.writeString(CHANNEL_ID);
              w.writeEndArray();
              g.pins++;
            }
            int reactions = random.nextInt(100);
            if (reactions < 6) {
              w.writeArrayFieldStart("reactions");
              w.writeStartObject();
              w.writeStringField("name", reactions == 0 ? "pushpin" : "eyes");
              w.writeArrayFieldStart("users");
              w.writeString(user(random.nextInt(people)));
              w.writeEndArray();
              w.writeNumberField("count", 1);
              w.writeEndObject();
              w.writeEndArray();
              if (reactions == 0) {
                g.keyReactions++;
              }
            }
            if (random.nextInt(200) == 0) {
              w.writeArrayFieldStart("files");
              w.writeStartObject();
              w.writeStringField("id", "F" + n);
              w.writeStringField("name", "graph-" + n + ".png");
              w.writeEndObject();
              w.writeEndArray();
            }
          }
          w.writeEndObject();
          g.messages++;
        }
        w.writeEndArray();
      }
      g.bytes += Files.size(file);
      g.days++;
    }
    return g;
  }

  /** A person's words: mostly incident chatter, 1% blame, 0.2% self-blame; mitigated halfway, resolved at the end. */
  static String text(int kind, int n, int count, Random random) {
    if (n == count / 2) {
      return "Impact has stopped; we're mitigated. Monitoring.";
    }
    if (n == count - 10) {
      return "Resolved: p99 normal for two hours. Closing the incident.";
    }
    if (kind < 30) {
      return BLAME.get(random.nextInt(BLAME.size()));
    }
    if (kind < 32) {
      return SELF_BLAME.get(random.nextInt(SELF_BLAME.size()));
    }
    return chatter(random);
  }

  /** Plain incident chatter: one line of {@link #CHATTER}, or two in one message. */
  static String chatter(Random random) {
    String text = String.format(Locale.ROOT, CHATTER.get(random.nextInt(CHATTER.size())), random.nextInt(24),
        random.nextInt(100));
    return random.nextInt(3) == 0 ? text + ". " + String.format(Locale.ROOT,
        CHATTER.get(random.nextInt(CHATTER.size())), random.nextInt(24), random.nextInt(100)) : text;
  }

  static String user(int u) {
    return String.format(Locale.ROOT, "U%03d", u);
  }

  /** The reader alone, as the replay uses it: every day file checked, then parsed one message at a time. */
  static long parseOnly(Path export) throws Exception {
    AtomicLong count = new AtomicLong();
    try (SlackExport slack = SlackExport.open(export)) {
      ExportChannel channel = slack.channel(CHANNEL);
      slack.messages(channel, null, null, (file, m) -> count.incrementAndGet(), w -> {
        throw new IllegalStateException(w);
      });
    }
    return count.get();
  }

  /** The largest heap in use before a collection, the most committed, and how many collections, in MB. */
  static long[] heapFromGcLog(Path gcLog) throws IOException {
    long before = 0;
    long committed = 0;
    long collections = 0;
    for (String line : Files.readAllLines(gcLog)) {
      Matcher m = GC_LINE.matcher(line);
      if (m.find()) {
        before = Math.max(before, Long.parseLong(m.group(1)));
        committed = Math.max(committed, Long.parseLong(m.group(3)));
        collections++;
      }
    }
    return new long[] {before, committed, collections};
  }

  /** The share of time some task waited for a CPU over the last 60 s (Linux PSI), or "unknown". */
  static String cpuPressure() {
    try {
      String some = Files.readAllLines(Path.of("/proc/pressure/cpu")).get(0);
      Matcher m = Pattern.compile("avg60=([0-9.]+)").matcher(some);
      return m.find() ? m.group(1) + "% of the last minute some task waited for a CPU" : "unknown";
    } catch (IOException | RuntimeException e) {
      return "unknown";
    }
  }

  static long rssKb(long pid) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
        if (line.startsWith("VmHWM:")) {
          return Long.parseLong(line.replaceAll("\\D", ""));
        }
      }
    } catch (IOException | RuntimeException e) {
      // not Linux, or the process just ended
    }
    return 0;
  }

  private String machine(int messages) {
    double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    return String.format(Locale.ROOT, "machine: %d processors, Java %s (%s), %s %s; load average %.2f at start, "
            + "CPU pressure %s; %,d messages", Runtime.getRuntime().availableProcessors(),
        System.getProperty("java.version"), System.getProperty("java.vm.name"), System.getProperty("os.name"),
        System.getProperty("os.arch"), load, cpuPressure(), messages);
  }

  private void print(String line) {
    lines.add(line);
    System.out.println(line);
  }
}
