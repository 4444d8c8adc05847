package dev.candor.main;

import static dev.candor.replay.Exports.message;
import static dev.candor.testing.CandorJar.assertNoStackTrace;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.candor.replay.Exports;
import dev.candor.testing.CandorJar;
import dev.candor.testing.CandorJar.Run;
import dev.candor.testing.TeamSeverities;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code candor replay} as a user runs it: the packaged jar in a child JVM, on the example and on broken exports. */
class ReplayIT {
  static final String CHANNEL = Exports.INCIDENT_CHANNEL;
  static final Path EXAMPLE = Exports.EXAMPLE.toAbsolutePath();
  static final List<String> DOCUMENTS = List.of("nudges.md", "postmortem.md", "timeline.json", "timeline.md");

  @TempDir Path dir;

  @BeforeAll
  static void theJarIsBuilt() {
    assertTrue(Files.isRegularFile(CandorJar.JAR), "mvn package should have made " + CandorJar.JAR.toAbsolutePath());
  }

  Run candor(String... args) throws IOException, InterruptedException {
    return CandorJar.run(dir, Map.of("LANG", "C.UTF-8"), args);
  }

  static List<String> names(Path folder) throws IOException {
    try (Stream<Path> children = Files.list(folder)) {
      return children.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  static void assertOneErrorLine(Run run, String expected) {
    assertEquals(2, run.exit(), run.describe());
    assertEquals(List.of("candor: " + expected), run.errLines(), run.describe());
    assertEquals("", run.out(), run.describe());
    assertNoStackTrace(run);
  }

  String read(Path folder, String doc) throws IOException {
    return Files.readString(folder.resolve(doc), StandardCharsets.UTF_8);
  }

  @Test
  void theQuickStart_replaysTheExampleIntoAFolderNamedAfterTheChannel() throws Exception {
    Run run = candor("replay", EXAMPLE.toString(), "--channel", CHANNEL);

    assertEquals(0, run.exit(), run.describe());
    assertEquals("", run.err(), run.describe());
    Path out = dir.resolve(CHANNEL);
    assertEquals(DOCUMENTS, names(out));
    List<String> lines = run.out().lines().toList();
    assertEquals(4, lines.size(), run.describe());
    assertTrue(lines.get(0).startsWith("Replayed #" + CHANNEL + " from " + EXAMPLE + ": 156 messages from 2 day files, "),
        run.describe());
    assertTrue(lines.get(0).endsWith(" timeline entries (hash chain verified)."), run.describe());
    assertEquals("INC-1 \"Checkout latency in eu-west\": started 2026-03-14 09:10 UTC, mitigated after 31 min, "
        + "resolved after 1 d 2 h (a message said so).", lines.get(1));
    assertEquals("Blame language: 9 blame, 2 self-blame in 133 messages by people (live, Candor would have sent 8 nudges and 2 notes of support).", lines.get(2));
    assertEquals("Wrote " + out.toRealPath() + ": timeline.md, timeline.json, nudges.md, postmortem.md.", lines.get(3));
    assertTrue(read(out, "postmortem.md").startsWith("# Post-mortem: INC-1 Checkout latency in eu-west\n"));
    assertTrue(read(out, "timeline.md").contains("📌 @ben: rollback complete"));
    assertNoStackTrace(run);
  }

  @Test
  void aZipReplays_asItsFolderDoes() throws Exception {
    Path zip = Exports.zip(EXAMPLE, dir.resolve("slack-export.zip"), null);

    Run fromZip = candor("replay", zip.toString(), "--channel", CHANNEL, "--out", "from-zip");
    Run fromFolder = candor("replay", EXAMPLE.toString(), "--channel", CHANNEL, "--out", "from-folder");

    assertEquals(0, fromZip.exit(), fromZip.describe());
    assertEquals(0, fromFolder.exit(), fromFolder.describe());
    for (String doc : List.of("timeline.md", "nudges.md", "postmortem.md")) {
      assertEquals(read(dir.resolve("from-folder"), doc), read(dir.resolve("from-zip"), doc), doc);
    }
  }

  @Test
  void aFolderWithSomethingInIt_isNeverOverwritten() throws Exception {
    Files.createDirectories(dir.resolve("out"));
    Files.writeString(dir.resolve("out/timeline.md"), "my notes");

    Run run = candor("replay", EXAMPLE.toString(), "--channel", CHANNEL, "--out", "out");

    assertOneErrorLine(run, "out already exists and is not empty; nothing was overwritten. Name another folder with "
        + "--out, or move it away");
    assertEquals("my notes", read(dir.resolve("out"), "timeline.md"));
    assertEquals(List.of("timeline.md"), names(dir.resolve("out")));
  }

  @Test
  void notAnExport_exitsTwoWithOneLine() throws Exception {
    Path text = Files.writeString(dir.resolve("notes.txt"), "not a zip");
    Path folder = Files.createDirectories(dir.resolve("photos"));

    assertOneErrorLine(candor("replay", text.toString(), "--channel", CHANNEL),
        text + " is not a Slack export: it is neither a folder nor a zip file (zip END header not found)");
    assertOneErrorLine(candor("replay", folder.toString(), "--channel", CHANNEL),
        folder + " is not a Slack export: there is no channels.json in it");
    assertOneErrorLine(candor("replay", dir.resolve("nowhere.zip").toString(), "--channel", CHANNEL),
        dir.resolve("nowhere.zip") + " does not exist");
    assertFalse(Files.exists(dir.resolve(CHANNEL)), "nothing was written");
  }

  @Test
  void noSuchChannel_listsTheChannelsThereAre() throws Exception {
    assertOneErrorLine(candor("replay", EXAMPLE.toString(), "--channel", "inc-2026-03-15-dns"),
        "there is no channel #inc-2026-03-15-dns in " + EXAMPLE + "; its channels: #deploys, #general, #" + CHANNEL
            + ", #payments-leads");
  }

  @Test
  void aMalformedDayFile_isSkippedWithAWarningNamingIt_andTheRestIsReplayed() throws Exception {
    Path copy = dir.resolve("export");
    try (Stream<Path> all = Files.walk(EXAMPLE)) {
      for (Path p : all.sorted().toList()) {
        Path target = copy.resolve(EXAMPLE.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target);
        }
      }
    }
    Path day2 = copy.resolve(CHANNEL).resolve("2026-03-15.json");
    String json = Files.readString(day2);
    Files.writeString(day2, json.substring(0, json.length() / 2));

    Run run = candor("replay", copy.toString(), "--channel", CHANNEL, "--out", "out");

    assertEquals(0, run.exit(), run.describe());
    assertEquals(1, run.errLines().size(), run.describe());
    assertTrue(run.errLines().get(0).startsWith("candor: warning: skipped " + CHANNEL + "/2026-03-15.json: it "),
        run.describe());
    assertTrue(run.errLines().get(0).contains(" at line "), run.describe());
    assertTrue(run.out().contains(" from 1 day file, "), run.describe());
    assertTrue(run.out().contains("(no message said so; its last message is taken as the end)"), run.describe());
    assertFalse(read(dir.resolve("out"), "timeline.md").contains("### 2026-03-15"));
    assertNoStackTrace(run);
  }

  @Test
  void oddChannelNames_areReplayedSafely_orRefusedClearly() throws Exception {
    Path export = new Exports.Builder(dir.resolve("odd")).channels("C1", "incident café ünï", "C2", "../../escape")
        .users("U1", "Zoë Ångström")
        .day("incident café ünï", "2026-03-14", message("U1", "1773478800.000100", "checkout is slow"),
            message("U1", "1773479400.000100", "Resolved: back to normal"))
        .root();
    Files.createDirectories(dir.resolve("escape"));
    Files.writeString(dir.resolve("escape/2026-03-14.json"), "[" + message("U1", "1773478800.000100", "outside") + "]");

    Run odd = candor("replay", export.toString(), "--channel", "incident café ünï");
    Run escape = candor("replay", export.toString(), "--channel", "../../escape");

    assertEquals(0, odd.exit(), odd.describe());
    assertEquals(DOCUMENTS, names(dir.resolve("incident-café-ünï")));
    assertTrue(read(dir.resolve("incident-café-ünï"), "timeline.md").contains("@Zoë Ångström: checkout is slow"));
    assertOneErrorLine(escape, "the channel name #../../escape in " + export
        + " is not a folder name an export can have; it is not read");
    assertTrue(Files.notExists(dir.resolve("escape").resolve("timeline.md")));
  }

  /** A team's scale by colours, with words Candor's own scale does not know. */
  static final String COLOURS = """
      {
        "SEV1": {"name": "Red", "description": "Customers can't pay", "words": ["outage"]},
        "SEV2": {"name": "Orange", "description": "Checkout is slow for many", "words": ["degraded"]},
        "SEV3": {"name": "Yellow", "description": "Some customers see it", "words": ["wobbly"]},
        "SEV4": {"name": "Green", "description": "No customer impact yet", "words": ["cosmetic"]}
      }
      """;

  @Test
  void theChannelsSeverity_isReadAsDeclareReadsATitle_withTheTeamsScale_andABadScaleIsOneLine() throws Exception {
    Exports.Builder builder = new Exports.Builder(dir.resolve("sev")).channelsWithPurpose(
        "C1", "inc-1-p2", "(P2) checkout slow", "",
        "C2", "inc-2-sev1", "checkout slow sev1", "",
        "C3", "inc-3-word", "checkout slow (degraded)", "",
        "C4", "inc-4-none", "checkout slow", "investigating");
    for (String channel : List.of("inc-1-p2", "inc-2-sev1", "inc-3-word", "inc-4-none")) {
      builder.day(channel, "2026-03-14", message("U1", "1773478800.000100", "checkout is slow"));
    }
    Path export = builder.root();
    Path colours = Files.writeString(dir.resolve("colours.json"), COLOURS);
    Map<String, String> team = Map.of("LANG", "C.UTF-8", "CANDOR_SEVERITIES", colours.toString());

    assertDeclared(candor("replay", export.toString(), "--channel", "inc-1-p2"), "inc-1-p2", "checkout slow", "SEV2");
    assertDeclared(candor("replay", export.toString(), "--channel", "inc-2-sev1"), "inc-2-sev1", "checkout slow",
        "SEV1");
    assertDeclared(CandorJar.run(dir, team, "replay", export.toString(), "--channel", "inc-3-word", "--out", "team"),
        "team", "checkout slow", "SEV2");
    assertDeclared(candor("replay", export.toString(), "--channel", "inc-3-word"), "inc-3-word",
        "checkout slow (degraded)", "SEV3");
    assertDeclared(candor("replay", export.toString(), "--channel", "inc-4-none"), "inc-4-none", "checkout slow",
        "SEV3");

    Files.writeString(colours, "{\"SEV1\": {\"name\": \"Red\"}}");
    assertOneErrorLine(CandorJar.run(dir, team, "replay", export.toString(), "--channel", "inc-3-word", "--out",
        "broken"), "CANDOR_SEVERITIES (" + colours + "): SEV1 needs a \"description\" (text)");
    assertTrue(Files.notExists(dir.resolve("broken")), "nothing written");
  }

  /** The replay succeeded, its summary names the title, and {@code out}'s timeline.json holds the severity. */
  void assertDeclared(Run run, String out, String title, String severity) throws IOException {
    assertEquals(0, run.exit(), run.describe());
    assertTrue(run.out().contains("\nINC-1 \"" + title + "\": started "), run.describe());
    assertTrue(read(dir.resolve(out), "timeline.json").contains("\"severity\" : \"" + severity + "\""),
        title + " should be " + severity);
    assertNoStackTrace(run);
  }

  @Test
  void anEmptyChannel_exitsTwo_andWritesNothing() throws Exception {
    Path export = new Exports.Builder(dir.resolve("e")).channels("C1", "quiet").root();

    assertOneErrorLine(candor("replay", export.toString(), "--channel", "quiet"),
        "#quiet in " + export + " has no messages; there is nothing to replay");
    assertTrue(Files.notExists(dir.resolve("quiet")));
    assertFalse(names(dir).stream().anyMatch(n -> n.startsWith(".")), "no staging folder left");
  }

  @Test
  void badOptions_exitTwoWithoutAStackTrace() throws Exception {
    assertOneErrorLine(candor("replay", EXAMPLE.toString(), "--channel", CHANNEL, "--from", "yesterday"),
        "--from must be a date or a date and time such as 2026-03-14 or 2026-03-14T09:30 (UTC) or "
            + "2026-03-14T09:30+01:00, not \"yesterday\"");
    assertOneErrorLine(candor("replay", EXAMPLE.toString(), "--channel", CHANNEL, "--from", "2026-03-15",
        "--to", "2026-03-14"), "--from 2026-03-15 is after --to 2026-03-14");
    Run noChannel = candor("replay", EXAMPLE.toString());
    assertEquals(2, noChannel.exit(), noChannel.describe());
    assertTrue(noChannel.err().contains("Missing required option: '--channel=NAME'"), noChannel.describe());
    assertNoStackTrace(noChannel);
  }

  @Test
  void aTeamsSeverityNames_inTheDocumentsPeopleRead_codesInTheJson_andABadFileIsOneLine() throws Exception {
    Path severities = TeamSeverities.pFile(dir);

    Run run = CandorJar.run(dir, Map.of("LANG", "C.UTF-8", "CANDOR_SEVERITIES", severities.toString()), "replay",
        EXAMPLE.toString(), "--channel", CHANNEL, "--out", "team");

    assertEquals(0, run.exit(), run.describe());
    Path out = dir.resolve("team");
    assertTrue(read(out, "timeline.md").contains("\n\nP2 (high) · resolved · commander @alice"), run.describe());
    assertTrue(read(out, "timeline.md").contains(" @alice declared the incident (P2): "), run.describe());
    assertTrue(read(out, "postmortem.md").contains("\n- **Incident:** INC-1, P2 (high), resolved\n"), run.describe());
    for (String doc : List.of("timeline.md", "postmortem.md", "nudges.md")) {
      assertFalse(read(out, doc).contains("SEV"), doc);
    }
    assertTrue(read(out, "timeline.json").contains("\"severity\" : \"SEV2\""), "the JSON keeps Candor's code");
    assertFalse(run.out().contains("SEV"), run.describe());

    Files.writeString(severities, "{\"SEV1\": {\"name\": \"P1\"}}");
    assertOneErrorLine(CandorJar.run(dir, Map.of("LANG", "C.UTF-8", "CANDOR_SEVERITIES", severities.toString()),
        "replay", EXAMPLE.toString(), "--channel", CHANNEL, "--out", "broken"),
        "CANDOR_SEVERITIES (" + severities + "): SEV1 needs a \"description\" (text)");
    assertTrue(Files.notExists(dir.resolve("broken")), "nothing written");
  }

  @Test
  void aRange_replaysOnlyItsPart() throws Exception {
    Run run = candor("replay", EXAMPLE.toString(), "--channel", CHANNEL, "--from", "2026-03-15", "--to",
        "2026-03-15 11:00", "--out", "day2");

    assertEquals(0, run.exit(), run.describe());
    assertTrue(run.out().contains("started 2026-03-15 07:05 UTC"), run.describe());
    assertTrue(read(dir.resolve("day2"), "nudges.md").contains(": 1 may read as blame, 1 is self-blame."), run.describe());
  }

  /** A channel {@code ops} of {@code count} people's messages over ten day files, slow enough to stop midway. */
  static Path bigExport(Path root, int count) throws IOException {
    Exports.Builder export = new Exports.Builder(root).channels("C1", "ops").users("U1", "Ann", "U2", "Bo");
    long start = 1773478800L;
    int perDay = count / 10;
    for (int day = 0; day < 10; day++) {
      StringBuilder json = new StringBuilder(perDay * 110).append('[');
      for (int i = 0; i < perDay; i++) {
        long n = (long) day * perDay + i;
        json.append(i == 0 ? "" : ",\n").append(message(n % 3 == 0 ? "U1" : "U2",
            (start + day * 86_400L + i) + ".000100", "checking the pool metrics again, step " + n));
      }
      export.file("ops/2026-03-" + (14 + day) + ".json", json.append(']').toString());
    }
    return root;
  }

  static List<String> scratchFolders(Path tmp) throws IOException {
    try (Stream<Path> children = Files.list(tmp)) {
      return children.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("candor-replay-")).toList();
    }
  }

