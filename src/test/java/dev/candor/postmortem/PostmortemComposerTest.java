package dev.candor.postmortem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.candor.followup.FollowUp;
import dev.candor.followup.Level;
import dev.candor.incident.Incident;
import dev.candor.incident.IncidentState;
import dev.candor.testing.GoldenFile;
import dev.candor.timeline.Timeline;
import dev.candor.timeline.TimelineEntry;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The draft of fixed records against golden files in {@code src/test/resources/postmortem}. After a
 * deliberate change, rewrite them with {@code mvn -o test -Dtest=PostmortemComposerTest
 * -Dgolden.update=true} and read the diff.
 */
class PostmortemComposerTest {
  static final Path GOLDEN = Path.of("src/test/resources/postmortem");
  static final PostmortemComposer LIVE = new PostmortemComposer(Names.canvasMentions());
  static final PostmortemComposer REPLAY = new PostmortemComposer(Names.handles(Map.of("U0SOLO", "sam")));

  static void assertGolden(String name, String actual) throws IOException {
    GoldenFile.assertMatches(GOLDEN, name, actual);
  }

  @Test
  void aFullIncident_matchesTheGoldenFile() throws IOException {
    assertGolden("INC-12-full.md", LIVE.compose(Fixtures.full()));
  }

  @Test
  void aTeamOfOne_withNoKeyEventsAndNoFollowUps_matchesTheGoldenFile() throws IOException {
    assertGolden("INC-3-team-of-one.md", REPLAY.compose(Fixtures.teamOfOne()));
  }

  @Test
  void followUpsOnlyInTheCode_matchTheGoldenFile() throws IOException {
    assertGolden("INC-9-all-software.md", LIVE.compose(Fixtures.allSoftware()));
  }

  static String section(String draft, String heading) {
    int from = draft.indexOf(heading + "\n");
    assertTrue(from >= 0, () -> "no " + heading + " in\n" + draft);
    int next = draft.indexOf("\n## ", from + heading.length());
    return draft.substring(from, next < 0 ? draft.length() : next + 1);
  }

  static PostmortemRecord with(PostmortemRecord r, Timeline timeline, List<FollowUp> followUps, long nudges) {
    return new PostmortemRecord(timeline.incident(), timeline, followUps, r.facilitator(), r.meeting(), nudges,
        r.zone());
  }

  @Test
  void theHeader_namesTheSeverityAsTheTeamDoes() {
    String draft = LIVE.withScale(dev.candor.testing.TeamSeverities.P_SCALE).compose(Fixtures.full());

    assertTrue(draft.contains("- **Incident:** INC-12, P2 (high), resolved\n"), draft);
    assertTrue(!draft.contains("SEV2"), draft);
  }

  @Test
  void theHeader_namesTheIncidentItsRolesFacilitatorAndMeeting() {
    String draft = LIVE.compose(Fixtures.full());

    assertTrue(draft.startsWith("# Post-mortem: INC-12 Checkout errors in EU\n\n"), draft);
    assertTrue(draft.contains("- **Incident:** INC-12, SEV2 (major), resolved\n"), draft);
    assertTrue(draft.contains("- **Duration:** 1 h 5 min, from 2024-03-05 23:40 to 2024-03-06 00:45\n"), draft);
    assertTrue(draft.contains("- **Roles:** commander ![](@U0ALICE), comms ![](@U0BOB), scribe ![](@U0CAROL)\n"), draft);
    assertTrue(draft.contains("- **Facilitator:** ![](@U0ERIN)\n"), draft);
    assertTrue(draft.contains("- **Meeting:** 2024-03-08 15:00 Europe/Berlin (2024-03-08 09:00 America/New_York), 1 h,"
        + " Room 4 or https://meet.example.com/pm-12\n"), draft);
  }

  @Test
  void theSummary_isLeftForPeopleToWrite() {
    String summary = section(LIVE.compose(Fixtures.full()), "## Summary");

    assertTrue(summary.contains("\n_In a few paragraphs, tell the story"), summary);
    assertTrue(summary.contains("> **Written during the incident:** Card payments failed for about an hour"), summary);
    assertFalse(section(REPLAY.compose(Fixtures.teamOfOne()), "## Summary").contains("Written during"));
  }

