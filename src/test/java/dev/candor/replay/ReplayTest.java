package dev.candor.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.candor.incident.Incident;
import dev.candor.incident.IncidentState;
import dev.candor.incident.Severity;
import dev.candor.incident.SeverityScale;
import dev.candor.nudge.BlameDetector;
import dev.candor.nudge.RuleSet;
import dev.candor.postmortem.Names;
import dev.candor.postmortem.PostmortemComposer;
import dev.candor.postmortem.PostmortemRecord;
import dev.candor.testing.TeamSeverities;
import dev.candor.testing.TestClock;
import dev.candor.timeline.HashChain;
import dev.candor.timeline.Timeline;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The example export replayed in-process through the real services over a scratch SQLite store: the incident,
 * the timeline and its chain, the nudges found, and the four documents, from the folder and from a zip.
 */
class ReplayTest {
  static final BlameDetector DETECTOR = new BlameDetector(RuleSet.builtIn());
  static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

  /** The messages of the example that blame someone or oneself, with the category each should be found in. */
  static final List<String> FOUND = List.of(
      "2026-03-14 09:17:15 person_as_cause",      // ben's deploy broke checkout, again.
      "2026-03-14 09:20:40 blame_shifting",       // not my problem, the network is fine. talk to the app team
      "2026-03-14 09:21:48 culprit_hunt",         // who approved this PR?? I want a name.
      "2026-03-14 09:24:40 self_blame",           // ugh, this is on me, I pushed 7.12 without load testing…
      "2026-03-14 09:26:00 counterfactual",       // you should have load tested this before shipping on a friday
      "2026-03-14 09:30:20 character_judgment",   // honestly, whoever merged it was careless
      "2026-03-14 09:38:20 sarcasm_pileon",       // great job ben :clap: truly
      "2026-03-14 09:50:30 human_error_cause",    // root cause: human error, case closed
      "2026-03-14 13:30:00 counterfactual",       // so if ben had just run the load test we wouldn't be here
      "2026-03-15 07:40:00 self_blame",           // I'm an idiot, I approved 7.12 without reading the pool part. sorry
      "2026-03-15 08:30:15 culprit_hunt");        // hands up, who reviewed 7.12?

  /** Messages that look like blame and are not (blame-language.md, the "Not" lists): none may be found. */
  static final List<String> HARD_NEGATIVES = List.of(
      "2026-03-14 09:14:05",  // status page is on me
      "2026-03-14 09:25:15",  // …something the pipeline should have caught for all of us…
      "2026-03-14 09:27:20",  // Let's not do "who approved this" in here
      "2026-03-14 09:33:00",  // dumb question: is the CDN in scope at all?
      "2026-03-14 09:34:10",  // I broke down the latency by endpoint
      "2026-03-14 09:34:45",  // the 08:41 deploy broke the connection pool config
      "2026-03-14 09:35:20",  // who is on call for payments-db this weekend?
      "2026-03-14 09:36:30",  // of course it's the connection pool
      "2026-03-14 09:40:10",  // nice catch on the retry path Ben, that was it
      "2026-03-14 09:51:10",  // Let's not stop at human error.
      "2026-03-14 10:01:10",  // the error budget for checkout is gone for the month
      "2026-03-14 10:02:30",  // git blame says…
      "2026-03-14 10:07:45",  // lazy loading of the cart widget is not involved
      "2026-03-14 10:11:30",  // I ran the rollback decision past Farid at 09:23
      "2026-03-14 10:20:40",  // the fault domain here was one region
      "2026-03-14 10:24:10",  // not my area, but can someone from storage confirm…
      "2026-03-14 10:30:00",  // the failover should have kicked in…
      "2026-03-14 10:40:40",  // it could have been worse
      "2026-03-14 11:02:00",  // I should have a fix in an hour
      "2026-03-14 11:20:00",  // this stupid dashboard keeps timing out
      "2026-03-14 11:40:15",  // thanks Ben for jumping on this on a saturday :pray:
      "2026-03-14 14:05:00",  // the word "careless" is in our old deploy runbook
      "2026-03-14 16:20:30",  // my bad, wrong thread
      "2026-03-15 08:10:00",  // anyone know who has context on the tokeniser retry budget?
      "2026-03-15 08:40:00",  // who owns the statuspage template for payments?
      "2026-03-15 10:20:00",  // we should add a load test for the write path
      "2026-03-15 10:50:30",  // don't forget the status page when we resolve
      "2026-03-15 11:20:10"); // whose turn is it to write the post-mortem?

  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;
  final TestClock clock = TestClock.at("2026-11-27T10:00:00Z");
  final List<String> warnings = new ArrayList<>();

