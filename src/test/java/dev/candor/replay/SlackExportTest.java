package dev.candor.replay;

import static dev.candor.replay.Exports.message;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading Slack exports, as folders and as zips, including broken ones. */
class SlackExportTest {
  @TempDir Path dir;
  final List<String> warnings = new ArrayList<>();

  List<String> read(SlackExport export, String channel) throws ExportProblem {
    List<String> seen = new ArrayList<>();
    export.messages(export.channel(channel), null, null,
        (file, m) -> seen.add(file + " " + m.path("ts").asText()), warnings::add);
    return seen;
  }

  @Test
  void theExampleFolder_listsItsChannelsPublicThenPrivate_andItsPeople() throws Exception {
    try (SlackExport export = SlackExport.open(Exports.EXAMPLE)) {
      List<ExportChannel> channels = export.channels();

      assertEquals(List.of("general", "deploys", Exports.INCIDENT_CHANNEL, "payments-leads"),
          channels.stream().map(ExportChannel::name).toList());
      assertTrue(channels.stream().filter(c -> c.name().equals("payments-leads")).allMatch(ExportChannel::privateChannel));
      ExportChannel incident = export.channel("#" + Exports.INCIDENT_CHANNEL);
      assertEquals("C05INC0314", incident.id());
      assertEquals("U01ALICE", incident.creator());
      assertEquals(incident, export.channel("C05INC0314"));
      Map<String, String> people = export.people(warnings::add);
      assertEquals("alice", people.get("U01ALICE"));
      assertEquals(List.of(), warnings);
    }
  }

  @Test
  void aZipOfTheExample_readsTheSameMessagesInTheSameOrder() throws Exception {
    Path zip = Exports.zip(Exports.EXAMPLE, dir.resolve("export.zip"), null);
    Path nested = Exports.zip(Exports.EXAMPLE, dir.resolve("nested.zip"), "Candor Example Slack export");

    List<String> fromFolder;
    try (SlackExport export = SlackExport.open(Exports.EXAMPLE)) {
      fromFolder = read(export, Exports.INCIDENT_CHANNEL);
    }
    for (Path z : List.of(zip, nested)) {
      try (SlackExport export = SlackExport.open(z)) {
        assertEquals(fromFolder, read(export, Exports.INCIDENT_CHANNEL), z.toString());
        assertEquals("alice", export.people(warnings::add).get("U01ALICE"));
      }
    }
    assertEquals(157, fromFolder.size());
    assertTrue(fromFolder.get(0).startsWith(Exports.INCIDENT_CHANNEL + "/2026-03-14.json "), fromFolder.get(0));
    assertTrue(fromFolder.get(156).startsWith(Exports.INCIDENT_CHANNEL + "/2026-03-15.json "), fromFolder.get(156));
    assertEquals(List.of(), warnings);
  }

  @Test
  void dayFiles_areReadInNameOrder_andOtherFilesAreLeftAlone() throws Exception {
    new Exports.Builder(dir.resolve("e")).channels("C1", "ops")
        .day("ops", "2026-03-15", message("U1", "1773565200.000100", "second day"))
        .day("ops", "2026-03-14", message("U1", "1773478800.000100", "first day"))
        .file("ops/canvas.json", "not a day file")
        .file("ops/2026-03-16.json.bak", "[");

    try (SlackExport export = SlackExport.open(dir.resolve("e"))) {
      assertEquals(List.of("ops/2026-03-14.json 1773478800.000100", "ops/2026-03-15.json 1773565200.000100"),
          read(export, "ops"));
    }
    assertEquals(List.of(), warnings);
  }

  @Test
  void aMalformedDayFile_isSkippedWhole_withAWarningNamingItAndWhy_andTheRestIsRead() throws Exception {
    new Exports.Builder(dir.resolve("e")).channels("C1", "ops")
        .day("ops", "2026-03-14", message("U1", "1773478800.000100", "fine"))
        .file("ops/2026-03-15.json", "[" + message("U1", "1773565200.000100", "before the break") + ", {\"ts\": ")
        .file("ops/2026-03-16.json", "{\"not\": \"an array\"}")
        .file("ops/2026-03-17.json", "")
        .day("ops", "2026-03-18", message("U1", "1773824400.000100", "after"), "42", "\"text\"");

    List<String> seen;
    try (SlackExport export = SlackExport.open(dir.resolve("e"))) {
      seen = read(export, "ops");
    }

    assertEquals(List.of("ops/2026-03-14.json 1773478800.000100", "ops/2026-03-18.json 1773824400.000100"), seen,
        "nothing of a broken file is used, not even the messages before the break");
    assertEquals(4, warnings.size(), warnings.toString());
    assertTrue(warnings.get(0).startsWith("skipped ops/2026-03-15.json: it "), warnings.get(0));
    assertTrue(warnings.get(0).contains("line 1"), warnings.get(0));
    assertEquals("skipped ops/2026-03-16.json: it is not a JSON array (it starts with an object)", warnings.get(1));
    assertEquals("skipped ops/2026-03-17.json: it is empty", warnings.get(2));
    assertEquals("ops/2026-03-18.json: skipped 2 items that are not a message", warnings.get(3));
  }

