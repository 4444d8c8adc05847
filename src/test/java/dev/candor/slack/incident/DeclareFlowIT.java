package dev.candor.slack.incident;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.candor.incident.Incident;
import dev.candor.incident.IncidentChange;
import dev.candor.incident.Severity;
import dev.candor.store.JdbcIncidentRepository;
import dev.candor.testing.FakeSlack;
import dev.candor.testing.RunningCandor;
import dev.candor.testing.SignedSlack.Answer;
import dev.candor.testing.SlackPayloads;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Declaring as a responder does it, through the real server: the form with the team's severities, a lead and the
 * impact; {@code /incident} and {@code declare} inside an incident channel; severity words in a typed title; channel
 * names that carry the number, in any script; two declarations at once.
 */
class DeclareFlowIT {
  static final ObjectMapper JSON = new ObjectMapper();
  static final String SEVERITIES = """
      {
        "SEV1": {"name": "P1", "description": "Customers can't pay or log in", "words": ["critical"]},
        "SEV2": {"name": "P2", "description": "A core feature is degraded", "words": ["major", "high"]},
        "SEV3": {"name": "P3", "description": "A workaround exists", "words": ["minor"]},
        "SEV4": {"name": "P4", "description": "Cosmetic, or internal only", "words": ["low"]}
      }
      """;

  @TempDir Path dir;
  RunningCandor candor;
  FakeSlack slack;
  JdbcIncidentRepository store;

  @BeforeEach
  void start() throws IOException {
    Path severities = Files.writeString(dir.resolve("severities.json"), SEVERITIES);
    candor = RunningCandor.start(dir, Map.of("CANDOR_SEVERITIES", severities.toString()));
    slack = candor.slack;
    slack.addChannel("CGENERAL", "general", false, false, "UALICE", "UBOB");
    slack.addChannel("CDEPLOYS", "deploys", false, false, "UALICE", "UBOB");
    store = new JdbcIncidentRepository(candor.candor.database().dataSource());
  }

  @AfterEach
  void stop() {
    candor.close();
  }

  /** {@code /incident <text>} by Alice in {@code channel}; the incident once its channel is set up. */
  Incident declare(String channel, String text) {
    int before = slack.calls("conversations.setTopic").size();
    Answer ack = candor.requests.command("UALICE", channel, text);
    assertEquals(200, ack.status());
    slack.await("conversations.setTopic", c -> slack.calls("conversations.setTopic").size() > before);
    String incidentChannel = slack.calls("conversations.setTopic").get(before).param("channel");
    return store.byChannel(incidentChannel).orElseThrow();
  }

  /** The declare form submitted by Alice, with {@code lead} picked (null: left as it started). */
  static Map<String, Object> submission(String viewId, String origin, String title, String severity, String impact,
      String where, String lead) {
    Map<String, Object> body = SlackPayloads.declareSubmission(viewId, origin, title, severity, impact, "public",
        where);
    if (lead != null) {
      @SuppressWarnings("unchecked")
      var values = (Map<String, Object>) ((Map<?, ?>) ((Map<?, ?>) body.get("view")).get("state")).get("values");
      Map<String, Object> picked = new LinkedHashMap<>();
      picked.put("type", "users_select");
      picked.put("selected_user", lead);
      values.put("lead", Map.of("value", picked));
    }
    return body;
  }

  static JsonNode json(String text) throws IOException {
    return JSON.readTree(text);
  }

  @Test
  void theForm_offersTheTeamsSeveritiesWithDescriptions_aLeadStartingOnTheDeclarer_andAnImpactField()
      throws IOException {
    candor.requests.command("UALICE", "CGENERAL", "", "trig-form");

    JsonNode view = json(slack.await("views.open").param("view"));
    JsonNode blocks = view.get("blocks");
    JsonNode severity = blocks.get(1).get("element");
    assertEquals("P1 (critical)", severity.get("options").get(0).get("text").get("text").asText());
    assertEquals("Customers can't pay or log in",
        severity.get("options").get(0).get("description").get("text").asText());
    JsonNode lead = blocks.get(2);
    assertEquals("lead", lead.get("block_id").asText());
    assertEquals("users_select", lead.get("element").get("type").asText());
    assertEquals("UALICE", lead.get("element").get("initial_user").asText());
    assertEquals("Impact", blocks.get(3).get("label").get("text").asText());
    assertEquals(2, blocks.get(5).get("element").get("options").size(), "new channel or this one");
  }