  /** What one replay left: the result, whether its chain verified, and the documents. */
  record Replayed(Replay.Result result, HashChain.Check chain, Path out, Path scratch, String draftFromAll,
      String draftFromOutline) {
    String read(String file) throws IOException {
      return Files.readString(out.resolve(file), StandardCharsets.UTF_8);
    }
  }

  Replayed replay(Path export, String channel, Replay.Range range, String outName) throws Exception {
    return replay(export, channel, range, outName, SeverityScale.defaults());
  }

  /** As above, with the documents naming severities as {@code scale} does. */
  Replayed replay(Path export, String channel, Replay.Range range, String outName, SeverityScale scale)
      throws Exception {
    Path out = Files.createDirectories(dir.resolve(outName));
    try (SlackExport slack = SlackExport.open(export);
        ScratchReplay replay = ScratchReplay.open(clock, DETECTOR, Duration.ofMinutes(10), "pushpin", scale, warnings::add)) {
      ExportChannel c = slack.channel(channel);
      Replay.Result result = replay.run(slack, c, range);
      HashChain.Check chain = replay.verify(result);
      Map<String, String> names = new HashMap<>(result.botNames());
      names.putAll(slack.people(warnings::add));
      replay.write(out, c.name(), result, names, ZoneOffset.UTC);
      Incident incident = result.incident();
      PostmortemComposer composer = new PostmortemComposer(Names.handles(names), "`timeline.md`, beside this draft",
          new PostmortemComposer.WouldHaveSent(result.answeredNudges(), result.answeredSupport()));
      String fromAll = composer.compose(new PostmortemRecord(incident,
          Timeline.of(incident, replay.timeline().entries(incident.id())), List.of(), null, Optional.empty(),
          0, ZoneOffset.UTC));
      String fromOutline = composer.compose(new PostmortemRecord(incident, replay.timeline().outline(incident),
          List.of(), null, Optional.empty(), 0, ZoneOffset.UTC));
      return new Replayed(result, chain, out, replay.folder(), fromAll, fromOutline);
    }
  }

  static List<String> found(Replay.Result result) {
    return result.nudges().stream().map(n -> WHEN.format(n.at()) + " " + n.finding().category().id()).toList();
  }

  @Test
  void theExample_becomesAResolvedIncident_withAVerifiedChain_andTheBlameItHolds() throws Exception {
    Replayed r = replay(Exports.EXAMPLE, Exports.INCIDENT_CHANNEL, Replay.Range.ALL, "folder");
    Replay.Result result = r.result();
    Incident incident = result.incident();

    assertEquals(156, result.messages(), "every message but the topic change");
    assertEquals(2, result.dayFiles());
    assertEquals("Checkout latency in eu-west", incident.title(), "the purpose less the severity it names");
    assertEquals(Severity.SEV2, incident.severity());
    assertEquals(IncidentState.RESOLVED, incident.state());
    assertEquals("U01ALICE", incident.declaredBy());
    assertEquals(Instant.parse("2026-03-14T09:10:03Z"), incident.times().started());
    assertEquals(Instant.parse("2026-03-14T09:41:30Z"), incident.times().mitigated().truncatedTo(ChronoUnit.SECONDS));
    assertEquals(Instant.parse("2026-03-15T11:40:00Z"), incident.times().resolved().truncatedTo(ChronoUnit.SECONDS));
    assertEquals(Replay.End.DETECTED, result.end());

    HashChain.Intact intact = assertInstanceOf(HashChain.Intact.class, r.chain());
    assertEquals(result.entries() + 3, intact.entries(), "the export's entries and declared, mitigated, resolved");

    assertEquals(FOUND, found(result));
    for (String negative : HARD_NEGATIVES) {
      assertTrue(result.nudges().stream().noneMatch(n -> WHEN.format(n.at()).equals(negative)), negative);
    }
    assertEquals(10, result.answered(), "Dev's second message came within the cooldown of the first");
    assertEquals(List.of("2026-03-14 09:26:00 counterfactual"), result.nudges().stream().filter(n -> !n.answered())
        .map(n -> WHEN.format(n.at()) + " " + n.finding().category().id()).toList());
    assertEquals(List.of(), warnings);
    assertTrue(Files.notExists(r.scratch()), "the scratch store is deleted");
  }

