package dev.candor.slack.timeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.gson.Gson;
import com.slack.api.model.view.View;
import com.slack.api.util.json.GsonFactory;
import dev.candor.incident.Incident;
import dev.candor.incident.IncidentId;
import dev.candor.incident.IncidentState;
import dev.candor.incident.Severity;
import dev.candor.timeline.EntryKind;
import dev.candor.timeline.SlackTs;
import dev.candor.timeline.Source;
import dev.candor.timeline.Timeline;
import dev.candor.timeline.TimelineEntry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The timeline modal stays within Slack's limits at any size, shows every entry once, and escapes user text. */
class TimelineModalViewTest {
  static final Gson GSON = GsonFactory.createSnakeCase();
  static final ObjectMapper JSON = new ObjectMapper();
  static final IncidentId ID = new IncidentId(7);
  static final String CHANNEL = "C0INCIDENT";
  static final Instant START = Instant.parse("2023-11-14T22:13:20Z");
  static final String HOSTILE = "<!channel> <!here> <@U1> <!subteam^S1> <https://evil.example|click> & more ";

  static Incident incident(IncidentId id, String title) {
    return new Incident(id, CHANNEL, "inc-checkout", title, "", Severity.SEV1, IncidentState.RESOLVED,
        new Incident.Roles("U0ALICE", null, null), false, "U0ALICE", "C0GENERAL",
        new Incident.Times(START, START.plusSeconds(120), START.plusSeconds(2_520), START.plusSeconds(3_900), null,
            START.plusSeconds(3_900)), 5);
  }

  static TimelineEntry entry(long seq, EntryKind kind, Instant at, String actor, String text, String refTs,
      String threadTs, String detail) {
    return new TimelineEntry(ID, seq, kind, kind + ":" + seq, CHANNEL, SlackTs.of(at), threadTs, actor, text,
        "mac" + seq, List.of(), refTs, detail, Source.EVENT, at, "prev" + seq, "hash" + seq);
  }

  /** Text of {@code length} characters that starts with a marker and mixes hostile markup, emoji and plain words. */
  static String text(long seq, int length, Random random) {
    StringBuilder s = new StringBuilder("entry-" + seq + " ");
    String[] pieces = {HOSTILE, "🔥 ", "the quick brown fox ", "a & b ", "x\n", "deploy 4512 "};
    while (s.length() < length) {
      s.append(pieces[random.nextInt(pieces.length)]);
    }
    s.setLength(length);
    if (Character.isHighSurrogate(s.charAt(length - 1))) {
      s.setCharAt(length - 1, '.');
    }
    return s.toString();
  }

  /** Ten thousand entries of every kind, mostly messages of 10 to 4,000 characters, some edited, deleted, redacted. */
  static List<TimelineEntry> manyEntries(int count) {
    Random random = new Random(42);
    List<TimelineEntry> entries = new ArrayList<>(count);
    List<String> messages = new ArrayList<>();
    for (long seq = 1; seq <= count; seq++) {
      Instant at = START.plus(Duration.ofSeconds(seq * 7));
      String actor = "U0USER" + (seq % 5);
      int roll = random.nextInt(100);
      int length = roll < 70 ? 10 + random.nextInt(190) : roll < 90 ? 200 + random.nextInt(1_300)
          : 1_500 + random.nextInt(2_501);
      int kind = random.nextInt(20);
      if (messages.isEmpty() || kind < 12) {
        String thread = kind == 0 && !messages.isEmpty() ? messages.get(random.nextInt(messages.size())) : null;
        entries.add(entry(seq, EntryKind.MESSAGE, at, actor, text(seq, length, random), null, thread, ""));
        messages.add(SlackTs.of(at));
      } else {
        String ref = messages.get(random.nextInt(messages.size()));
        entries.add(switch (kind) {
          case 12, 13 -> entry(seq, EntryKind.EDIT, at, actor, text(seq, length, random), ref, null, "");
          case 14 -> entry(seq, EntryKind.DELETE, at, actor, "", ref, null, "");
          case 15 -> entry(seq, EntryKind.REACTION_ADDED, at, actor, "", ref, null, "pushpin");
          case 16 -> entry(seq, EntryKind.PIN_ADDED, at, actor, "", ref, null, "");
          case 17 -> entry(seq, EntryKind.MEMBER_JOINED, at, actor, "", null, null, "U0ALICE");
          case 18 -> entry(seq, EntryKind.ACTION, at, actor, text(seq, Math.min(length, 3_000), random), null, null,
              "STATUS IDENTIFIED");
          default -> entry(seq, EntryKind.ACTION, at, actor, text(seq, length, random), null, null, "NOTE");
        });
      }
    }
    // redact every 97th message, through a redaction entry naming who and why
    List<TimelineEntry> redacted = new ArrayList<>(entries);
    long seq = count;
    for (int i = 96; i < count; i += 97) {
      TimelineEntry e = redacted.get(i);
      if (e.kind() == EntryKind.MESSAGE) {
        redacted.set(i, new TimelineEntry(e.incidentId(), e.seq(), e.kind(), e.key(), e.channelId(), e.ts(),
            e.threadTs(), e.actor(), null, e.contentMac(), e.secretMacs(), e.refTs(), e.detail(), e.source(),
            e.recordedAt(), e.prevHash(), e.hash()));
        seq++;
        redacted.add(entry(seq, EntryKind.REDACTION, START.plus(Duration.ofDays(1)).plusSeconds(seq), "U0ALICE",
            "pasted a secret " + HOSTILE, Long.toString(e.seq()), null, ""));
      }
    }
    return redacted;
  }