  @Test
  void notAnExport_isOneClearProblem() throws Exception {
    Path plain = Files.writeString(dir.resolve("notes.txt"), "hello");
    Path emptyFolder = Files.createDirectories(dir.resolve("empty"));
    Path zipWithoutChannels = Exports.zipWithEntries(dir.resolve("other.zip"), "readme.txt", "hi");

    assertEquals(plain + " is not a Slack export: it is neither a folder nor a zip file (zip END header not found)",
        assertThrows(ExportProblem.class, () -> SlackExport.open(plain)).getMessage());
    assertEquals(emptyFolder + " is not a Slack export: there is no channels.json in it",
        assertThrows(ExportProblem.class, () -> SlackExport.open(emptyFolder)).getMessage());
    assertEquals(zipWithoutChannels + " is not a Slack export: there is no channels.json in it",
        assertThrows(ExportProblem.class, () -> SlackExport.open(zipWithoutChannels)).getMessage());
    assertEquals(dir.resolve("missing") + " does not exist",
        assertThrows(ExportProblem.class, () -> SlackExport.open(dir.resolve("missing"))).getMessage());
  }

  @Test
  void aMalformedChannelsJson_isAProblemNamingIt() throws Exception {
    new Exports.Builder(dir.resolve("e")).file("channels.json", "[{\"id\": \"C1\", ");

    try (SlackExport export = SlackExport.open(dir.resolve("e"))) {
      ExportProblem problem = assertThrows(ExportProblem.class, export::channels);
      assertTrue(problem.getMessage().startsWith("channels.json in " + dir.resolve("e") + " cannot be read: it "),
          problem.getMessage());
    }
  }

  @Test
  void anUnknownChannel_listsTheChannelsThereAre() throws Exception {
    try (SlackExport export = SlackExport.open(Exports.EXAMPLE)) {
      ExportProblem problem = assertThrows(ExportProblem.class, () -> export.channel("inc-nope"));

      assertEquals("there is no channel #inc-nope in " + Exports.EXAMPLE + "; its channels: #deploys, #general, "
          + "#" + Exports.INCIDENT_CHANNEL + ", #payments-leads", problem.getMessage());
    }
  }

  @Test
  void channelNamesThatAreNotOneFolder_areNeverFollowed() throws Exception {
    Path outside = new Exports.Builder(dir.resolve("outside")).day("x", "2026-03-14",
        message("U1", "1773478800.000100", "outside the export")).root();
    new Exports.Builder(dir.resolve("e")).channels("C1", "../outside/x", "C2", "..", "C3", "a/b", "C4", "a\\b",
        "C5", "linked").day("a", "2026-03-14", message("U1", "1773478800.000100", "in a"));
    Files.createSymbolicLink(dir.resolve("e").resolve("linked"), outside.resolve("x"));

    try (SlackExport export = SlackExport.open(dir.resolve("e"))) {
      for (String id : List.of("C1", "C2", "C3", "C4")) {
        ExportProblem problem = assertThrows(ExportProblem.class, () -> export.channel(id));
        assertTrue(problem.getMessage().contains("is not a folder name an export can have"), problem.getMessage());
        ExportChannel listed = export.channels().stream().filter(c -> c.id().equals(id)).findFirst().orElseThrow();
        ExportProblem reading = assertThrows(ExportProblem.class,
            () -> export.messages(listed, null, null, (f, m) -> { }, warnings::add));
        assertTrue(reading.getMessage().contains("is not a folder name an export can have"), reading.getMessage());
      }
      assertEquals(List.of(), read(export, "C5"), "a link out of the export is not followed");
    }
  }

  @Test
  void aZip_withEntriesClimbingOut_readsOnlyItsOwnChannelEntries() throws Exception {
    Path zip = Exports.zipWithEntries(dir.resolve("odd.zip"),
        "channels.json", "[{\"id\":\"C1\",\"name\":\"ops\"},{\"id\":\"C2\",\"name\":\"sp ace ünï\"}]",
        "../ops/2026-03-14.json", "[" + message("U1", "1773478800.000100", "outside") + "]",
        "ops/../../2026-03-14.json", "[" + message("U1", "1773478801.000100", "climbing") + "]",
        "ops/2026-03-14.json", "[" + message("U1", "1773478802.000100", "inside") + "]",
        "sp ace ünï/2026-03-14.json", "[" + message("U1", "1773478803.000100", "odd name") + "]");

    try (SlackExport export = SlackExport.open(zip)) {
      assertEquals(List.of("ops/2026-03-14.json 1773478802.000100"), read(export, "ops"));
      assertEquals(List.of("sp ace ünï/2026-03-14.json 1773478803.000100"), read(export, "sp ace ünï"));
    }
    assertTrue(Files.notExists(dir.resolve("ops")) && Files.notExists(dir.getParent().resolve("2026-03-14.json")));
  }

  @Test
  void withoutUsersJson_peopleAreTheirIds_andAWarningSaysSo() throws Exception {
    new Exports.Builder(dir.resolve("e")).channels("C1", "ops");

    try (SlackExport export = SlackExport.open(dir.resolve("e"))) {
      assertEquals(Map.of(), export.people(warnings::add));
    }
    assertEquals(List.of("there is no users.json in " + dir.resolve("e") + "; people are shown by their ids"), warnings);
  }

  @Test
  void dayFilesOutsideTheRange_areNotOpened() throws Exception {
    new Exports.Builder(dir.resolve("e")).channels("C1", "ops")
        .day("ops", "2026-03-01", message("U1", "1772355600.000100", "early"))
        .file("ops/2026-03-10.json", "broken, but outside the range")
        .day("ops", "2026-03-14", message("U1", "1773478800.000100", "in range"));

    List<String> seen = new ArrayList<>();
    try (SlackExport export = SlackExport.open(dir.resolve("e"))) {
      export.messages(export.channel("ops"), LocalDate.parse("2026-03-13"), null,
          (file, m) -> seen.add(m.path("text").asText()), warnings::add);
    }
    assertEquals(List.of("in range"), seen);
    assertEquals(List.of(), warnings);
  }

}