  @Test
  void theTimelineDocuments_showKeyEventsEditsTheTombstoneJoinsAndBots_andTheJsonCarriesTheChain() throws Exception {
    Replayed r = replay(Exports.EXAMPLE, Exports.INCIDENT_CHANNEL, Replay.Range.ALL, "folder");
    String md = r.read(ReplayDocuments.TIMELINE_MD);

    assertTrue(md.startsWith("# INC-1: Checkout latency in eu-west\n\nSEV2 (major) · resolved · commander "
        + "@alice · #inc-2026-03-14-checkout-latency\n"), md.substring(0, 200));
    assertTrue(md.contains("\n- 09:37:10 #"), md);
    assertTrue(md.contains(" 📌 @ben: rollback complete: all eu-west pods on 7.11.4\n"), "pinned and :pushpin:");
    assertTrue(md.contains(" 📌 @Alertmanager: \\[FIRING:1\\] CheckoutLatencyHigh"), "a bot's alert, marked by a reaction");
    assertTrue(md.contains("retries the tokeniser. (edited 09:21)\n"), "an edited message keeps its final words");
    assertTrue(md.contains(" @ben edited the message of 09:20:12\n"));
    assertTrue(md.contains(" someone (" + ExportTranslator.TOMBSTONE_DETAIL + ")\n"), "the tombstoned thread parent");
    assertTrue(md.contains(" ↳ @chiara: I don't think that's fair"), "its replies stay in its thread");
    assertTrue(md.contains(" @grace joined the channel, added by @farid\n"));
    assertTrue(md.contains(" someone pinned the message of 09:23:30\n"));
    assertTrue(md.contains(" (files: pg-connections-0939.png)\n"));
    assertTrue(md.contains(" @alice marked it mitigated\n"));
    assertTrue(md.contains(" resolved the incident\n"));
    assertFalse(md.contains("set the channel topic"), "topic changes are not kept");
    assertFalse(md.contains(":eyes:"), "only the key emoji is recorded");

    JsonNode json = JSON.readTree(r.read(ReplayDocuments.TIMELINE_JSON));
    assertEquals("candor.timeline.v1", json.path("format").asText());
    List<JsonNode> entries = new ArrayList<>();
    json.path("entries").forEach(entries::add);
    assertEquals(((HashChain.Intact) r.chain()).entries(), entries.size());
    entries.sort(Comparator.comparingLong(e -> e.path("seq").asLong()));
    String prev = HashChain.GENESIS;
    for (JsonNode e : entries) {
      assertTrue(e.path("hash").asText().matches("[0-9a-f]{64}"), e.toString());
      assertEquals(prev, e.path("prevHash").asText(), "entry #" + e.path("seq").asLong() + " follows the one before");
      prev = e.path("hash").asText();
    }
    assertEquals(12, entries.stream().filter(e -> e.path("keyEvent").asBoolean()
        && e.path("kind").asText().equals("MESSAGE")).count(), "pinned or :pushpin: messages");
  }

  @Test
  void aTeamsSeverityNames_inEveryDocumentPeopleRead_whileTheJsonKeepsCandorsCode() throws Exception {
    Replayed r = replay(Exports.EXAMPLE, Exports.INCIDENT_CHANNEL, Replay.Range.ALL, "team", TeamSeverities.P_SCALE);
    String md = r.read(ReplayDocuments.TIMELINE_MD);
    String draft = r.read(ReplayDocuments.POSTMORTEM_MD);
    String nudges = r.read(ReplayDocuments.NUDGES_MD);
    JsonNode json = JSON.readTree(r.read(ReplayDocuments.TIMELINE_JSON));

    assertTrue(md.startsWith("# INC-1: Checkout latency in eu-west\n\nP2 (high) · resolved · commander @alice"),
        md.substring(0, 200));
    assertTrue(md.contains(" #1 @alice declared the incident (P2): Checkout latency in eu-west\n"), md);
    assertTrue(draft.contains("\n- **Incident:** INC-1, P2 (high), resolved\n"), draft);
    assertTrue(draft.contains(" @alice declared the incident (P2): Checkout latency in eu-west\n"), draft);
    for (String doc : List.of(md, draft, nudges)) {
      assertFalse(doc.contains("SEV"), "no code where people read:\n" + doc);
    }
    assertEquals("SEV2", json.path("incident").path("severity").asText(), "machines read Candor's code");
    assertTrue(r.read(ReplayDocuments.TIMELINE_JSON).contains("\"detail\" : \"DECLARED SEV2\""), "the entry as stored");
  }