  @Test
  void submittingTheForm_withAnotherLead_makesThemCommanderAsTheRoleCommandWould_andKeepsTheImpact() {
    Answer ack = candor.requests.interaction(submission("V1", "CGENERAL", "Payments down", "SEV1",
        "EU customers can't pay by card", "new", "UBOB"));
    assertEquals(200, ack.status());

    String channel = slack.await("conversations.create").param("name");
    assertEquals("inc-1-payments-down", channel);
    slack.await("chat.postMessage", c -> c.param("text") != null && c.param("text").contains("made <@UBOB>"));
    Incident incident = store.open().get(0);
    assertEquals("UBOB", incident.roles().commander());
    assertEquals("EU customers can't pay by card", incident.summary());
    assertEquals(Severity.SEV1, incident.severity());
    assertEquals(List.of(IncidentChange.Kind.DECLARED, IncidentChange.Kind.ROLE),
        store.changes(incident.id()).stream().map(IncidentChange::kind).toList());
    assertEquals("UALICE", store.changes(incident.id()).get(1).actor(), "the declarer handed the lead over");
    assertTrue(slack.calls("conversations.invite").stream().anyMatch(c -> "UBOB".equals(c.param("users"))
        && incident.channelId().equals(c.param("channel"))), "the lead is invited");
  }

  @Test
  void incidentAlone_inAnIncidentChannel_opensTheFormForANewIncident_whichGetsItsOwnChannel() throws IOException {
    Incident first = declare("CGENERAL", "declare DB down sev2");

    Answer ack = candor.requests.command("UBOB", first.channelId(), "", "trig-second");
    assertEquals(200, ack.status());
    assertEquals("", ack.body(), "no \"already is\" answer: the form opens");
    JsonNode view = json(slack.await("views.open", c -> "trig-second".equals(c.param("trigger_id"))).param("view"));
    assertEquals(first.channelId(), view.get("private_metadata").asText());
    assertEquals(1, view.get("blocks").get(5).get("element").get("options").size(), "only a new channel");

    candor.requests.interaction(submission("V2", first.channelId(), "Cache misses", "SEV3", "", "new", null));

    slack.await("conversations.create", c -> "inc-2-cache-misses".equals(c.param("name")));
    slack.await("conversations.setTopic", c -> !first.channelId().equals(c.param("channel")));
    assertEquals(2, store.open().size());
  }

  @Test
  void declareTyped_inAnIncidentChannel_saysItAlreadyIsOne_withAButtonThatOpensThePrefilledForm()
      throws IOException {
    Incident first = declare("CGENERAL", "declare DB down sev2");

    Answer again = candor.requests.command("UBOB", first.channelId(), "declare cache misses sev1");
    JsonNode answer = json(again.body());
    assertEquals("ephemeral", answer.get("response_type").asText());
    assertTrue(answer.get("text").asText().contains("already is " + first.id()), answer.toString());
    JsonNode button = answer.get("blocks").get(1).get("elements").get(0);
    assertEquals("Declare a new incident", button.get("text").get("text").asText());

    candor.requests.interaction(SlackPayloads.buttonInChannel(slack, "UBOB", first.channelId(),
        button.get("action_id").asText(), button.get("value").asText(), "resp-anyway"));

    JsonNode view = json(slack.await("views.open", c -> "trig-resp-anyway".equals(c.param("trigger_id")))
        .param("view"));
    assertEquals("cache misses", view.get("blocks").get(0).get("element").get("initial_value").asText());
    assertEquals("SEV1", view.get("blocks").get(1).get("element").get("initial_option").get("value").asText());
    assertEquals(1, store.open().size(), "nothing declared until the form is sent");
  }

  @Test
  void declare_dbDownP1_isSev1_inAChannelNamedAfterItsNumber() {
    Incident incident = declare("CGENERAL", "declare DB down P1");

    assertEquals(Severity.SEV1, incident.severity());
    assertEquals("DB down", incident.title());
    assertEquals("inc-" + incident.id().value() + "-db-down", incident.channelName());
    var opening = slack.await("chat.postMessage", c -> incident.channelId().equals(c.param("channel")));
    assertTrue(opening.param("blocks").contains("*Severity:* P1 (critical)"), opening.param("blocks"));
    slack.await("conversations.setTopic", c -> c.param("topic").startsWith("Investigating · P1 · "));
  }

