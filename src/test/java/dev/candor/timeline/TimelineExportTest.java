package dev.candor.timeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.candor.incident.Incident;
import dev.candor.incident.IncidentId;
import dev.candor.incident.IncidentState;
import dev.candor.incident.Severity;
import dev.candor.testing.GoldenFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The Markdown and JSON exports of a fixed incident, against golden files in
 * {@code src/test/resources/golden}. After a deliberate change, rewrite them with
 * {@code mvn test -Dtest=TimelineExportTest -Dgolden.update=true} and read the diff.
 */
class TimelineExportTest {
  static final Path GOLDEN = Path.of("src/test/resources/golden");
  static final IncidentId ID = new IncidentId(7);
  static final String CHANNEL = "C0INCIDENT";
  static final Instant START = Instant.parse("2023-11-14T23:30:00Z");
  static final EvidenceKey KEY = new EvidenceKey("golden-file-evidence-key-32-bytes!!".getBytes(StandardCharsets.US_ASCII));

  static Instant at(int minutes, int seconds) {
    return START.plus(Duration.ofMinutes(minutes).plusSeconds(seconds));
  }

  static String ts(int minutes, int seconds) {
    return SlackTs.of(at(minutes, seconds));
  }

  static Incident incident() {
    return new Incident(ID, CHANNEL, "inc-2023-11-14-checkout-errors", "Checkout errors in EU",
        "Card payments failed for about an hour in eu-west-1.", Severity.SEV2, IncidentState.RESOLVED,
        new Incident.Roles("U0ALICE", "U0BOB", null), false, "U0ALICE", "C0GENERAL",
        new Incident.Times(at(0, 0), at(2, 0), at(42, 0), at(65, 0), null, at(65, 0)), 9);
  }

  /** Observations in the order Candor recorded them (backfilled history after the declaration). */
  static List<Observation> recorded() {
    String rollback = ts(5, 0);
    String oops = ts(25, 0);
    String password = ts(44, 0);
    return List.of(
        obs(EntryKind.ACTION, ts(2, 0), null, "U0ALICE", "Checkout errors in EU", null, "DECLARED SEV2", Source.CANDOR),
        obs(EntryKind.MESSAGE, ts(0, 0), null, "U0BOB", "Seeing 500s on checkout in eu-west-1", null, "", Source.BACKFILL),
        obs(EntryKind.MESSAGE, ts(1, 10), null, "B0ALERTS", "[FIRING] checkout_5xx_rate > 5%", null, "bot_message",
            Source.BACKFILL),
        obs(EntryKind.MESSAGE, rollback, null, "U0ALICE", "Rolling back deploy 4512 <@U0BOB> can you watch?", null, "",
            Source.EVENT),
        obs(EntryKind.EDIT, ts(6, 30), null, "U0ALICE", "Rolling back deploys 4512 & 4513 <@U0BOB> can you watch?",
            rollback, "", Source.EVENT),
        obs(EntryKind.REACTION_ADDED, ts(7, 0), null, "U0BOB", "", rollback, "pushpin", Source.EVENT),
        obs(EntryKind.MESSAGE, ts(8, 0), rollback, "U0BOB", "Watching.\nError rate still climbing", null, "",
            Source.EVENT),
        obs(EntryKind.ACTION, ts(20, 0), null, "U0ALICE", "Bad config in deploy 4512", null, "STATUS IDENTIFIED",
            Source.CANDOR),
        obs(EntryKind.MESSAGE, oops, null, "U0CAROL", "oops, wrong channel", null, "", Source.EVENT),
        obs(EntryKind.DELETE, ts(26, 0), null, "U0CAROL", "", oops, "", Source.EVENT),
        obs(EntryKind.MEMBER_JOINED, ts(35, 0), null, "U0DAVE", "", null, "U0ALICE", Source.EVENT),
        obs(EntryKind.ACTION, ts(42, 0), null, "U0ALICE", "Error rate back to baseline", null, "MITIGATED MONITORING",
            Source.CANDOR),
        obs(EntryKind.MESSAGE, password, null, "U0DAVE", "the replica password is hunter2", null, "", Source.EVENT),
        obs(EntryKind.ACTION, ts(50, 0), null, "U0ALICE", "Seeing 500s on checkout in eu-west-1", ts(0, 0),
            "KEY_EVENT " + ts(0, 0) + "@U0BOB", Source.CANDOR),
        obs(EntryKind.PIN_ADDED, ts(51, 0), null, "U0ALICE", "", ts(1, 10), "", Source.EVENT),
        obs(EntryKind.ACTION, ts(52, 0), null, "U0ALICE", "", null, "ROLE COMMS=U0BOB", Source.CANDOR),
        obs(EntryKind.ACTION, ts(65, 0), null, "U0ALICE", "Rolled back; config fixed", null, "RESOLVED RESOLVED",
            Source.CANDOR),
        obs(EntryKind.REDACTION, ts(70, 0), null, "U0ALICE", "a credential was pasted", "13", "", Source.CANDOR));
  }