  @Test
  void slacksMarkup_readsAsPeopleSeeIt_withUsersJsonNames_inTheMarkdown_andStaysAsStoredInTheJson() throws Exception {
    Replayed r = replay(Exports.EXAMPLE, Exports.INCIDENT_CHANNEL, Replay.Range.ALL, "folder");
    String md = r.read(ReplayDocuments.TIMELINE_MD);
    String draft = r.read(ReplayDocuments.POSTMORTEM_MD);
    String json = r.read(ReplayDocuments.TIMELINE_JSON);

    assertTrue(md.contains(" @alice: @here First question: what changed"), md);
    assertTrue(md.contains(" @alice: Thanks. @emma, please post \"investigating\" on the status page"
        + " for EU checkout. @ben, can you share the diff"), "<@U05EMMA> and <@U02BEN|ben> by their names");
    String update = "12:00 update: p99 320 ms (SLO \\< 500 ms), error rate \\& tickets normal, none new in the last"
        + " hour. Still monitoring: checkout dashboard (https://grafana.example.com/d/checkout-eu), deploys in \\#deploys.";
    assertTrue(md.contains(" @alice: " + update + "\n"), md);
    assertTrue(draft.contains(" @alice: " + update + "\n"), "the same words in the draft's key events");
    assertTrue(md.contains("\n  1\\. pool max 50 -\\> 20 and acquire timeout 2 s -\\> 10 s in 7.12\n"), md);
    assertTrue(draft.contains("(please add): 1. pool max 50 -\\> 20 and acquire timeout 2 s -\\> 10 s in 7.12"), draft);
    for (String doc : List.of(md, draft)) {
      for (String raw : List.of("<@", "<!", "<#", "<http", "&lt;", "&gt;", "&amp;", "@U0", "bot_message")) {
        assertFalse(doc.contains(raw), raw + " in\n" + doc);
      }
    }
    assertTrue(json.contains("Thanks. <@U05EMMA>, please post"), "the evidence keeps the text as stored");
    assertTrue(json.contains("(SLO &lt; 500 ms), error rate &amp; tickets normal"), json);
    assertTrue(json.contains("\"detail\" : \"bot_message bot\""), json);
  }

  @Test
  void theNudgeReport_listsEachFindingWithItsTimeAndCategory_andNamesNobody() throws Exception {
    Replayed r = replay(Exports.EXAMPLE, Exports.INCIDENT_CHANNEL, Replay.Range.ALL, "folder");
    String nudges = r.read(ReplayDocuments.NUDGES_MD);

    for (String f : FOUND) {
      String when = f.substring(0, 19);
      String category = f.substring(20);
      assertTrue(nudges.lines().anyMatch(l -> l.startsWith("- " + when + " · #") && l.contains(" · " + category + " · ")),
          f + "\n" + nudges);
    }
    for (String negative : HARD_NEGATIVES) {
      assertFalse(nudges.contains(negative), negative);
    }
    assertTrue(nudges.contains("133 messages by people were judged: 9 may read as blame, 2 are self-blame."), nudges);
    assertTrue(nudges.contains("live, it would have sent 8 private nudges and 2 private notes of support."), nudges);
    assertTrue(nudges.contains("  - live: no note: its author had one less than 10 min before\n"), nudges);
    for (String person : List.of("Dev Patel", "Hugo Martin", "U04DEV", "U08HUGO", "@")) {
      assertFalse(nudges.contains(person), person + " in\n" + nudges);
    }
  }

