package dev.candor.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.slack.api.app_backend.SlackSignature;
import dev.candor.store.JdbcIncidentRepository;
import dev.candor.testing.RunningCandor;
import dev.candor.testing.SignedSlack;
import dev.candor.testing.SignedSlack.Answer;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The HTTP front: signatures, malformed bodies, routes and health, through the real Jetty server. */
class SlackHttpServerIT {
  static final MediaType FORM = MediaType.get("application/x-www-form-urlencoded");
  static final MediaType JSON = MediaType.get("application/json");

  @TempDir Path dir;
  RunningCandor candor;
  OkHttpClient http = new OkHttpClient.Builder().callTimeout(Duration.ofSeconds(10)).build();

  @BeforeEach
  void start() {
    candor = RunningCandor.start(dir);
    candor.slack.addChannel("CGENERAL", "general", false, false, "UALICE");
  }

  @AfterEach
  void stop() {
    http.connectionPool().evictAll(); // an idle keep-alive connection would hold Jetty's graceful stop for a second
    candor.close();
  }

  private String declareBody() {
    return SignedSlack.form(Map.of("command", "/incident", "text", "declare forged incident", "user_id", "UALICE",
        "channel_id", "CGENERAL", "team_id", "T0CANDOR", "trigger_id", "t1",
        "response_url", candor.slack.responseUrl("forged")));
  }

  private void assertNothingHappened() throws InterruptedException {
    Thread.sleep(300);
    List<String> methods = candor.slack.calls().stream().map(c -> c.method()).filter(m -> !m.equals("auth.test")).toList();
    assertEquals(List.of(), methods, "no handler may run");
    assertTrue(new JdbcIncidentRepository(candor.candor.database().dataSource()).open().isEmpty());
  }

  @Test
  void aBadSignature_is401_andNoHandlerRuns() throws Exception {
    String body = declareBody();
    String ts = Long.toString(System.currentTimeMillis() / 1000);
    Answer a = candor.requests.raw(body, FORM, ts, "v0=" + "0".repeat(64), Map.of());
    assertEquals(401, a.status());
    Answer wrongSecret = candor.requests.raw(body, FORM, ts,
        new SlackSignature.Generator("not-the-secret").generate(ts, body), Map.of());
    assertEquals(401, wrongSecret.status());
    Answer missing = candor.requests.raw(body, FORM, null, null, Map.of());
    assertEquals(401, missing.status());
    assertNothingHappened();
  }

  @Test
  void aTimestampOlderThanFiveMinutes_is401_evenWhenCorrectlySigned() throws Exception {
    String body = declareBody();
    String old = Long.toString(System.currentTimeMillis() / 1000 - 6 * 60);
    Answer a = candor.requests.raw(body, FORM, old, candor.requests.sign(old, body), Map.of());
    assertEquals(401, a.status());
    assertNothingHappened();
  }

  @Test
  void aTamperedBody_is401() throws Exception {
    String ts = Long.toString(System.currentTimeMillis() / 1000);
    String signature = candor.requests.sign(ts, declareBody());
    Answer a = candor.requests.raw(declareBody().replace("forged", "other"), FORM, ts, signature, Map.of());
    assertEquals(401, a.status());
    assertNothingHappened();
  }

  @Test
  void malformedSignedBodies_neverCrashOrAnswer500() throws Exception {
    List<String> bodies = List.of("", "garbage", "payload=", "payload=%7Bnot-json", "payload=%5B1%2C2%5D",
        "payload=%7B%22type%22%3A%22view_submission%22%7D", "command=%2Fnot-ours", "%%%",
        "payload=%7B%22type%22%3A%22block_actions%22%2C%22actions%22%3A42%7D");
    for (String body : bodies) {
      Answer a = candor.requests.post(body, FORM, Map.of());
      assertTrue(a.status() < 500, body + " -> " + a.status() + " " + a.body());
    }
    for (String json : List.of("{", "[]", "{\"type\":\"event_callback\"}", "{\"type\":\"event_callback\",\"event\":7}",
        "{\"type\":\"url_verification\"}", "null")) {
      Answer a = candor.requests.post(json, JSON, Map.of());
      assertTrue(a.status() < 500, json + " -> " + a.status() + " " + a.body());
    }
    Answer big = candor.requests.post("text=" + "x".repeat(2 << 20), FORM, Map.of());
    assertEquals(413, big.status());
    assertEquals(200, health().code(), "still serving after the malformed bodies");
    assertNothingHappened();
  }