  static Observation obs(EntryKind kind, String ts, String threadTs, String actor, String text, String refTs,
      String detail, Source source) {
    String key = kind + ":" + ts;
    return new Observation(key, kind, CHANNEL, ts, threadTs, actor, text, refTs, detail, source, START);
  }

  /** The entries as the store would hold them: chained under a fixed key, entry #13 redacted by #18. */
  static List<TimelineEntry> entries() {
    HashChain chain = new HashChain(KEY);
    List<TimelineEntry> entries = new ArrayList<>();
    String prev = HashChain.GENESIS;
    long seq = 1;
    for (Observation o : recorded()) {
      Instant recordedAt = o.source() == Source.BACKFILL
          ? at(2, (int) seq) // read from the channel's history once the incident was declared
          : SlackTs.toInstant(o.ts()).plusMillis(250);
      TimelineEntry e = chain.link(ID, seq, prev, o, o.text(), List.of(), recordedAt);
      entries.add(e.seq() == 13 ? withoutText(e) : e);
      prev = e.hash();
      seq++;
    }
    return entries;
  }

  static TimelineEntry withoutText(TimelineEntry e) {
    return new TimelineEntry(e.incidentId(), e.seq(), e.kind(), e.key(), e.channelId(), e.ts(), e.threadTs(),
        e.actor(), null, e.contentMac(), e.secretMacs(), e.refTs(), e.detail(), e.source(), e.recordedAt(),
        e.prevHash(), e.hash());
  }

  static Timeline timeline() {
    return Timeline.of(incident(), entries());
  }

  static void assertGolden(String name, String actual) throws IOException {
    GoldenFile.assertMatches(GOLDEN, name, actual);
  }

  @Test
  void theFixture_isAnIntactChain() {
    assertInstanceOf(HashChain.Intact.class, new HashChain(KEY).verify(entries()));
  }

  @Test
  void markdown_matchesTheGoldenFile() throws IOException {
    assertGolden("INC-7.md", TimelineExport.markdown(timeline()));
  }

  @Test
  void json_matchesTheGoldenFile() throws IOException {
    assertGolden("INC-7.json", TimelineExport.json(timeline()));
  }

  @Test
  void markdown_leadsWithTheTitleAndPhasesWithDurations() {
    String md = TimelineExport.markdown(timeline());

    assertTrue(md.startsWith("# INC-7: Checkout errors in EU\n"), md);
    assertTrue(md.indexOf("## Phases") < md.indexOf("## Timeline"), md);
    assertTrue(md.contains("- 2023-11-14 23:30:00 — started\n"), md);
    assertTrue(md.contains("- 2023-11-15 00:12:00 — mitigated after 42 min\n"), md);
    assertTrue(md.contains("- 2023-11-15 00:35:00 — resolved after 1 h 5 min\n"), md);
  }

  @Test
  void markdown_listsEntriesInSlackOrderWithADateHeaderWhenTheDayChanges() {
    String md = TimelineExport.markdown(timeline());

    // backfilled history was recorded after the declaration (#2, #3) but happened before it
    assertTrue(md.indexOf("23:30:00 #2 ") < md.indexOf("23:31:10 #3 "), md);
    assertTrue(md.indexOf("23:31:10 #3 ") < md.indexOf("23:32:00 #1 "), md);
    assertTrue(md.indexOf("### 2023-11-14") < md.indexOf("23:30:00 #2 "), md);
    assertTrue(md.indexOf("23:55:00 #9 ") < md.indexOf("### 2023-11-15"), md);
    assertTrue(md.indexOf("### 2023-11-15") < md.indexOf("00:05:00 #11 "), md);
  }

