package dev.candor.slack.incident;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.candor.incident.Incident;
import dev.candor.incident.IncidentChange;
import dev.candor.incident.Severity;
import dev.candor.store.JdbcIncidentRepository;
import dev.candor.testing.FakeSlack;
import dev.candor.testing.RunningCandor;
import dev.candor.testing.SignedSlack.Answer;
import dev.candor.testing.SlackPayloads;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code /incident} alone, its form, the form's submission, and the "Add to timeline" shortcut. */
class DeclareModalIT {
  @TempDir Path dir;
  RunningCandor candor;
  FakeSlack slack;
  JdbcIncidentRepository store;

  @BeforeEach
  void start() {
    candor = RunningCandor.start(dir);
    slack = candor.slack;
    slack.addChannel("CGENERAL", "general", false, false, "UALICE", "UBOB");
    slack.addChannel("GSECRET", "secret-team", true, false, "UALICE");
    slack.addChannel("GINSIDE", "inside-team", true, true, "UALICE");
    store = new JdbcIncidentRepository(candor.candor.database().dataSource());
  }

  @AfterEach
  void stop() {
    candor.close();
  }

  static Map<String, Object> submission(String viewId, String origin, String title, String severity, String summary,
      String visibility, String where) {
    return SlackPayloads.declareSubmission(viewId, origin, title, severity, summary, visibility, where);
  }

  @Test
  void incidentAlone_opensTheDeclareForm_withEveryField() {
    Answer ack = candor.requests.command("UALICE", "CGENERAL", "", "trig-form");
    assertEquals(200, ack.status());
    var open = slack.await("views.open");
    assertEquals("trig-form", open.param("trigger_id"));
    String view = open.param("view");
    for (String field : List.of("\"block_id\":\"title\"", "\"block_id\":\"severity\"", "\"block_id\":\"summary\"",
        "\"block_id\":\"visibility\"", "\"block_id\":\"where\"", "\"callback_id\":\"declare_incident\"",
        "\"private_metadata\":\"CGENERAL\"")) {
      assertTrue(view.contains(field), field + " in " + view);
    }
  }

  @Test
  void submittingTheForm_declaresInANewPrivateChannel_andTellsOnlyTheDeclarer() {
    Answer ack = candor.requests.interaction(submission("V1", "CGENERAL", "Payments down", "SEV1",
        "Card payments fail", "private", "new"));
    assertEquals(200, ack.status());
    assertEquals("", ack.body(), "a good submission closes the form");
    var create = slack.await("conversations.create");
    assertTrue(List.of("1", "true").contains(create.param("is_private")), create.param("is_private"));
    slack.await("conversations.invite", c -> "UALICE".equals(c.param("users")));
    // Candor is not in #general, so an ephemeral there fails and the declarer gets a DM instead.
    var told = slack.await("chat.postMessage", c -> "UALICE".equals(c.param("channel")));
    String channel = slack.calls("conversations.invite").get(0).param("channel");
    assertTrue(told.param("text").contains("private"), told.param("text"));
    Incident incident = store.byChannel(channel).orElseThrow();
    assertTrue(incident.privateChannel());
    assertEquals(Severity.SEV1, incident.severity());
    assertEquals("Card payments fail", incident.summary());
    assertTrue(slack.calls("chat.postMessage").stream().noneMatch(c -> "CGENERAL".equals(c.param("channel"))),
        "a private incident is never announced in the origin channel");
  }

  @Test
  void submittingTheSameFormTwice_declaresOneIncident() {
    var body = submission("V2", "CGENERAL", "Payments down", "SEV2", "", "public", "new");
    candor.requests.interaction(body);
    slack.await("conversations.setTopic");
    candor.requests.interaction(body);
    slack.await("chat.postMessage", c -> "UALICE".equals(c.param("channel")) && c.param("text").contains("just declared"));
    assertEquals(1, slack.calls("conversations.create").size());
    assertEquals(1, store.open().size());
  }

  @Test
  void useThisChannel_joinsAPublicChannel_andRunsTheIncidentThere() {
    candor.requests.interaction(submission("V3", "CGENERAL", "Search is slow", "SEV3", "", "public", "this"));
    slack.await("conversations.setTopic", c -> "CGENERAL".equals(c.param("channel")));
    assertEquals(1, slack.calls("conversations.join").size());
    assertTrue(slack.calls("conversations.create").isEmpty());
    Incident incident = store.byChannel("CGENERAL").orElseThrow();
    assertEquals("general", incident.channelName());
    assertEquals(List.of(IncidentChange.Kind.DECLARED),
        store.changes(incident.id()).stream().map(IncidentChange::kind).toList());
    slack.await("chat.postMessage", c -> "CGENERAL".equals(c.param("channel")) && c.param("text").contains("declared"));
  }

  @Test
  void useThisChannel_inAPrivateChannelCandorIsNotIn_saysHowToInviteIt_inTheForm() {
    Answer ack = candor.requests.interaction(submission("V4", "GSECRET", "Search is slow", "SEV3", "", "public", "this"));
    assertEquals(200, ack.status());
    assertEquals("errors", ack.json().get("response_action"));
    String error = ((Map<?, ?>) ack.json().get("errors")).get("where").toString();
    assertTrue(error.contains("/invite @Candor"), error);
    assertTrue(store.open().isEmpty());
  }