  @Test
  void urlVerification_answersTheChallenge() {
    Answer a = candor.requests.post("{\"token\":\"x\",\"challenge\":\"abc123\",\"type\":\"url_verification\"}", JSON, Map.of());
    assertEquals(200, a.status());
    assertTrue(a.body().contains("abc123"), a.body());
  }

  @Test
  void everyEvent_isAcknowledged_notAnswered404_includingRedeliveries() {
    for (String event : List.of(
        "{\"type\":\"message\",\"channel\":\"C1\",\"user\":\"U1\",\"text\":\"hi\",\"ts\":\"1.000001\"}",
        "{\"type\":\"message\",\"subtype\":\"message_changed\",\"channel\":\"C1\",\"ts\":\"1.000002\",\"message\":{\"text\":\"x\",\"ts\":\"1.000001\"}}",
        "{\"type\":\"message\",\"subtype\":\"bot_message\",\"channel\":\"C1\",\"bot_id\":\"B1\",\"text\":\"alert\",\"ts\":\"1.000003\"}",
        "{\"type\":\"reaction_added\",\"user\":\"U1\",\"reaction\":\"pushpin\",\"item\":{\"type\":\"message\",\"channel\":\"C1\",\"ts\":\"1.000001\"},\"event_ts\":\"1.1\"}",
        "{\"type\":\"pin_added\",\"user\":\"U1\",\"channel_id\":\"C1\",\"event_ts\":\"1.2\"}",
        "{\"type\":\"member_joined_channel\",\"user\":\"U1\",\"channel\":\"C1\",\"event_ts\":\"1.3\"}",
        "{\"type\":\"app_home_opened\",\"user\":\"U1\",\"tab\":\"home\",\"event_ts\":\"1.4\"}",
        "{\"type\":\"something_new\",\"event_ts\":\"1.5\"}")) {
      String envelope = "{\"token\":\"x\",\"team_id\":\"T0CANDOR\",\"api_app_id\":\"ACANDOR\",\"type\":\"event_callback\","
          + "\"event_id\":\"Ev" + Math.abs(event.hashCode()) + "\",\"event_time\":1700000000,\"event\":" + event + "}";
      assertEquals(200, candor.requests.post(envelope, JSON, Map.of()).status(), event);
      assertEquals(200, candor.requests.post(envelope, JSON,
          Map.of("X-Slack-Retry-Num", "1", "X-Slack-Retry-Reason", "http_timeout")).status(), event);
    }
  }

  @Test
  void healthz_is200WithJson_whileTheDatabaseAnswers_and503WhenItDoesNot() throws Exception {
    try (var ok = health()) {
      assertEquals(200, ok.code());
      assertEquals("{\"status\":\"ok\",\"database\":\"ok\"}", ok.body().string());
    }
    candor.candor.database().close();
    try (var down = health()) {
      assertEquals(503, down.code());
      assertTrue(down.body().string().contains("unavailable"));
    }
  }

  @Test
  void unknownPathsAre404_andWrongMethodsAre405() throws Exception {
    String base = "http://127.0.0.1:" + candor.candor.port();
    try (var r = http.newCall(new Request.Builder().url(base + "/nope").build()).execute()) {
      assertEquals(404, r.code());
    }
    try (var r = http.newCall(new Request.Builder().url(base + "/slack/events").build()).execute()) {
      assertEquals(405, r.code());
    }
  }

  private okhttp3.Response health() throws IOException {
    return http.newCall(new Request.Builder().url("http://127.0.0.1:" + candor.candor.port() + "/healthz").build())
        .execute();
  }
}