  @Test
  void markdown_saysNeutrallyWhatWasEditedDeletedAndRedacted() {
    String md = TimelineExport.markdown(timeline());

    assertTrue(md.contains("- 23:35:00 #4 📌 @U0ALICE: Rolling back deploy 4512 @U0BOB can you watch? (edited 23:36)\n"),
        md);
    assertTrue(md.contains("- 23:55:00 #9 @U0CAROL: oops, wrong channel (deleted 23:56, original kept)\n"), md);
    assertTrue(md.contains("#13 @U0DAVE: [redacted by @U0ALICE at 2023-11-15 00:40 UTC: a credential was pasted]\n"),
        md);
    assertTrue(!md.contains("hunter2"), md);
  }

  @Test
  void markdown_namesSeveritiesAsTheTeamDoes_inItsHeaderAndEntries_theJsonKeepingCandorsCodes() {
    Timeline t = timeline();
    StringBuilder md = new StringBuilder();
    TimelineExport.Markdown writer = new TimelineExport.Markdown(md, t.incident(), id -> "@" + id,
        dev.candor.testing.TeamSeverities.P_SCALE);
    t.items().forEach(writer::item);
    writer.finish();

    assertTrue(md.toString().contains("\nP2 (high) · resolved"), md.toString());
    assertTrue(md.toString().contains("@U0ALICE declared the incident (P2)"), md.toString());
    assertTrue(!md.toString().contains("SEV2"), md.toString());
    assertTrue(TimelineExport.json(t).contains("\"severity\" : \"SEV2\""), TimelineExport.json(t));
  }

  @Test
  void markdown_keepsAMultiLineMessageInOneListItem() {
    String md = TimelineExport.markdown(timeline());

    assertTrue(md.contains("- 23:38:00 #7 ↳ @U0BOB: Watching.\n  Error rate still climbing\n"), md);
  }

  /** One message, as the store would hold it, in a timeline of its own. */
  static Timeline oneMessage(String actor, String text, String detail) {
    Observation o = obs(EntryKind.MESSAGE, ts(3, 0), null, actor, text, null, detail, Source.EVENT);
    TimelineEntry e = new HashChain(KEY).link(ID, 1, HashChain.GENESIS, o, o.text(), List.of(), at(3, 1));
    return Timeline.of(incident(), List.of(e));
  }

  static String markdownWithNames(Timeline timeline) {
    StringBuilder md = new StringBuilder();
    Map<String, String> names = Map.of("U0BOB", "Bob Stone", "U0EVIL", "*Eve* ![](@U0BOB)");
    TimelineExport.Markdown writer = new TimelineExport.Markdown(md, timeline.incident(),
        id -> "@" + names.getOrDefault(id, id));
    timeline.items().forEach(writer::item);
    writer.finish();
    return md.toString();
  }

  @Test
  void markdown_readsSlacksMarkupForPeople_andTheJsonKeepsTheTextAsStored() throws IOException {
    String stored = "<@U0BOB> and <@U0CAROL|carol>: see <#C1|inc-m> and <https://x.example/a|dash> <!here> "
        + "&lt;b&gt; R&amp;D";
    Timeline timeline = oneMessage("U0EVIL", stored, "");

    String md = markdownWithNames(timeline);
    assertTrue(md.contains("- 23:33:00 #1 @\\*Eve\\* \\!\\[\\](@U0BOB): @Bob Stone and @U0CAROL: see \\#inc-m and "
        + "dash (https://x.example/a) @here \\<b\\> R\\&D\n"), md);
    assertTrue(TimelineExport.markdown(timeline).contains(": @U0BOB and @U0CAROL: see"),
        "with no names, a mention keeps its id");

    JsonNode entry = new ObjectMapper().readTree(TimelineExport.json(timeline)).path("entries").get(0);
    assertEquals(stored, entry.path("text").asText(), "the evidence is the text as stored, which the chain covers");
    assertEquals(timeline.items().get(0).entry().hash(), entry.path("hash").asText());
  }

  @Test
  void markdown_escapesEveryLineOfAMessage_soNothingInItFormatsTheDocument() {
    String md = markdownWithNames(oneMessage("U0BOB", "*all* of it\n# not a heading\n- not a list\n1. nor this\n"
        + "[link](https://evil.example) ![](@U0EVIL) &lt;b&gt;html&lt;/b&gt;", ""));

    assertTrue(md.contains("- 23:33:00 #1 @Bob Stone: \\*all\\* of it\n  \\# not a heading\n  \\- not a list\n"
        + "  1\\. nor this\n  \\[link\\](https://evil.example) \\!\\[\\](@U0EVIL) \\<b\\>html\\</b\\>\n"), md);
  }

