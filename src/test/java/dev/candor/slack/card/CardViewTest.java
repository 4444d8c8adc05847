package dev.candor.slack.card;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.Gson;
import com.slack.api.util.json.GsonFactory;
import dev.candor.incident.Incident;
import dev.candor.incident.IncidentChange;
import dev.candor.incident.IncidentId;
import dev.candor.incident.IncidentState;
import dev.candor.incident.Severity;
import dev.candor.incident.SeverityScale;
import dev.candor.slack.platform.SlackMessage;
import dev.candor.testing.FakeSlack;
import dev.candor.testing.SlackLimits;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The incident card as Slack shows it: its facts, its buttons by state, the roles question while a role is open,
 * people's words escaped (mentions kept), within Slack's limits at any size; and its forms.
 */
class CardViewTest {
  static final Gson GSON = GsonFactory.createSnakeCase();
  static final Instant START = Instant.parse("2026-12-01T12:00:00Z");
  static final String TRICKY = "db &lt;primary&gt; & <!here> <@U0BOB> <b>bold</b> @channel";

  static Incident incident(String title, String summary, IncidentState state, String comms, String scribe) {
    Instant resolved = state == IncidentState.RESOLVED ? START.plus(Duration.ofMinutes(95)) : null;
    return new Incident(new IncidentId(42), "CINC42", "inc-42", title, summary, Severity.SEV2, state,
        new Incident.Roles("U0ALICE", comms, scribe), false, "U0ALICE", "CGENERAL",
        new Incident.Times(START, START, null, resolved, null, START), 1);
  }

  static CardView.Facts facts(Incident i, String update, Optional<String> call) {
    Optional<IncidentChange> status = update == null ? Optional.empty()
        : Optional.of(new IncidentChange(i.id(), IncidentChange.Kind.STATUS, "U0BOB", START.plusSeconds(600),
            "IDENTIFIED", update));
    return new CardView.Facts(i, status, call, START.plus(Duration.ofMinutes(25)));
  }

  /** The message as Slack receives it, Gson's escapes of {@code < > &} undone so the markup reads as sent. */
  static String json(SlackMessage m) {
    return raw(m).replace("\\u003c", "<").replace("\\u003e", ">").replace("\\u0026", "&");
  }

  static String raw(SlackMessage m) {
    return GSON.toJson(Map.of("text", m.text(), "blocks", m.blocks()));
  }

  static List<String> problems(SlackMessage m) {
    return SlackLimits.messageProblems("card", raw(m));
  }

  @Test
  void anOpenCard_showsStateRolesTimesTheLastUpdateAndTheCall_andTheNextSteps() {
    SlackMessage card = CardView.card(facts(incident("Checkout errors", "EU card payments fail",
        IncidentState.IDENTIFIED, "U0BOB", "U0CAROL"), "failing over to the spare", Optional.of(
            "https://meet.example.com/inc-42")));
    String shown = json(card);

    assertEquals(":rotating_light: INC-42 declared: Checkout errors (SEV2, identified)", card.text());
    for (String fact : List.of("*Status:* Identified", "SEV2 (major)", "*Commander:* <@U0ALICE>",
        "*Comms:* <@U0BOB>", "*Scribe:* <@U0CAROL>", "*Started* 25 min", "*Last status update:* 15 min",
        "failing over to the spare", "EU card payments fail", "<https://meet.example.com/inc-42|join the call>",
        "card_post_update", "card_severity", "card_roles", "card_resolve")) {
      assertTrue(shown.contains(fact), fact + " in " + shown);
    }
    assertFalse(shown.contains("Who takes"), "nobody is asked for a role that is taken");
    assertFalse(shown.contains("card_reopen"));
    assertEquals(List.of(), problems(card));
  }

  @Test
  void whileCommsOrScribeIsOpen_theCardAsksWhoTakesThem_withPickers() {
    String both = json(CardView.card(facts(incident("x", "", IncidentState.INVESTIGATING, null, null), null,
        Optional.empty())));
    assertTrue(both.contains("Who takes comms and scribe?") && both.contains("card_pick_comms")
        && both.contains("card_pick_scribe") && both.contains("users_select"), both);
    assertTrue(both.contains("*Last status update:* none yet"), both);

    String scribeOnly = json(CardView.card(facts(incident("x", "", IncidentState.INVESTIGATING, "U0BOB", null), null,
        Optional.empty())));
    assertFalse(scribeOnly.contains("card_pick_comms"), scribeOnly);
    assertTrue(scribeOnly.contains("card_pick_scribe"), scribeOnly);
  }