  /**
   * Issue 13, item 5, in a replay: a mention in a quoted message is the person's name as Slack shows it, from the
   * export's users.json (display name, else full name, else the id), in nudges.md as in the timeline.
   */
  @Test
  void aMentionInAQuotedMessage_isThePersonsSlackName_displayNameElseFullNameElseTheId() throws Exception {
    new Exports.Builder(dir.resolve("e")).channels("C1", "ops")
        .file("users.json", """
            [{"id": "U2", "name": "bokafor", "real_name": "Ben Okafor",
              "profile": {"display_name": "ben.o", "real_name": "Ben Okafor"}},
             {"id": "U3", "name": "crossi", "real_name": "Chiara Rossi", "profile": {"display_name": ""}},
             {"id": "U4", "name": "dpatel", "profile": {"display_name": "  ", "real_name": "Dev Patel"}}]""")
        .day("ops", "2026-03-14",
            Exports.message("U1", "1773478800.000100", "checkout is down"),
            Exports.message("U1", "1773478900.000100", "<@U2> broke prod"),
            Exports.message("U5", "1773479900.000100", "<@U3> broke prod"),
            Exports.message("U6", "1773480900.000100", "<@U4> broke prod"),
            Exports.message("U7", "1773481900.000100", "<@U9> broke prod"),
            Exports.message("U1", "1773482900.000100", "<@U2|bokafor> can you look at the pool?"));

    Replayed r = replay(dir.resolve("e"), "ops", Replay.Range.ALL, "ops");
    String nudges = r.read(ReplayDocuments.NUDGES_MD);
    String timeline = r.read(ReplayDocuments.TIMELINE_MD);

    for (String quoted : List.of("“@ben.o broke”", "“@Chiara Rossi broke”", "“@Dev Patel broke”", "“@U9 broke”")) {
      assertTrue(nudges.contains(" · person_as_cause · " + quoted + "\n"), quoted + " in\n" + nudges);
    }
    assertFalse(nudges.contains("<@U"), nudges);
    assertFalse(nudges.contains("@U2") || nudges.contains("Ben Okafor"), "the display name, not the id or full name");
    assertTrue(timeline.contains(": @ben.o broke prod\n"), timeline);
    assertTrue(timeline.contains(": @ben.o can you look at the pool?\n"), "the name, not the mention's label: " + timeline);
  }

  @Test
  void thePostmortemDraft_isTheComposersOwn_fromTheOutline_sameAsFromTheWholeTimeline() throws Exception {
    Replayed r = replay(Exports.EXAMPLE, Exports.INCIDENT_CHANNEL, Replay.Range.ALL, "folder");
    String draft = r.read(ReplayDocuments.POSTMORTEM_MD);

    assertEquals(r.draftFromAll(), r.draftFromOutline(), "the outline holds everything the draft uses");
    assertTrue(draft.startsWith(r.draftFromAll()), "postmortem.md is the composer's draft, then a note");
    assertTrue(draft.startsWith("# Post-mortem: INC-1 Checkout latency in eu-west\n"));
    assertTrue(draft.contains("- **Duration:** 1 d 2 h, from 2026-03-14 09:10 to 2026-03-15 11:40\n"), draft);
    assertTrue(draft.contains("@ben: rollback complete: all eu-west pods on 7.11.4\n"), draft);
    assertTrue(draft.contains(" 4. load test covers reads only (edited 10:20)\n"), draft);
    assertTrue(draft.contains("@alice resolved the incident\n"), draft);
    assertTrue(draft.contains("Candor was not in the channel during the incident, so it sent nothing. Had it been"
        + " there, it would have sent 8 private nudges toward blameless language and 2 private notes of support to"
        + " people who blamed themselves.\n"), draft);
    assertFalse(draft.contains("Candor sent"), "nothing was sent in a replay");
    assertTrue(draft.contains("Candor was not in the channel then, so nobody was sent anything;"), draft);
    assertFalse(draft.matches("(?s).*\\bU0\\d[A-Z]+\\b.*"), "people appear by name, not by id");
  }

  @Test
  void aZipOfTheExample_replaysToTheSameDocuments() throws Exception {
    Path zip = Exports.zip(Exports.EXAMPLE, dir.resolve("slack-export.zip"), null);

    Replayed folder = replay(Exports.EXAMPLE, Exports.INCIDENT_CHANNEL, Replay.Range.ALL, "folder");
    Replayed zipped = replay(zip, Exports.INCIDENT_CHANNEL, Replay.Range.ALL, "zip");

    assertInstanceOf(HashChain.Intact.class, zipped.chain());
    assertEquals(found(folder.result()), found(zipped.result()));
    for (String doc : List.of(ReplayDocuments.TIMELINE_MD, ReplayDocuments.NUDGES_MD, ReplayDocuments.POSTMORTEM_MD)) {
      assertEquals(folder.read(doc), zipped.read(doc), doc);
    }
  }