  @Test
  void keyEvents_areHonestAboutEditsDeletionsAndRedactions() {
    String events = section(LIVE.compose(Fixtures.full()), "### Key events");

    assertTrue(events.contains("![](@U0ALICE): Rolling back deploy 4512 ![](@U0BOB) can you watch? (edited 23:47 to:"
        + " Rolling back deploys 4512 and 4513 ![](@U0BOB) can you watch?)"), events);
    assertTrue(events.contains("- **00:05** ![](@U0CAROL): Customer update drafted: \\*payments degraded\\*, see status"
        + " page (https://status.example.com) (deleted 00:07, original kept)"), events);
    assertTrue(events.contains("- **00:24** ![](@U0DAVE): \\[redacted: a credential was pasted\\]\n"), events);
    assertFalse(events.contains("hunter2"), events);
  }

  @Test
  void keyEvents_showMarkedMessagesNotesAndChangesOfState_only() {
    String events = section(LIVE.compose(Fixtures.full()), "### Key events");

    assertEquals(1, events.split("Seeing 500s", -1).length - 1, "a message marked twice shows once: " + events);
    assertTrue(events.contains("B0ALERTS: \\[FIRING\\] checkout\\_5xx\\_rate \\> 5%"), events);
    assertTrue(events.contains("![](@U0CAROL) noted: Support saw about 120 tickets"), events);
    assertTrue(events.contains("![](@U0ALICE) set the status to identified: Bad config in deploy 4512"), events);
    assertFalse(events.contains("runbook"), "an unmarked message: " + events);
    assertFalse(events.contains("joined"), events);
    assertFalse(events.contains("comms"), "a role change is in the header: " + events);
    assertEquals(10, events.lines().filter(l -> l.startsWith("- ")).count(), events);
  }

  @Test
  void aMarkedMessageThatWasNeverRecorded_showsThroughItsMark() {
    PostmortemRecord r = Fixtures.allSoftware();
    Entries e = new Entries(r.incident().id(), r.incident().times().started());
    e.action(20, 0, "U0BOB", "KEY_EVENT " + e.ts(-90, 0) + "@U0CAROL", "reindex started <@U0CAROL>");
    Timeline timeline = Timeline.of(r.incident(), e.build());

    String events = section(LIVE.compose(with(r, timeline, r.followUps(), 1)), "### Key events");

    assertTrue(events.contains("- **2024-01-15 13:20** ![](@U0BOB) marked the message of 11:30:00 by ![](@U0CAROL) as a"
        + " key event: reindex started ![](@U0CAROL)\n"), events);
    assertFalse(events.contains("No message was marked"), events);
  }

  @Test
  void aLongTimeline_showsItsBeginningAndEnd_andSaysHowMuchIsLeftOut() {
    PostmortemRecord r = Fixtures.allSoftware();
    Entries e = new Entries(r.incident().id(), r.incident().times().started());
    for (int i = 0; i < 100; i++) {
      e.react(i, 30, "U0BOB", e.message(i, 0, "U0ALICE", "event " + i));
    }
    String events = section(LIVE.compose(with(r, Timeline.of(r.incident(), e.build()), r.followUps(), 1)),
        "### Key events");

    List<String> lines = events.lines().filter(l -> l.startsWith("- ")).toList();
    assertEquals(KeyEvents.HEAD + 1 + KeyEvents.TAIL, lines.size(), events);
    assertTrue(lines.get(0).endsWith(": event 0"), lines.get(0));
    assertTrue(lines.get(KeyEvents.HEAD - 1).endsWith(": event 29"), events);
    assertEquals("- _… 60 more key events in between. The whole timeline: `/incident timeline` in the channel, or"
        + " `candor export INC-9 --format md`._", lines.get(KeyEvents.HEAD));
    assertTrue(lines.get(KeyEvents.HEAD + 1).endsWith(": event 90"), events);
    assertTrue(lines.get(lines.size() - 1).endsWith(": event 99"), events);
  }