  @Test
  void aResolvedCard_offersReopenOnly_andSaysHowLongItTook() {
    String shown = json(CardView.card(facts(incident("x", "", IncidentState.RESOLVED, null, null), "fixed",
        Optional.empty())));
    assertTrue(shown.contains("card_reopen") && shown.contains("*Resolved* after 1 h 35 min"), shown);
    assertFalse(shown.contains("card_post_update") || shown.contains("Who takes"), shown);
  }

  @Test
  void theCopy_hasTheFactsAndWhereToJoin_butNoButtons() {
    SlackMessage copy = CardView.copy(facts(incident("x", "", IncidentState.INVESTIGATING, null, null), null,
        Optional.empty()));
    String shown = json(copy);
    assertTrue(shown.contains("Join <#CINC42> to help."), shown);
    assertFalse(shown.contains("card_") || shown.contains("users_select"), shown);
    assertEquals(List.of(), problems(copy));
  }

  @Test
  void peoplesWords_areEscaped_mentionsOfPeopleKept_andNothingPings() {
    SlackMessage card = CardView.card(facts(incident(TRICKY, TRICKY, IncidentState.INVESTIGATING, null, null),
        TRICKY, Optional.empty()));
    String shown = json(card);
    assertFalse(shown.contains("<!here>") || shown.contains("<b>"), shown);
    assertTrue(card.text().contains("&lt;b&gt;bold&lt;/b&gt;"), card.text());
    assertTrue(shown.contains("<@U0BOB>"), "a person named stays a mention");
    assertEquals(List.of(), problems(card));
  }

  @Test
  void hugeWords_stayWithinSlacksLimits() {
    String huge = "a very long update & <more> ".repeat(400);
    SlackMessage card = CardView.card(facts(incident("t".repeat(150), huge, IncidentState.MONITORING, null, null),
        huge, Optional.of("https://meet.example.com/" + "x".repeat(200))));
    assertEquals(List.of(), problems(card));
    assertTrue(card.blocks().size() <= 50);
  }

  @Test
  void theHash_changesWithWhatTheCardShows_only() {
    Incident i = incident("x", "", IncidentState.INVESTIGATING, null, null);
    String a = CardView.hash(CardView.card(facts(i, "one", Optional.empty())));
    assertEquals(a, CardView.hash(CardView.card(facts(i, "one", Optional.empty()))));
    assertNotEquals(a, CardView.hash(CardView.card(facts(i, "two", Optional.empty()))));
  }

  @Test
  void theCardsForms_stayWithinSlacksLimits_andCarryTheIncident() {
    Incident i = incident(TRICKY + "t".repeat(140), "", IncidentState.INVESTIGATING, null, null);
    List<String> problems = new ArrayList<>();
    for (var form : List.of(CardForms.severity(i, SeverityScale.defaults()), CardForms.roles(i), CardForms.resolve(i))) {
      assertEquals("42", form.getPrivateMetadata());
      problems.addAll(SlackLimits.problems(new FakeSlack.Call("views.open", Map.of("view", GSON.toJson(form)), "")));
    }
    assertEquals(List.of(), problems);
  }

  @Test
  void aTeamsSeverityNames_areTheOnesOnTheCard_itsCopy_andItsSeverityForm() {
    SeverityScale team = SeverityScale.of(List.of(
        new SeverityScale.Level(Severity.SEV1, "P1", "Customers can't pay", List.of("critical")),
        new SeverityScale.Level(Severity.SEV2, "P2", "Checkout is slow for many", List.of("high")),
        new SeverityScale.Level(Severity.SEV3, "P3", "Some customers see it", List.of("medium")),
        new SeverityScale.Level(Severity.SEV4, "P4", "No customer impact yet", List.of("low"))));
    Incident i = incident("db down", "", IncidentState.INVESTIGATING, null, null);
    CardView.Facts f = new CardView.Facts(i, Optional.empty(), Optional.empty(), START, team);

    for (SlackMessage m : List.of(CardView.card(f), CardView.copy(f))) {
      assertTrue(json(m).contains("P2 (high)"), json(m));
      assertFalse(json(m).contains("SEV2"), json(m));
    }
    String form = GSON.toJson(CardForms.severity(i, team));
    assertTrue(form.contains("P1 (critical)") && form.contains("P4 (low)"), form);
    assertFalse(form.contains("\"text\":\"SEV"), "only the option values are Candor's codes: " + form);
  }
}