  @Test
  void aRange_replaysOnlyItsMessages_andTheIncidentStartsAtTheFirst() throws Exception {
    Replayed r = replay(Exports.EXAMPLE, Exports.INCIDENT_CHANNEL,
        new Replay.Range(Instant.parse("2026-03-15T00:00:00Z"), Instant.parse("2026-03-15T11:00:00Z")), "range");

    assertEquals(Instant.parse("2026-03-15T07:05:10Z"),
        r.result().incident().times().started().truncatedTo(ChronoUnit.SECONDS));
    assertEquals(Replay.End.LAST_MESSAGE, r.result().end(), "the resolution is after the range");
    assertEquals(Instant.parse("2026-03-15T10:50:30Z"),
        r.result().incident().times().resolved().truncatedTo(ChronoUnit.SECONDS));
    assertEquals(List.of("2026-03-15 07:40:00 self_blame", "2026-03-15 08:30:15 culprit_hunt"), found(r.result()));
  }

  @Test
  void aChannelWithNoMessages_orNoneInTheRange_isAProblem_andNothingIsWritten() throws Exception {
    new Exports.Builder(dir.resolve("e")).channels("C1", "quiet", "C2", "ops")
        .day("ops", "2026-03-14", Exports.message("U1", "1773478800.000100", "hello"));

    ExportProblem none = assertThrows(ExportProblem.class,
        () -> replay(dir.resolve("e"), "quiet", Replay.Range.ALL, "quiet"));
    ExportProblem outside = assertThrows(ExportProblem.class, () -> replay(dir.resolve("e"), "ops",
        new Replay.Range(Instant.parse("2026-04-01T00:00:00Z"), null), "ops"));

    assertEquals("#quiet in " + dir.resolve("e") + " has no messages; there is nothing to replay", none.getMessage());
    assertEquals("#ops in " + dir.resolve("e") + " has no messages from 2026-04-01T00:00:00Z; there is nothing to replay",
        outside.getMessage());
  }

  @Test
  void aMessageWithNoTsOrABadOne_isSkippedWithAWarningNamingItsFileAndWhy() throws Exception {
    new Exports.Builder(dir.resolve("e")).channels("C1", "ops")
        .day("ops", "2026-03-14",
            Exports.message("U1", "1773478800.000100", "first"),
            "{\"type\":\"message\",\"user\":\"U1\",\"text\":\"no ts at all\"}",
            Exports.message("U1", "yesterday", "a word for a ts"),
            Exports.message("U1", "0.000000", "the epoch"),
            Exports.message("U1", "1773478900.000100", "last"));

    Replayed r = replay(dir.resolve("e"), "ops", Replay.Range.ALL, "ops");

    assertEquals(2, r.result().messages(), "the two good ones");
    assertEquals(List.of(
        "skipped message 2 of ops/2026-03-14.json: it has no ts",
        "skipped message 3 of ops/2026-03-14.json: its ts \"yesterday\" is not a Slack timestamp",
        "skipped message 4 of ops/2026-03-14.json: its ts \"0.000000\" is not a Slack timestamp"),
        warnings.stream().filter(w -> w.startsWith("skipped")).toList());
    assertFalse(r.read(ReplayDocuments.TIMELINE_MD).contains("a word for a ts"));
  }

  @Test
  void manyMessagesWithABadTs_areWarnedAboutOneByOneUpToALimit_thenCounted() throws Exception {
    List<String> day = new ArrayList<>();
    day.add(Exports.message("U1", "1773478800.000100", "first"));
    for (int i = 0; i < Replay.WARNED + 3; i++) {
      day.add(Exports.message("U1", "x" + i, "bad"));
    }
    new Exports.Builder(dir.resolve("e")).channels("C1", "ops").day("ops", "2026-03-14", day.toArray(String[]::new));

    replay(dir.resolve("e"), "ops", Replay.Range.ALL, "ops");

    List<String> skipped = warnings.stream().filter(w -> w.startsWith("skipped")).toList();
    assertEquals(Replay.WARNED + 1, skipped.size(), String.join("\n", skipped));
    assertEquals("skipped message 2 of ops/2026-03-14.json: its ts \"x0\" is not a Slack timestamp", skipped.get(0));
    assertEquals("skipped 3 more messages with no ts or a malformed one", skipped.get(Replay.WARNED));
  }