  @Test
  void aReplayedDraft_sendsReadersToTheTimelineBesideIt() {
    PostmortemRecord r = Fixtures.allSoftware();
    Entries e = new Entries(r.incident().id(), r.incident().times().started());
    for (int i = 0; i < 100; i++) {
      e.react(i, 30, "U0BOB", e.message(i, 0, "U0ALICE", "event " + i));
    }
    PostmortemComposer replay = new PostmortemComposer(Names.handles(Map.of()), "`timeline.md`, beside this draft");
    String events = section(replay.compose(with(r, Timeline.of(r.incident(), e.build()), r.followUps(), 1)),
        "### Key events");

    assertTrue(events.contains("- _… 60 more key events in between. The whole timeline: `timeline.md`, beside this"
        + " draft._\n"), events);
    assertFalse(events.contains("candor export"), events);
  }

  @Test
  void contributingFactors_askTwoOrThreeQuestionsAtEachOfFiveLevels() {
    String factors = section(LIVE.compose(Fixtures.full()), "## Contributing factors");

    List<String> levels = factors.lines().filter(l -> l.startsWith("### ")).toList();
    assertEquals(List.of("### Organization", "### Culture", "### Process", "### Engineering practice", "### Software"),
        levels);
    for (Level level : Level.values()) {
      assertTrue(Prompts.factors(level).size() >= 2 && Prompts.factors(level).size() <= 3, level.label());
      Prompts.factors(level).forEach(q -> assertTrue(factors.contains("- " + q + "\n"), q));
      Prompts.factors(level).forEach(q -> assertTrue(q.endsWith("?"), q));
    }
  }

  @Test
  void followUps_areGroupedByLevel_inLevelOrder_soonestDueFirst() {
    String followUps = section(LIVE.compose(Fixtures.full()), "## Follow-ups");

    assertEquals(List.of("### Culture", "### Process", "### Engineering practice", "### Software"),
        followUps.lines().filter(l -> l.startsWith("### ")).toList());
    assertTrue(followUps.contains("### Software\n\n- Validate the payment config schema at load — owner ![](@U0DAVE),"
        + " due 2024-03-12, open\n- Retry card auth with jitter — owner ![](@U0DAVE), due 2024-03-30, dropped (covered"
        + " by the canary)\n"), followUps);
    assertFalse(followUps.contains("Every follow-up so far is at the software level"), followUps);
  }

  @Test
  void followUpsAllInTheCode_inviteLearningAboveIt_droppedOnesAside() {
    assertTrue(section(LIVE.compose(Fixtures.allSoftware()), "## Follow-ups")
        .contains("_Every follow-up so far is at the software level."));

    PostmortemRecord r = Fixtures.allSoftware();
    List<FollowUp> withDroppedProcess = new ArrayList<>(r.followUps());
    withDroppedProcess.add(Fixtures.followUp(13, r.incident().id(), "Review the on-call handover", "U0ALICE",
        "2024-02-01", Level.PROCESS, FollowUp.Status.DROPPED, "", Instant.parse("2024-01-15T14:00:00Z")));
    String followUps = section(LIVE.compose(with(r, r.timeline(), withDroppedProcess, 1)), "## Follow-ups");
    assertTrue(followUps.contains("_Every follow-up so far is at the software level."), followUps);
    assertTrue(followUps.contains("- Review the on-call handover — owner ![](@U0ALICE), due 2024-02-01, dropped\n"),
        followUps);
  }

  @Test
  void theNudgeCount_isACountWithNoNames_inGoodGrammar() {
    PostmortemRecord r = Fixtures.allSoftware();
    assertTrue(LIVE.compose(with(r, r.timeline(), r.followUps(), 0))
        .contains("\nCandor sent no private nudges toward blameless language during the incident. Thank you"));
    assertTrue(LIVE.compose(with(r, r.timeline(), r.followUps(), 1))
        .contains("\nCandor sent 1 private nudge toward blameless language during the incident.\n"));
    assertTrue(LIVE.compose(with(r, r.timeline(), r.followUps(), 2))
        .contains("\nCandor sent 2 private nudges toward blameless language during the incident.\n"));
    String language = section(LIVE.compose(Fixtures.full()), "## Blameless language");
    assertFalse(language.contains("![](@"), language);
  }

