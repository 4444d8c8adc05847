package dev.candor.slack.home;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.slack.api.model.block.ActionsBlock;
import com.slack.api.model.block.ContextBlock;
import com.slack.api.model.block.HeaderBlock;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.SectionBlock;
import com.slack.api.model.block.composition.MarkdownTextObject;
import com.slack.api.model.block.element.ButtonElement;
import com.slack.api.model.view.View;
import dev.candor.followup.FollowUp;
import dev.candor.followup.Level;
import dev.candor.incident.Incident;
import dev.candor.incident.IncidentId;
import dev.candor.incident.IncidentState;
import dev.candor.incident.Severity;
import dev.candor.postmortem.Meeting;
import dev.candor.postmortem.Postmortem;
import dev.candor.slack.followup.FollowUpMessages;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class HomeViewTest {
  static final Instant NOW = Instant.parse("2026-03-10T12:00:00Z");
  static final String TEAM = "T0TEAM";

  @Test
  void anOpenIncident_hasALinkToItsChannel_andAPostUpdateButton() {
    View home = HomeView.home(List.of(incident(7, "C0SEVEN")), List.of(), List.of(), NOW, TEAM, null);

    List<ButtonElement> buttons = buttonsAfter(home, "INC-7");
    ButtonElement link = buttons.get(0);
    assertEquals(HomeView.OPEN_CHANNEL, link.getActionId());
    assertEquals("https://slack.com/app_redirect?channel=C0SEVEN&team=T0TEAM", link.getUrl());
    ButtonElement update = buttons.get(1);
    assertEquals(HomeView.POST_UPDATE, update.getActionId());
    assertEquals("INC-7", update.getValue());
    assertNull(update.getUrl(), "opens a form, not a link");
  }

  @Test
  void anOpenIncident_namesItsSeverityAsTheTeamDoes() {
    View home = HomeView.home(List.of(incident(7, "C0SEVEN")), List.of(), java.util.Map.of(), List.of(), List.of(), "",
        NOW, TEAM, null, i -> java.util.Optional.empty(), dev.candor.testing.TeamSeverities.P_SCALE);

    String line = home.getBlocks().stream().filter(SectionBlock.class::isInstance)
        .map(b -> ((SectionBlock) b).getText().getText()).filter(t -> t.contains("INC-7")).findFirst().orElseThrow();
    Severity severity = incident(7, "C0SEVEN").severity();
    assertTrue(line.contains("\nP" + (severity.ordinal() + 1) + " · "), line);
    assertFalse(line.contains("SEV" + (severity.ordinal() + 1)), line);
  }

  @Test
  void anOpenIncidentWithACall_showsItsCallLink_andOneWithoutShowsNone() {
    Incident withCall = incident(7, "C0SEVEN");
    Incident without = incident(8, "C0EIGHT");
    View home = HomeView.home(List.of(withCall, without), List.of(), java.util.Map.of(), List.of(), List.of(), "", NOW, TEAM,
        null,
        i -> i == withCall ? java.util.Optional.of("https://meet.example.com/inc-7") : java.util.Optional.empty());

    List<String> lines = home.getBlocks().stream().filter(SectionBlock.class::isInstance)
        .map(b -> ((SectionBlock) b).getText().getText()).filter(t -> t.contains("INC-")).toList();
    assertTrue(lines.get(0).endsWith(" · <https://meet.example.com/inc-7|join the call>"), lines.get(0));
    assertFalse(lines.get(1).contains("call"), lines.get(1));
  }

  @Test
  void aFacilitatedPostmortem_hasOpenAndReschedule_orScheduleWhenNoMeetingStands() {
    Incident resolved = incident(3, "C0THREE");
    Incident other = incident(4, "C0FOUR");
    Postmortem scheduled = Postmortem.pending(resolved.id()).scheduled("U0ALICE", NOW, new Meeting(
        NOW.plus(Duration.ofDays(2)).atZone(ZoneOffset.UTC), Duration.ofHours(1), "U0BOB", List.of(), "Room 4"));
    View home = HomeView.home(List.of(), List.of(), List.of(new HomeView.Facilitated(resolved, scheduled),
        new HomeView.Facilitated(other, Postmortem.pending(other.id()))), NOW, TEAM, null);

    List<ButtonElement> first = buttonsAfter(home, "INC-3");
    assertEquals(List.of(HomeView.OPEN_POSTMORTEM, HomeView.SCHEDULE_POSTMORTEM),
        first.stream().map(ButtonElement::getActionId).toList());
    assertEquals(List.of("Open post-mortem", "Reschedule"), first.stream().map(b -> b.getText().getText()).toList());
    assertTrue(first.stream().allMatch(b -> "INC-3".equals(b.getValue())));
    assertEquals("Schedule", buttonsAfter(home, "INC-4").get(1).getText().getText());
  }

  @Test
  void aNotice_comesFirst_andWithoutOneTheIncidentsDo() {
    View with = HomeView.home(List.of(), List.of(), List.of(), NOW, TEAM, ":memo: Posted your update.");
    assertEquals(":memo: Posted your update.", text(with.getBlocks().get(0)));
    View without = HomeView.home(List.of(), List.of(), List.of(), NOW, TEAM, null);
    assertInstanceOf(HeaderBlock.class, without.getBlocks().get(0));
    assertEquals(with.getBlocks().size() - 2, without.getBlocks().size(), "the notice and its divider");
  }

  @Test
  void aCrowdedHome_staysWithinSlacksHundredBlocks_andEverySectionKeepsItsShare() {
    List<Incident> incidents = IntStream.rangeClosed(1, 60).mapToObj(i -> incident(i, "C" + i)).toList();
    List<FollowUp> followUps = IntStream.rangeClosed(1, 80).mapToObj(i -> followUp(i, 1)).toList();
    List<HomeView.Facilitated> facilitated = IntStream.rangeClosed(61, 80)
        .mapToObj(i -> new HomeView.Facilitated(incident(i, "C" + i), Postmortem.pending(new IncidentId(i)))).toList();

    View home = HomeView.home(incidents, followUps, facilitated, NOW, TEAM, "a notice");

    assertTrue(home.getBlocks().size() <= 100, home.getBlocks().size() + " blocks");
    List<String> more = home.getBlocks().stream().filter(ContextBlock.class::isInstance).map(HomeViewTest::text)
        .filter(t -> t.startsWith("…and")).toList();
    assertEquals(List.of("…and 45 more. `/incident list` shows them all.", "…and 65 more.", "…and 6 more."), more);
    assertEquals(15, count(home, HomeView.POST_UPDATE));
    assertEquals(15, count(home, FollowUpMessages.DONE));
    assertEquals(14, count(home, HomeView.OPEN_POSTMORTEM));
  }

  @Test
  void aCrowdedFacilitatorsHome_withThisQuartersInsightsOnTop_staysWithinSlacksHundredBlocks() {
    List<Incident> incidents = IntStream.rangeClosed(1, 60).mapToObj(i -> incident(i, "C" + i)).toList();
    List<FollowUp> followUps = IntStream.rangeClosed(1, 80).mapToObj(i -> followUp(i, 1)).toList();
    List<HomeView.Facilitated> facilitated = IntStream.rangeClosed(61, 80)
        .mapToObj(i -> new HomeView.Facilitated(incident(i, "C" + i), Postmortem.pending(new IncidentId(i)))).toList();

    View home = HomeView.home(incidents, followUps, facilitated, List.of("This quarter (since 2026-10-01): 3 "
        + "incidents (SEV1 1, SEV2 2).", "Post-mortems: 1 held <b>"), "candor insights --since 2026-10-01", NOW, TEAM,
        "a notice");

    assertTrue(home.getBlocks().size() <= 100, home.getBlocks().size() + " blocks");
    assertEquals("This quarter", ((HeaderBlock) home.getBlocks().get(2)).getText().getText(), "under the notice");
    String figures = text(home.getBlocks().get(3));
    assertTrue(figures.startsWith("• This quarter (since 2026-10-01): 3 incidents") && figures.contains("&lt;b&gt;"),
        figures);
    assertEquals(14, count(home, HomeView.POST_UPDATE), "one item fewer in each list, for the four blocks");
  }

  @Test
  void everyButton_fitsSlacksLimits_andEveryBlockIdIsUnique() {
    Incident longTitle = incident(9, "C0NINE");
    View home = HomeView.home(List.of(longTitle, incident(10, "C0TEN")), List.of(followUp(1, 9), followUp(2, 10)),
        List.of(new HomeView.Facilitated(longTitle, Postmortem.pending(longTitle.id()))), NOW, TEAM, null);
    Set<String> blockIds = new HashSet<>();
    for (LayoutBlock b : home.getBlocks()) {
      if (b instanceof ActionsBlock a) {
        List<String> actionIds = a.getElements().stream().map(e -> ((ButtonElement) e).getActionId()).toList();
        assertEquals(actionIds.size(), Set.copyOf(actionIds).size(), "action ids unique within a block: " + actionIds);
        a.getElements().forEach(e -> assertTrue(((ButtonElement) e).getText().getText().length()
            <= HomeView.MAX_BUTTON_TEXT));
        if (a.getBlockId() != null) {
          assertTrue(blockIds.add(a.getBlockId()), "block id " + a.getBlockId() + " twice");
        }
      }
    }
    assertEquals(2, blockIds.stream().filter(id -> id.endsWith("_9")).count(), "the incident and its post-mortem");
  }

  @Test
  void titles_areEscaped_soTheHomeCanPingNobody() {
    Incident rude = new Incident(new IncidentId(5), "C0FIVE", "inc-five", "<!channel> db & cache down", "",
        Severity.SEV2, IncidentState.INVESTIGATING, new Incident.Roles("U0ALICE", null, null), false, "U0ALICE",
        "C0GENERAL", new Incident.Times(NOW, NOW, null, null, null, NOW), 1);
    View home = HomeView.home(List.of(rude), List.of(), List.of(), NOW, TEAM, null);
    String line = text(home.getBlocks().get(1));
    assertTrue(line.contains("&lt;!channel&gt; db &amp; cache down"), line);
    assertFalse(line.contains("<!channel>"), line);
  }

  @Test
  void shares_giveShortListsAllTheyWant_andSplitWhatIsLeft() {
    assertArrayEquals(new int[] {2, 39, 3}, HomeView.shares(44, 2, 100, 3));
    assertArrayEquals(new int[] {15, 15, 14}, HomeView.shares(44, 60, 80, 20));
    assertArrayEquals(new int[] {0, 0, 0}, HomeView.shares(44, 0, 0, 0));
    assertArrayEquals(new int[] {1, 1}, HomeView.shares(2, 5, 1));
  }

  // ---- helpers

  static Incident incident(long id, String channel) {
    return new Incident(new IncidentId(id), channel, "inc-" + id, "checkout errors " + id + " ".repeat(3)
        + "x".repeat(200), "", Severity.SEV2, IncidentState.INVESTIGATING, new Incident.Roles("U0ALICE", null, null),
        false, "U0ALICE", "C0GENERAL", new Incident.Times(NOW.minusSeconds(3_600), NOW.minusSeconds(3_600), null, null,
        null, NOW), 1);
  }

  static FollowUp followUp(long id, long incident) {
    return new FollowUp(id, new IncidentId(incident), "follow-up " + id, "U0ALICE", ZoneId.of("Europe/Berlin"),
        LocalDate.of(2026, 3, 20), Level.PROCESS, FollowUp.Status.OPEN, null, "U0BOB", NOW, 1);
  }

  /** The buttons of the actions block after the section that names {@code id}. */
  static List<ButtonElement> buttonsAfter(View home, String id) {
    List<LayoutBlock> blocks = home.getBlocks();
    for (int i = 0; i + 1 < blocks.size(); i++) {
      if (blocks.get(i) instanceof SectionBlock && text(blocks.get(i)).contains("*" + id + ":")) {
        return ((ActionsBlock) blocks.get(i + 1)).getElements().stream().map(ButtonElement.class::cast).toList();
      }
    }
    throw new AssertionError("no section names " + id);
  }

  static long count(View home, String actionId) {
    return home.getBlocks().stream().filter(ActionsBlock.class::isInstance)
        .flatMap(b -> ((ActionsBlock) b).getElements().stream())
        .filter(e -> actionId.equals(((ButtonElement) e).getActionId())).count();
  }

  static String text(LayoutBlock block) {
    if (block instanceof SectionBlock s) {
      return s.getText().getText();
    }
    if (block instanceof ContextBlock c) {
      return c.getElements().stream().map(e -> ((MarkdownTextObject) e).getText()).filter(Objects::nonNull)
          .findFirst().orElse("");
    }
    return "";
  }
}