  /** A team that calls its severities by colours, with words no default scale knows. */
  static final SeverityScale COLOURS = SeverityScale.of(List.of(
      new SeverityScale.Level(Severity.SEV1, "Red", "Customers can't pay", List.of("outage")),
      new SeverityScale.Level(Severity.SEV2, "Orange", "Checkout is slow for many", List.of("degraded")),
      new SeverityScale.Level(Severity.SEV3, "Yellow", "Some customers see it", List.of("wobbly")),
      new SeverityScale.Level(Severity.SEV4, "Green", "No customer impact yet", List.of("cosmetic"))));

  /**
   * A one-message channel named {@code name} with {@code purpose} and {@code topic}, replayed under Candor's own
   * scale or the team's ({@link #COLOURS}), declares {@code title} at {@code severity}: read as declare reads a
   * title, and taken out of it.
   */
  @ParameterizedTest(name = "#{0} \"{1}\" ({2}), {3} scale: \"{4}\" {5}")
  @CsvSource(delimiter = '|', textBlock = """
      # the severity at either end, taken out of the title; P0 is SEV1, a word set apart counts
      inc-7-checkout             | (P2) checkout slow       |                          | default | checkout slow | SEV2
      inc-7-checkout             | checkout slow sev1       |                          | default | checkout slow | SEV1
      inc-7-checkout             | P0: payments down        |                          | default | payments down | SEV1
      inc-7-checkout             | payments down - critical |                          | default | payments down | SEV1
      # the team's word, and its name in a topic as Candor writes one; Candor's own scale knows neither
      inc-7-checkout             | checkout slow (degraded) |                          | team    | checkout slow | SEV2
      inc-7-checkout             | checkout slow            | Investigating · Red · Commander: @ann | team | checkout slow | SEV1
      inc-7-checkout             | checkout slow (degraded) |                          | default | checkout slow (degraded) | SEV3
      inc-7-checkout             | checkout slow            | Investigating · Red · Commander: @ann | default | checkout slow | SEV3
      # nothing found is SEV3; a last word declare would ask about, a code inside, no such severity: all stay
      inc-7-checkout             | checkout slow            | investigating            | default | checkout slow | SEV3
      inc-7-checkout             | checkout latency high    |                          | default | checkout latency high | SEV3
      inc-7-checkout             | checkout (sev2) slow     |                          | default | checkout (sev2) slow | SEV3
      inc-7-checkout             | checkout slow sev9       |                          | default | checkout slow sev9 | SEV3
      # no purpose: the name less its prefix, date and severity; the purpose first, then the topic, then the name
      inc-2026-03-14-db-down-sev1 |                         |                          | default | Db down       | SEV1
      inc-7-db-down-sev4         | db down (sev2)           | SEV3 · investigating     | default | db down       | SEV2
      inc-7-db-down-sev4         | db down                  | SEV3 · investigating     | default | db down       | SEV3
      inc-7-db-down-sev4         | db down                  |                          | default | db down       | SEV4
      # Candor's own inc-{number}-{slug}: the number is the incident's, not the title's
      inc-7-db-down-sev4         |                          |                          | default | Db down       | SEV4
      inc-12-500-errors          |                          |                          | default | 500 errors    | SEV3
      incident-2026-03-14-checkout |                        |                          | default | Checkout      | SEV3
      """)
  void theChannelsSeverity_isReadAsDeclareReadsATitle_andTakenOutOfIt(String name, String purpose, String topic,
      String scale, String title, Severity severity) throws Exception {
    // An empty column is null.
    Path export = new Exports.Builder(dir.resolve("export"))
        .channelsWithPurpose("C1", name, Objects.toString(purpose, ""), Objects.toString(topic, ""))
        .day(name, "2026-03-14", Exports.message("U1", "1773478800.000100", "checkout is slow")).root();
    try (SlackExport slack = SlackExport.open(export);
        ScratchReplay replay = ScratchReplay.open(clock, DETECTOR, Duration.ofMinutes(10), "pushpin",
            scale.equals("team") ? COLOURS : SeverityScale.defaults(), warnings::add)) {
      Incident incident = replay.run(slack, slack.channel(name), Replay.Range.ALL).incident();
      assertEquals(title, incident.title());
      assertEquals(severity, incident.severity());
    }
    assertEquals(List.of(), warnings);
  }
}