  @Test
  void aReplay_saysWhatCandorWouldHaveSent_nudgesAndSupportNotesApart_andThatItSentNothing() {
    PostmortemRecord r = Fixtures.allSoftware();
    PostmortemRecord none = with(r, r.timeline(), r.followUps(), 0);
    Function<PostmortemComposer.WouldHaveSent, String> replayed = would -> section(
        new PostmortemComposer(Names.handles(Map.of()), "`timeline.md`", would).compose(none), "## Blameless language");

    String both = replayed.apply(new PostmortemComposer.WouldHaveSent(8, 2));
    assertTrue(both.contains("\nCandor was not in the channel during the incident, so it sent nothing. Had it been"
        + " there, it would have sent 8 private nudges toward blameless language and 2 private notes of support to"
        + " people who blamed themselves.\n"), both);
    assertFalse(both.contains("Candor sent"), both);
    assertTrue(replayed.apply(new PostmortemComposer.WouldHaveSent(1, 1))
        .contains("would have sent 1 private nudge toward blameless language and 1 private note of support to"));
    assertTrue(replayed.apply(new PostmortemComposer.WouldHaveSent(3, 0))
        .contains("would have sent 3 private nudges toward blameless language.\n"));
    assertTrue(replayed.apply(new PostmortemComposer.WouldHaveSent(0, 1))
        .contains("would have sent no private nudges toward blameless language and 1 private note of support"));
    assertTrue(replayed.apply(new PostmortemComposer.WouldHaveSent(0, 0))
        .contains("Had it been there, it would have sent no private note: nothing anyone wrote read as blame.\n"));
    assertThrows(IllegalArgumentException.class, () -> new PostmortemComposer.WouldHaveSent(-1, 0));
  }

  @Test
  void anOpenIncident_saysItIsNotResolvedYet() {
    PostmortemRecord r = Fixtures.teamOfOne();
    Incident i = r.incident();
    Incident open = new Incident(i.id(), i.channelId(), i.channelName(), i.title(), i.summary(), i.severity(),
        IncidentState.MONITORING, i.roles(), i.privateChannel(), i.declaredBy(), i.originChannelId(),
        new Incident.Times(i.times().started(), i.times().declared(), null, null, null, i.times().lastUpdate()),
        i.version());
    String draft = REPLAY.compose(new PostmortemRecord(open, Timeline.of(open, List.of()), List.of(), null,
        Optional.empty(), 0, ZoneId.of("UTC")));

    assertTrue(draft.contains("- **Duration:** not resolved yet; started 2024-06-01 06:10\n"), draft);
    assertTrue(draft.contains("- **Resolved:** not yet\n"), draft);
    assertTrue(draft.contains("- **Facilitator:** not chosen yet\n"), draft);
  }

  @Test
  void theSameRecord_givesTheSameBytes_inWhateverOrderItsPartsCame() {
    PostmortemRecord r = Fixtures.full();
    String draft = LIVE.compose(r);
    Random random = new Random(5);
    for (int n = 0; n < 20; n++) {
      List<TimelineEntry> entries =
          new ArrayList<>(Fixtures.full().timeline().items().stream().map(Timeline.Item::entry).toList());
      // the store hands back entries in recorded order; the view must not depend on it
      Collections.shuffle(entries, random);
      List<FollowUp> followUps = new ArrayList<>(r.followUps());
      Collections.shuffle(followUps, random);
      assertEquals(draft, LIVE.compose(with(r, Timeline.of(r.incident(), entries), followUps, r.nudgesSent())));
    }
  }

  @Test
  void recordsRefuseNonsense() {
    PostmortemRecord r = Fixtures.teamOfOne();
    assertThrows(IllegalArgumentException.class, () -> new PostmortemRecord(
        r.incident(), r.timeline(), List.of(), null, Optional.empty(), -1, ZoneId.of("UTC")));
    assertThrows(IllegalArgumentException.class, () -> new Meeting(
        ZonedDateTime.of(2024, 1, 1, 10, 0, 0, 0, ZoneId.of("UTC")), Duration.ZERO, "U1",
        List.of(), "room"));
    assertNull(new PostmortemRecord(r.incident(), r.timeline(), List.of(), " ", null, 0, ZoneId.of("UTC"))
        .facilitator());
  }
}