  @Test
  void declare_P0_isTheWorstSeverity() {
    assertEquals(Severity.SEV1, declare("CGENERAL", "declare P0 payments down").severity());
  }

  @Test
  void declare_aTeamWordSetApart_isRead() {
    Incident incident = declare("CGENERAL", "declare search is slow - critical");

    assertEquals(Severity.SEV1, incident.severity());
    assertEquals("search is slow", incident.title());
  }

  @Test
  void declare_aPlainHighAsTheLastWord_isAskedAboutPrivately_andTheAnswerDeclares() throws IOException {
    Answer ack = candor.requests.command("UALICE", "CGENERAL", "declare checkout latency high");
    JsonNode question = json(ack.body());
    assertEquals("ephemeral", question.get("response_type").asText());
    assertTrue(question.get("text").asText().contains("*high*"), question.toString());
    JsonNode buttons = question.get("blocks").get(1).get("elements");
    assertEquals("Declare as P2 (major)", buttons.get(0).get("text").get("text").asText());
    assertEquals("Keep \"high\" in the title", buttons.get(1).get("text").get("text").asText());
    assertTrue(slack.calls("conversations.create").isEmpty(), "nothing declared before the answer");

    candor.requests.interaction(SlackPayloads.buttonInChannel(slack, "UALICE", "CGENERAL",
        buttons.get(0).get("action_id").asText(), buttons.get(0).get("value").asText(), "resp-ask"));

    slack.await("conversations.create", c -> "inc-1-checkout-latency".equals(c.param("name")));
    String channel = slack.await("conversations.setTopic").param("channel");
    Incident incident = store.byChannel(channel).orElseThrow();
    assertEquals("checkout latency", incident.title());
    assertEquals(Severity.SEV2, incident.severity());
  }

  @Test
  void declare_keepingTheWordInTheTitle_declaresTheWholeTitleAtTheDefaultSeverity() throws IOException {
    JsonNode buttons = json(candor.requests.command("UALICE", "CGENERAL", "declare checkout latency high").body())
        .get("blocks").get(1).get("elements");

    candor.requests.interaction(SlackPayloads.buttonInChannel(slack, "UALICE", "CGENERAL",
        buttons.get(1).get("action_id").asText(), buttons.get(1).get("value").asText(), "resp-keep"));

    String channel = slack.await("conversations.setTopic").param("channel");
    Incident incident = store.byChannel(channel).orElseThrow();
    assertEquals("checkout latency high", incident.title());
    assertEquals(Severity.SEV3, incident.severity());
    assertEquals("inc-1-checkout-latency-high", incident.channelName());
  }

  @Test
  void aTitleInAnotherScript_getsAReadableSlug() {
    Incident russian = declare("CGENERAL", "declare База данных недоступна sev2");
    Incident japanese = declare("CDEPLOYS", "declare 決済が遅い");
    Incident symbols = declare("CGENERAL", "declare !!! ??? sev4");

    assertEquals("inc-1-база-данных-недоступна", russian.channelName());
    assertEquals("inc-2-決済が遅い", japanese.channelName());
    assertEquals("inc-3-incident", symbols.channelName());
  }

  @Test
  void twoDeclarationsAtOnce_getTwoNumbersAndTwoChannels() throws Exception {
    // the first declaration's channel is held half-made while the second declares from another channel
    FakeSlack.Gate first = slack.hold("conversations.create", c -> true);
    CompletableFuture<Answer> one = CompletableFuture.supplyAsync(
        () -> candor.requests.command("UALICE", "CGENERAL", "declare DB down sev1"));
    assertTrue(first.awaitReached(Duration.ofSeconds(20)), "the first declaration reached Slack");
    Answer two = candor.requests.command("UBOB", "CDEPLOYS", "declare DB down sev1");
    slack.await("conversations.setTopic");
    first.release();
    assertEquals(200, one.get().status());
    assertEquals(200, two.status());

    slack.await("conversations.setTopic", c -> slack.calls("conversations.setTopic").size() == 2);
    List<String> names = slack.calls("conversations.create").stream().map(c -> c.param("name")).sorted().toList();
    assertEquals(List.of("inc-1-db-down", "inc-2-db-down"), names);
    List<Incident> open = store.open();
    assertEquals(2, open.size());
    assertFalse(open.get(0).id().equals(open.get(1).id()));
    for (Incident incident : open) {
      assertEquals("inc-" + incident.id().value() + "-db-down", incident.channelName());
    }
  }
}