  @Test
  void useThisChannel_inAPrivateChannelCandorIsIn_makesAPrivateIncident() {
    candor.requests.interaction(submission("V5", "GINSIDE", "Search is slow", "SEV3", "", "public", "this"));
    slack.await("conversations.setTopic", c -> "GINSIDE".equals(c.param("channel")));
    assertTrue(store.byChannel("GINSIDE").orElseThrow().privateChannel());
  }

  @Test
  void formErrors_areShownInline_andNothingIsStored() {
    Answer empty = candor.requests.interaction(submission("V6", "CGENERAL", "  ", "SEV3", "", "public", "new"));
    assertEquals("errors", empty.json().get("response_action"));
    assertTrue(((Map<?, ?>) empty.json().get("errors")).containsKey("title"));
    Answer tooLong = candor.requests.interaction(submission("V7", "CGENERAL", "t".repeat(151), "SEV3",
        "s".repeat(3_001), "public", "new"));
    Map<?, ?> errors = (Map<?, ?>) tooLong.json().get("errors");
    assertTrue(errors.containsKey("title") && errors.containsKey("summary"), errors.toString());
    Answer badSeverity = candor.requests.interaction(submission("V8", "CGENERAL", "ok title", "SEV9", "", "public", "new"));
    assertTrue(((Map<?, ?>) badSeverity.json().get("errors")).containsKey("severity"));
    assertTrue(slack.calls("conversations.create").isEmpty());
    assertTrue(store.open().isEmpty());
  }

  @Test
  void submittingFromAnIncidentChannel_refusesThisChannelInline_andDeclaresANewOneInItsOwnChannel() {
    candor.requests.interaction(submission("V9", "CGENERAL", "First", "SEV3", "", "public", "this"));
    slack.await("conversations.setTopic", c -> "CGENERAL".equals(c.param("channel")));
    Answer here = candor.requests.interaction(submission("V10", "CGENERAL", "Second", "SEV3", "", "public", "this"));
    String error = ((Map<?, ?>) here.json().get("errors")).get("where").toString();
    assertTrue(error.contains("already is INC-"), error);
    assertEquals(1, store.open().size());

    Answer alone = candor.requests.command("UALICE", "CGENERAL", "");
    assertEquals("", alone.body(), "the form for a new incident opens");
    slack.await("views.open");
    Answer elsewhere = candor.requests.interaction(submission("V12", "CGENERAL", "Second", "SEV3", "", "public",
        "new"));
    assertEquals("", elsewhere.body());
    slack.await("conversations.create", c -> c.param("name").endsWith("-second"));
    slack.await("conversations.setTopic", c -> !"CGENERAL".equals(c.param("channel")));
    assertEquals(2, store.open().size());
  }

  static Map<String, Object> shortcut(String channel, String user, String text) {
    return Map.of("type", "message_action", "callback_id", "add_to_timeline", "trigger_id", "trig-sc",
        "response_url", "RESPONSE", "team", Map.of("id", FakeSlack.TEAM, "domain", "candor-test"),
        "channel", Map.of("id", channel, "name", "x"), "user", Map.of("id", user, "name", "bob"),
        "message", Map.of("type", "message", "user", "UALICE", "ts", "1700000000.000100", "text", text),
        "message_ts", "1700000000.000100", "token", "deprecated");
  }

  @Test
  void addToTimeline_marksAKeyEventInAnIncidentChannel_andOnlyWorksInOne() {
    Map<String, Object> outside = new LinkedHashMap<>(shortcut("CGENERAL", "UBOB", "db is down"));
    outside.put("response_url", slack.responseUrl("sc-outside"));
    assertEquals(200, candor.requests.interaction(outside).status());
    var refusal = slack.await("response_url", c -> c.param("id").equals("sc-outside"));
    assertTrue(refusal.body().contains("only works in an incident channel"), refusal.body());

    candor.requests.interaction(submission("V11", "CGENERAL", "DB down", "SEV2", "", "public", "this"));
    slack.await("conversations.setTopic", c -> "CGENERAL".equals(c.param("channel")));
    Map<String, Object> inside = new LinkedHashMap<>(shortcut("CGENERAL", "UBOB", "primary db <!here> is down"));
    inside.put("response_url", slack.responseUrl("sc-inside"));
    candor.requests.interaction(inside);
    slack.await("response_url", c -> c.param("id").equals("sc-inside") && c.body().contains("key event"));
    Incident incident = store.byChannel("CGENERAL").orElseThrow();
    IncidentChange last = store.changes(incident.id()).get(store.changes(incident.id()).size() - 1);
    assertEquals(IncidentChange.Kind.KEY_EVENT, last.kind());
    assertEquals("UBOB", last.actor());
    assertEquals("primary db <!here> is down", last.text());
    var post = slack.await("chat.postMessage", c -> c.param("text").contains("key event"));
    assertFalse(post.param("text").contains("<!here>"), post.param("text"));
  }
}