  /** What Slack measures on a page. */
  record Measure(JsonNode json, int blocks, int textChars, List<String> texts) {}

  static Measure measure(View view) throws Exception {
    JsonNode json = JSON.readTree(GSON.toJson(view));
    List<String> texts = new ArrayList<>();
    collectTexts(json, texts);
    return new Measure(json, json.path("blocks").size(), texts.stream().mapToInt(String::length).sum(), texts);
  }

  /** Every string under a field named {@code text}, anywhere in the view. */
  static void collectTexts(JsonNode node, List<String> out) {
    if (node.isObject()) {
      node.properties().forEach(f -> {
        if (f.getKey().equals("text") && f.getValue().isTextual()) {
          out.add(f.getValue().asText());
        } else {
          collectTexts(f.getValue(), out);
        }
      });
    } else if (node.isArray()) {
      node.forEach(n -> collectTexts(n, out));
    }
  }

  static void assertWithinSlackLimits(Measure m, String where) {
    assertTrue(m.blocks() <= 100, where + ": " + m.blocks() + " blocks");
    assertTrue(m.textChars() <= 12_000, where + ": " + m.textChars() + " characters of text");
    assertTrue(m.json().path("title").path("text").asText().length() <= 24, where);
    for (JsonNode block : m.json().path("blocks")) {
      if (block.path("type").asText().equals("section")) {
        assertTrue(block.path("text").path("text").asText().length() <= 3_000, where + ": a section over 3,000");
      }
      for (JsonNode element : block.path("elements")) {
        if (element.path("type").asText().equals("button")) {
          assertTrue(element.path("text").path("text").asText().length() <= 75, where);
        }
      }
    }
  }

  /** Only Candor's own markup may open with {@code <}: its mentions of actors and its dates; every {@code &} is an entity. */
  static void assertEscaped(Measure m, String where) {
    for (String text : m.texts()) {
      Matcher open = Pattern.compile("<(?!@U0[A-Z0-9]+>|!date\\^-?\\d+\\^)").matcher(text);
      assertFalse(open.find(), () -> where + ": unescaped < in " + text.substring(0, Math.min(300, text.length())));
      assertFalse(Pattern.compile("&(?!amp;|lt;|gt;)").matcher(text).find(), where + ": a bare &");
      assertFalse(text.contains("<!channel>") || text.contains("<!here>") || text.contains("<@U1>"), where);
    }
  }