  @Test
  void aReplayStoppedMidway_bySigterm_leavesNeitherItsScratchStoreNorAHalfWrittenFolder() throws Exception {
    Path tmp = Files.createDirectories(dir.resolve("tmp"));
    Path export = bigExport(dir.resolve("big"), 300_000);
    Path stdout = dir.resolve("stdout.txt");
    Path stderr = dir.resolve("stderr.txt");
    Process replay = CandorJar.command(dir, Map.of("LANG", "C.UTF-8", "JAVA_TOOL_OPTIONS", "-Djava.io.tmpdir=" + tmp),
            "replay", export.toString(), "--channel", "ops", "--out", "out")
        .redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
    try {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (scratchFolders(tmp).isEmpty()
          || !Files.exists(tmp.resolve(scratchFolders(tmp).get(0)).resolve("replay.db"))) {
        assertTrue(replay.isAlive(), "the replay ended before its store was seen: " + Files.readString(stderr));
        assertTrue(System.nanoTime() < deadline, "no scratch store in " + tmp + " after 60 s");
        Thread.sleep(10);
      }
      Thread.sleep(300); // into the replay proper
      assertTrue(replay.isAlive(), "the replay should still be running: " + Files.readString(stdout));

      replay.destroy(); // SIGTERM, as `kill` or a stopping container sends

      assertTrue(replay.waitFor(30, TimeUnit.SECONDS), "the replay stops on SIGTERM");
    } finally {
      replay.destroyForcibly();
    }
    assertEquals(143, replay.exitValue(), "stopped by SIGTERM: " + Files.readString(stderr));
    assertEquals(List.of(), scratchFolders(tmp), "the scratch store is deleted at exit");
    assertEquals(List.of("big", "stderr.txt", "stdout.txt", "tmp"), names(dir), "no output and no partial folder");
  }
}