  @Test
  void markdown_showsSlacksCodeBlocksAsCode_andAnUnclosedOneAsEscapedText() {
    String md = markdownWithNames(oneMessage("U0BOB", "logs:\n```\nERROR a &lt; b\n  `` *x*\n```", ""));

    assertTrue(md.contains("- 23:33:00 #1 @Bob Stone: logs:\n  ```\n  ERROR a < b\n    `` *x*\n  ```\n"), md);
    String unclosed = markdownWithNames(oneMessage("U0BOB", "```\n# x\n``` and ```", ""));
    assertTrue(unclosed.contains("- 23:33:00 #1 @Bob Stone: \\`\\`\\`\n  \\# x\n  \\`\\`\\` and \\`\\`\\`\n"),
        unclosed);
    String alone = markdownWithNames(oneMessage("U0BOB", "```\nHikariPool-1 - Connection is not available\n```", ""));
    assertTrue(alone.contains("- 23:33:00 #1 @Bob Stone:\n  ```\n  HikariPool-1 - Connection is not available\n"
        + "  ```\n"), alone);
  }

  @Test
  void markdown_namesABotsPostAsSuch_notBySlacksSubtype() {
    assertTrue(markdownWithNames(oneMessage("B0ALERTS", "firing", "bot_message bot"))
        .contains("#1 @B0ALERTS: firing (a bot)\n"));
    assertTrue(markdownWithNames(oneMessage("B0ALERTS", "firing", "bot")).contains("#1 @B0ALERTS: firing (a bot)\n"));
    assertTrue(markdownWithNames(oneMessage("U0BOB", "graph", "files: p99.png"))
        .contains("#1 @Bob Stone: graph (files: p99.png)\n"));
    assertTrue(markdownWithNames(oneMessage("B0DEPLOY", "shipped", "files: a_b.log bot"))
        .contains("#1 @B0DEPLOY: shipped (files: a\\_b.log, a bot)\n"));
  }

  @Test
  void json_carriesEveryFieldSoTheChainCanBeCheckedFromTheExport() throws IOException {
    JsonNode root = new ObjectMapper().readTree(TimelineExport.json(timeline()));

    assertEquals(TimelineExport.JSON_FORMAT, root.path("format").asText());
    assertEquals("INC-7", root.path("incident").path("id").asText());
    assertEquals("mitigated after 42 min", root.path("phases").get(2).path("summary").asText());
    List<TimelineEntry> rebuilt = new ArrayList<>();
    for (JsonNode e : root.path("entries")) {
      List<String> macs = new ArrayList<>();
      e.path("secretMacs").forEach(m -> macs.add(m.asText()));
      rebuilt.add(new TimelineEntry(ID, e.path("seq").asLong(), EntryKind.valueOf(e.path("kind").asText()),
          text(e, "key"), text(e, "channelId"), text(e, "ts"), text(e, "threadTs"), text(e, "actor"), text(e, "text"),
          text(e, "contentMac"), macs, text(e, "refTs"), text(e, "detail"), Source.valueOf(e.path("source").asText()),
          Instant.parse(e.path("recordedAt").asText()), text(e, "prevHash"), text(e, "hash")));
    }
    rebuilt.sort(Comparator.comparingLong(TimelineEntry::seq));

    assertEquals(18, rebuilt.size());
    assertEquals(new HashChain.Intact(18), new HashChain(KEY).verify(rebuilt));
  }

  @Test
  void json_notesEditsDeletionsRedactionsAndKeyEventsBesideTheEntries() throws IOException {
    JsonNode root = new ObjectMapper().readTree(TimelineExport.json(timeline()));
    JsonNode bySeq = new ObjectMapper().createObjectNode();
    root.path("entries").forEach(e -> ((ObjectNode) bySeq).set(e.path("seq").asText(), e));

    assertEquals("[5]", bySeq.path("4").path("editedBy").toString());
    assertTrue(bySeq.path("4").path("keyEvent").asBoolean());
    assertTrue(bySeq.path("2").path("keyEvent").asBoolean(), "marked through Add to timeline");
    assertTrue(bySeq.path("3").path("keyEvent").asBoolean(), "pinned");
    assertEquals(10, bySeq.path("9").path("deletedBy").asLong());
    assertTrue(bySeq.path("13").path("text").isNull());
    assertEquals("a credential was pasted", bySeq.path("13").path("redaction").path("reason").asText());
    assertEquals(18, bySeq.path("13").path("redaction").path("seq").asLong());
  }

  static String text(JsonNode node, String field) {
    JsonNode v = node.path(field);
    return v.isNull() || v.isMissingNode() ? null : v.asText();
  }
}
