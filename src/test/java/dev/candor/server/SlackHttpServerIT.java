package dev.candor.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.slack.api.app_backend.SlackSignature;
import dev.candor.store.JdbcIncidentRepository;
import dev.candor.testing.RunningCandor;
import dev.candor.testing.SignedSlack;
import dev.candor.testing.SignedSlack.Answer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okio.BufferedSink;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

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
  void starting_logsNoWarning(@TempDir Path other) {
    Logger jetty = (Logger) LoggerFactory.getLogger("org.eclipse.jetty");
    ListAppender<ILoggingEvent> seen = new ListAppender<>();
    seen.start();
    jetty.addAppender(seen);
    try (RunningCandor second = RunningCandor.start(other)) {
      assertTrue(second.candor.database() != null);
    } finally {
      jetty.detachAppender(seen);
    }
    List<String> warnings = seen.list.stream().filter(e -> e.getLevel().isGreaterOrEqual(Level.WARN))
        .map(ILoggingEvent::getFormattedMessage).toList();
    assertEquals(List.of(), warnings);
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

  @Test
  void aTimestampMoreThanFiveMinutesAhead_is401_evenWhenCorrectlySigned() throws Exception {
    String body = declareBody();
    String ahead = Long.toString(System.currentTimeMillis() / 1000 + 10 * 60);
    Answer a = candor.requests.raw(body, FORM, ahead, candor.requests.sign(ahead, body), Map.of());
    assertEquals(401, a.status());
    assertNothingHappened();
  }

  @Test
  void aReplayedSignedCommand_isAnsweredOnce_andTheCopyGetsAnEmpty200() throws Exception {
    String body = declareBody();
    String ts = Long.toString(System.currentTimeMillis() / 1000);
    String signature = candor.requests.sign(ts, body);
    Answer first = candor.requests.raw(body, FORM, ts, signature, Map.of());
    assertEquals(200, first.status());
    List<String> callsAfterFirst = declared();
    Answer replay = candor.requests.raw(body, FORM, ts, signature, Map.of());
    assertEquals(200, replay.status());
    assertEquals("", replay.body(), "the replay reaches no handler");
    candor.awaitJobsIdle();
    assertEquals(callsAfterFirst, methods(), "the replay has no effect on Slack");
    assertEquals(1, candor.slack.calls("conversations.create").size());
    assertEquals(1, candor.slack.calls("response_url").size(), "the declaration answered once");
  }

  /**
   * The methods Candor has called on Slack once the declaration is done: it has answered (its response_url post, the
   * last step of the command itself) and the job runner has run the jobs it made (the announcement, the topic, the
   * channel's member list) and found nothing more due. Conditions, not a quiet second: under load a step of the
   * declaration can come more than a second after the one before.
   */
  private List<String> declared() {
    candor.slack.await("response_url", c -> "forged".equals(c.param("id")), Duration.ofSeconds(30));
    candor.awaitJobsIdle();
    return methods();
  }

  private List<String> methods() {
    return candor.slack.calls().stream().map(c -> c.method()).toList();
  }

  @Test
  void noResponse_namesTheServerOrItsVersion() throws Exception {
    String base = "http://127.0.0.1:" + candor.candor.port();
    for (String path : List.of("/healthz", "/nope", "/slack/events")) {
      try (var r = http.newCall(new Request.Builder().url(base + path).build()).execute()) {
        assertNull(r.header("Server"), path);
      }
    }
    try (var r = http.newCall(new Request.Builder().url(base + "/slack/events")
        .post(RequestBody.create("x", FORM)).build()).execute()) {
      assertEquals(401, r.code());
      assertNull(r.header("Server"));
    }
  }

  @Test
  void aChunkedBodyOverTheCap_is413() throws Exception {
    RequestBody chunked = new RequestBody() {
      @Override
      public MediaType contentType() {
        return FORM;
      }

      @Override
      public void writeTo(BufferedSink sink) throws IOException {
        byte[] kb = "x".repeat(1024).getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < 1100; i++) {
          sink.write(kb);
        }
      }
    };
    String base = "http://127.0.0.1:" + candor.candor.port();
    try (var r = http.newCall(new Request.Builder().url(base + "/slack/events").post(chunked)
        .header("X-Slack-Request-Timestamp", Long.toString(System.currentTimeMillis() / 1000))
        .header("X-Slack-Signature", "v0=" + "0".repeat(64)).build()).execute()) {
      assertEquals(413, r.code());
    } catch (IOException e) {
      throw new AssertionError("the server should answer 413, not drop the connection", e);
    }
    assertNothingHappened();
  }

  /**
   * A slowloris: 80 sockets each send their headers and then one body byte every two seconds. Meanwhile
   * {@code /healthz} and a correctly signed event are answered promptly, and every slow socket is cut off.
   */
  @Test
  void slowClients_starveNothing_andAreCutOff() throws Exception {
    List<Socket> slow = new ArrayList<>();
    try {
      String head = "POST /slack/events HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
          + "Content-Length: 1000\r\nX-Slack-Request-Timestamp: " + System.currentTimeMillis() / 1000
          + "\r\nX-Slack-Signature: v0=" + "0".repeat(64) + "\r\n\r\n{";
      for (int i = 0; i < 80; i++) {
        Socket s = new Socket(InetAddress.getLoopbackAddress(), candor.candor.port());
        s.setSoTimeout(50);
        s.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
        s.getOutputStream().flush();
        slow.add(s);
      }
      long start = System.nanoTime();
      long end = start + Duration.ofSeconds(15).toNanos();
      long nextByte = start;
      boolean checked = false;
      while (System.nanoTime() < end && slow.stream().anyMatch(s -> !s.isClosed())) {
        if (System.nanoTime() >= nextByte) {
          slow.forEach(SlackHttpServerIT::trickle);
          nextByte = System.nanoTime() + Duration.ofSeconds(2).toNanos();
        }
        if (!checked && System.nanoTime() - start > Duration.ofMillis(2500).toNanos()) {
          checked = true;
          assertAnsweredPromptlyWhileSlowClientsHang();
        }
        slow.forEach(SlackHttpServerIT::closeIfServerClosed);
        Thread.sleep(100);
      }
      long open = slow.stream().filter(s -> !s.isClosed()).count();
      System.out.println("slowloris: " + (80 - open) + " of 80 slow sockets cut off after "
          + Duration.ofNanos(System.nanoTime() - start).toMillis() + " ms");
      assertTrue(checked, "the prompt answers were checked");
      assertEquals(0, open, "every slow client is cut off within 15 s");
    } finally {
      for (Socket s : slow) {
        s.close();
      }
    }
  }

  private void assertAnsweredPromptlyWhileSlowClientsHang() throws IOException {
    OkHttpClient quick = http.newBuilder().callTimeout(Duration.ofSeconds(2)).build();
    long t0 = System.nanoTime();
    try (var r = quick.newCall(new Request.Builder().url("http://127.0.0.1:" + candor.candor.port() + "/healthz")
        .build()).execute()) {
      assertEquals(200, r.code());
    } catch (IOException e) {
      throw new AssertionError("/healthz was not answered within 2 s while 80 slow clients hang", e);
    }
    long health = System.nanoTime() - t0;
    String envelope = "{\"token\":\"x\",\"team_id\":\"T0CANDOR\",\"api_app_id\":\"ACANDOR\",\"type\":\"event_callback\","
        + "\"event_id\":\"EvSlowloris\",\"event_time\":1700000000,\"event\":{\"type\":\"something_new\",\"event_ts\":\"1.5\"}}";
    Answer event = candor.requests.post(envelope, JSON, Map.of());
    assertEquals(200, event.status());
    assertTrue(event.elapsed().compareTo(Duration.ofSeconds(2)) < 0, "a signed event took " + event.elapsed());
    System.out.println("slowloris: /healthz answered in " + Duration.ofNanos(health).toMillis()
        + " ms, a signed event in " + event.elapsed().toMillis() + " ms");
  }

  private static void trickle(Socket s) {
    if (s.isClosed()) {
      return;
    }
    try {
      OutputStream out = s.getOutputStream();
      out.write('x');
      out.flush();
    } catch (IOException e) {
      closeQuietly(s); // the server closed it
    }
  }

  private static void closeIfServerClosed(Socket s) {
    if (s.isClosed()) {
      return;
    }
    try {
      InputStream in = s.getInputStream();
      while (in.read(new byte[512]) >= 0) {
        // an answer (408 or 400) before the close; keep reading to the end
      }
      closeQuietly(s);
    } catch (SocketTimeoutException e) {
      // still open: nothing to read yet
    } catch (IOException e) {
      closeQuietly(s);
    }
  }

  private static void closeQuietly(Socket s) {
    try {
      s.close();
    } catch (IOException ignored) {
      // closing a socket the server already closed
    }
  }

  private okhttp3.Response health() throws IOException {
    return http.newCall(new Request.Builder().url("http://127.0.0.1:" + candor.candor.port() + "/healthz").build())
        .execute();
  }
}