  @Test
  void tenThousandEntries_everyPageWithinSlackLimits_everyEntryOnExactlyOnePage() throws Exception {
    List<TimelineEntry> entries = manyEntries(10_000);
    Incident incident = incident(ID, "Checkout errors " + HOSTILE);
    Timeline timeline = Timeline.of(incident, entries);
    int pages = TimelineModalView.pageCount(incident, timeline);
    List<View> views = TimelineModalView.allPages(incident, timeline);
    assertEquals(pages, views.size());
    for (int page : List.of(1, 2, pages / 2, pages - 1, pages)) {
      assertEquals(GSON.toJson(TimelineModalView.page(incident, timeline, page)), GSON.toJson(views.get(page - 1)),
          "page " + page + " alone is the same as in the whole");
    }

    Map<Long, Integer> pageOf = new HashMap<>();
    int maxBlocks = 0;
    int maxText = 0;
    int maxSection = 0;
    int shortened = 0;
    Pattern seqMark = Pattern.compile("`#(\\d+)`");
    for (int page = 1; page <= pages; page++) {
      Measure m = measure(views.get(page - 1));
      String where = "page " + page + " of " + pages;
      assertWithinSlackLimits(m, where);
      assertEscaped(m, where);
      assertEquals("7:" + page, m.json().path("private_metadata").asText());
      maxBlocks = Math.max(maxBlocks, m.blocks());
      maxText = Math.max(maxText, m.textChars());
      for (JsonNode block : m.json().path("blocks")) {
        String text = block.path("text").path("text").asText("");
        maxSection = Math.max(maxSection, text.length());
        shortened += text.split(Pattern.quote(TimelineModalView.SHORTENED), -1).length - 1;
        Matcher seq = seqMark.matcher(text);
        while (seq.find()) {
          Integer before = pageOf.put(Long.parseLong(seq.group(1)), page);
          assertEquals(null, before, "entry #" + seq.group(1) + " on pages " + before + " and " + page);
        }
      }
    }

    assertEquals(entries.size(), pageOf.size(), "every entry appears on some page");
    assertTrue(shortened > 0, "long entries are shortened, and say so");
    System.out.printf("%d entries on %d pages; largest page: %d blocks, %d characters of text; largest section %d%n",
        entries.size(), pages, maxBlocks, maxText, maxSection);
  }

  @Test
  void pagesFillByRealSize_shortEntriesShareAPageAndLongOnesDoNot() throws Exception {
    Random random = new Random(1);
    List<TimelineEntry> shortOnes = new ArrayList<>();
    List<TimelineEntry> longOnes = new ArrayList<>();
    for (long seq = 1; seq <= 1_000; seq++) {
      Instant at = START.plusSeconds(seq);
      shortOnes.add(entry(seq, EntryKind.MESSAGE, at, "U0BOB", "ok " + seq, null, null, ""));
      longOnes.add(entry(seq, EntryKind.MESSAGE, at, "U0BOB", text(seq, 3_900, random), null, null, ""));
    }
    Incident incident = incident(ID, "Checkout errors");

    int shortPages = TimelineModalView.pageCount(incident, Timeline.of(incident, shortOnes));
    int longPages = TimelineModalView.pageCount(incident, Timeline.of(incident, longOnes));

    assertTrue(shortPages <= 1_000 / 80, shortPages + " pages for 1,000 short entries");
    assertTrue(longPages >= 1_000 / 11, longPages + " pages for 1,000 long entries");
  }

  @Test
  void userText_isEscapedSoNobodyCanPingOrMention() throws Exception {
    Incident incident = incident(ID, "<!everyone> down & out");
    TimelineEntry message = entry(1, EntryKind.MESSAGE, START, "U0BOB", "<!channel> ping <@U1> & co", null, null,
        "file_share files: <!here>.png");
    Measure m = measure(TimelineModalView.page(incident, Timeline.of(incident, List.of(message)), 1));
    String all = String.join("\n", m.texts());

    assertTrue(all.contains("&lt;!channel&gt; ping &lt;@U1&gt; &amp; co"), all);
    assertTrue(all.contains("&lt;!everyone&gt; down &amp; out"), all);
    assertTrue(all.contains("&lt;!here&gt;.png"), all);
    assertTrue(all.contains("<@U0BOB>"), "the actor is Candor's own mention: " + all);
    assertEscaped(m, "one entry");
  }

  @Test
  void theModal_namesSeveritiesAsTheTeamDoes_inItsHeaderAndEntries() throws Exception {
    Incident incident = incident(ID, "Checkout errors");
    TimelineEntry declared = entry(1, EntryKind.ACTION, START, "U0ALICE", "Checkout errors", null, null,
        "DECLARED SEV1");
    TimelineEntry raised = entry(2, EntryKind.ACTION, START.plusSeconds(60), "U0ALICE", "", null, null,
        "SEVERITY SEV1");
    Measure m = measure(TimelineModalView.page(incident, Timeline.of(incident, List.of(declared, raised)), 1,
        dev.candor.testing.TeamSeverities.P_SCALE));
    String all = String.join("\n", m.texts());

    assertTrue(all.contains("*Checkout errors*\nP1 · resolved"), all);
    assertTrue(all.contains("declared the incident (P1)") && all.contains("set the severity to P1"), all);
    assertFalse(all.contains("SEV1"), all);
  }

  @Test
  void theFirstPage_leadsWithThePhasesInEachReadersTimeZone() throws Exception {
    Incident incident = incident(ID, "Checkout errors");
    TimelineEntry message = entry(1, EntryKind.MESSAGE, START, "U0BOB", "seeing 500s", null, null, "");
    Measure m = measure(TimelineModalView.page(incident, Timeline.of(incident, List.of(message)), 1));
    String first = m.json().path("blocks").get(0).path("text").path("text").asText();

    assertTrue(first.contains("*Phases*"), first);
    assertTrue(first.contains("<!date^1700000000^{date_short_pretty} {time_secs}|2023-11-14 22:13:20 UTC> — started"),
        first);
    assertTrue(first.contains("— mitigated after 42 min"), first);
    assertTrue(first.contains("— resolved after 1 h 5 min"), first);
    String entries = m.json().path("blocks").get(2).path("text").path("text").asText();
    assertTrue(entries.startsWith("<!date^1700000000^{date_short_pretty} {time_secs}|2023-11-14 22:13:20 UTC> `#1` "),
        entries);
  }

  @Test
  void editsAndDeletions_areNotedNeutrallyWithTheirTimes() throws Exception {
    Incident incident = incident(ID, "Checkout errors");
    String ts = SlackTs.of(START);
    List<TimelineEntry> entries = List.of(
        entry(1, EntryKind.MESSAGE, START, "U0BOB", "rolling back", null, null, ""),
        entry(2, EntryKind.EDIT, START.plusSeconds(60), "U0BOB", "rolling back 4512", ts, null, ""),
        entry(3, EntryKind.DELETE, START.plusSeconds(120), "U0BOB", "", ts, null, ""));
    Measure m = measure(TimelineModalView.page(incident, Timeline.of(incident, entries), 1));
    String all = String.join("\n", m.texts());

    assertTrue(all.contains("rolling back (edited <!date^1700000060^{time}|22:14 UTC>)"
        + " (deleted <!date^1700000120^{time}|22:15 UTC>, original kept)"), all);
  }

  @Test
  void navigation_carriesTheTargetPageAndStopsAtTheEnds() throws Exception {
    List<TimelineEntry> entries = manyEntries(2_000);
    Incident incident = incident(ID, "Checkout errors");
    Timeline timeline = Timeline.of(incident, entries);
    int pages = TimelineModalView.pageCount(incident, timeline);
    assertTrue(pages >= 3, pages + " pages");

    assertEquals(Map.of("timeline_next", "2"), buttons(TimelineModalView.page(incident, timeline, 1)));
    assertEquals(Map.of("timeline_prev", "1", "timeline_next", "3"), buttons(TimelineModalView.page(incident, timeline, 2)));
    assertEquals(Map.of("timeline_prev", Integer.toString(pages - 1)),
        buttons(TimelineModalView.page(incident, timeline, pages)));
    View beyond = TimelineModalView.page(incident, timeline, pages + 5);
    assertEquals("7:" + pages, beyond.getPrivateMetadata(), "a page past the end shows the last");
    assertEquals("timeline", beyond.getCallbackId());
  }

  @Test
  void anEmptyTimeline_isOnePageWithoutButtons() throws Exception {
    Incident incident = incident(ID, "Checkout errors");
    Measure m = measure(TimelineModalView.page(incident, Timeline.of(incident, List.of()), 1));

    assertTrue(String.join("\n", m.texts()).contains("Nothing is recorded yet."));
    assertFalse(m.json().toString().contains("\"actions\""));
  }

  @Test
  void theTitle_isClippedTo24Characters() throws Exception {
    Incident incident = incident(new IncidentId(123_456_789_012_345L), "Checkout errors");
    View view = TimelineModalView.page(incident, Timeline.of(incident, List.of()), 1);

    assertEquals("INC-7 timeline", TimelineModalView.title(incident(ID, "x")));
    assertEquals(24, view.getTitle().getText().length());
    assertTrue(view.getTitle().getText().endsWith("…"));
  }

  @Test
  void thePosition_roundTripsThroughPrivateMetadata() {
    TimelineModalView.Position p = new TimelineModalView.Position(ID, 12);

    assertEquals("7:12", p.metadata());
    assertEquals(Optional.of(p), TimelineModalView.Position.parse("7:12"));
    assertEquals(Optional.of(p), TimelineModalView.Position.parse("INC-7:12"));
    assertEquals(Optional.empty(), TimelineModalView.Position.parse("7"));
    assertEquals(Optional.empty(), TimelineModalView.Position.parse("x:1"));
  }

  static Map<String, String> buttons(View view) throws Exception {
    Map<String, String> found = new HashMap<>();
    for (JsonNode block : measure(view).json().path("blocks")) {
      for (JsonNode element : block.path("elements")) {
        if (element.path("type").asText().equals("button")) {
          found.put(element.path("action_id").asText(), element.path("value").asText());
        }
      }
    }
    return found;
  }
}
