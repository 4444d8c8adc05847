package dev.candor.slack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.candor.config.BotConfig;
import dev.candor.main.Candor;
import dev.candor.testing.Eventually;
import dev.candor.testing.FakeSlack;
import dev.candor.testing.RunningCandor;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Candor in Socket Mode against a local WebSocket server playing Slack's side of the socket:
 * {@code apps.connections.open} hands out {@code ws://…/socket}, the server says hello, sends
 * envelopes, and the app must ack each one by its {@code envelope_id}.
 */
class SocketModeIT {
  /** Slack's own deadline for an ack. */
  private static final Duration ACK_DEADLINE = Duration.ofSeconds(3);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String HELLO = "{\"type\":\"hello\",\"num_connections\":1,\"debug_info\":{\"host\":\"test\","
      + "\"approximate_connection_time\":18060},\"connection_info\":{\"app_id\":\"ACANDOR\"}}";

  @TempDir Path dir;
  FakeSlack fake;
  SlackSocket slackSide;
  Candor candor;

  @BeforeEach
  void start() {
    fake = new FakeSlack();
    fake.addChannel("CGENERAL", "general", false, false, "UALICE", "UBOB");
    slackSide = new SlackSocket();
    fake.otherwise(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        return "GET".equals(request.getMethod()) && "/socket".equals(request.getUrl().encodedPath())
            ? new MockResponse.Builder().webSocketUpgrade(slackSide).build()
            : new MockResponse.Builder().code(404).build();
      }
    });
    candor = Candor.start(BotConfig.fromEnvironment(
        RunningCandor.environment(fake, dir, Map.of("SLACK_APP_TOKEN", "xapp-test"))), Clock.systemUTC());
    slackSide.awaitOpen(Eventually.DEFAULT);
  }

  @AfterEach
  void stop() {
    try {
      if (candor != null) {
        candor.close();
      }
    } finally {
      slackSide.closeAll();
      fake.close();
    }
  }

  @Test
  void socketMode_opensOneConnectionFromTheUrlOfAppsConnectionsOpen() {
    fake.await("apps.connections.open");
    assertEquals(1, slackSide.connections(), "one WebSocket connection expected");
  }

  @Test
  void socketMode_acksEveryEnvelopeByItsEnvelopeId() {
    slackSide.send(slashCommand("env-cmd-1", "help"));
    slackSide.send(messageEvent("env-evt-1", "Ev1"));

    JsonNode commandAck = slackSide.awaitAck("env-cmd-1", ACK_DEADLINE);
    JsonNode eventAck = slackSide.awaitAck("env-evt-1", ACK_DEADLINE);
    assertEquals("env-cmd-1", commandAck.path("envelope_id").asText());
    assertEquals("env-evt-1", eventAck.path("envelope_id").asText());
  }

  @Test
  void socketMode_acksSlashCommandEnvelopeWithHelp() {
    slackSide.send(slashCommand("env-cmd-1", "help"));

    JsonNode ack = slackSide.awaitAck("env-cmd-1", ACK_DEADLINE);
    String text = ack.path("payload").path("text").asText();
    assertTrue(text.contains("/incident declare"), "the ack's payload should carry the help text: " + ack);
    assertTrue(fake.calls("conversations.create").isEmpty(), "help must not create a channel");
  }

  @Test
  void socketMode_acksEventsApiEnvelopeWithoutPayload() {
    slackSide.send(messageEvent("env-evt-1", "Ev1"));

    JsonNode ack = slackSide.awaitAck("env-evt-1", ACK_DEADLINE);
    JsonNode payload = ack.path("payload");
    assertTrue(payload.isMissingNode() || payload.isNull() || payload.isEmpty(),
        "an events_api ack carries no payload: " + ack);
  }

  @Test
  void socketMode_declareEnvelopeReachesTheSameHandlersAsHttp() {
    slackSide.send(slashCommand("env-cmd-2", "declare DB latency sev2"));

    slackSide.awaitAck("env-cmd-2", ACK_DEADLINE);
    var create = fake.await("conversations.create");
    assertEquals("inc-1-db-latency", create.param("name"));
    fake.await("conversations.invite", c -> "UALICE".equals(c.param("users")));
    fake.await("response_url", c -> c.params().get("id").equals("env-cmd-2"));
  }

  @Test
  void socketMode_stillServesHealthzOverHttp() throws Exception {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    HttpResponse<String> health = http.send(HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + candor.port() + "/healthz")).timeout(Duration.ofSeconds(5)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
    assertEquals(200, health.statusCode(), health.body());
  }

  private String slashCommand(String envelopeId, String text) {
    ObjectNode payload = JSON.createObjectNode()
        .put("token", "verification-token")
        .put("team_id", FakeSlack.TEAM)
        .put("team_domain", "candor-test")
        .put("channel_id", "CGENERAL")
        .put("channel_name", "general")
        .put("user_id", "UALICE")
        .put("user_name", "alice")
        .put("command", "/incident")
        .put("text", text)
        .put("api_app_id", "ACANDOR")
        .put("is_enterprise_install", "false")
        .put("response_url", fake.responseUrl(envelopeId))
        .put("trigger_id", "1337.42.abcdef");
    ObjectNode envelope = JSON.createObjectNode()
        .put("envelope_id", envelopeId)
        .put("type", "slash_commands")
        .put("accepts_response_payload", true);
    envelope.set("payload", payload);
    return envelope.toString();
  }

  private static String messageEvent(String envelopeId, String eventId) {
    return "{\"envelope_id\":\"" + envelopeId + "\",\"type\":\"events_api\",\"accepts_response_payload\":false,"
        + "\"retry_attempt\":0,\"retry_reason\":\"\",\"payload\":{\"token\":\"x\",\"team_id\":\"" + FakeSlack.TEAM
        + "\",\"api_app_id\":\"ACANDOR\",\"event\":{\"type\":\"message\",\"channel\":\"C1\",\"user\":\"UALICE\","
        + "\"text\":\"hi\",\"ts\":\"1700000000.000100\",\"event_ts\":\"1700000000.000100\",\"channel_type\":\"channel\"},"
        + "\"type\":\"event_callback\",\"event_id\":\"" + eventId + "\",\"event_time\":1700000000}}";
  }

  /** Slack's side of the socket: says hello on every connection and keeps what the app sends back. */
  static final class SlackSocket extends WebSocketListener {
    private final List<WebSocket> open = new CopyOnWriteArrayList<>();
    private final List<JsonNode> received = new CopyOnWriteArrayList<>();
    private final List<String> unparsed = new CopyOnWriteArrayList<>();
    private volatile WebSocket current;

    @Override
    public void onOpen(WebSocket webSocket, Response response) {
      open.add(webSocket);
      current = webSocket;
      webSocket.send(HELLO);
    }

    @Override
    public void onMessage(WebSocket webSocket, String text) {
      try {
        received.add(JSON.readTree(text));
      } catch (IOException e) {
        unparsed.add(text);
      }
    }

    @Override
    public void onClosing(WebSocket webSocket, int code, String reason) {
      webSocket.close(1000, null);
    }

    int connections() {
      return open.size();
    }

    void awaitOpen(Duration timeout) {
      poll(timeout, () -> current != null, () -> "the app never opened the WebSocket");
    }

    void send(String envelope) {
      WebSocket socket = current;
      if (socket == null || !socket.send(envelope)) {
        throw new AssertionError("could not send an envelope over the socket");
      }
    }

    JsonNode awaitAck(String envelopeId, Duration timeout) {
      JsonNode[] found = new JsonNode[1];
      poll(timeout, () -> {
        for (JsonNode m : received) {
          if (envelopeId.equals(m.path("envelope_id").asText(null))) {
            found[0] = m;
            return true;
          }
        }
        return false;
      }, () -> "no ack for " + envelopeId + " within " + timeout + "; the app sent " + received
          + (unparsed.isEmpty() ? "" : " and unparsable " + unparsed));
      return found[0];
    }

    void closeAll() {
      // A server-side OkHttp WebSocket cannot be cancelled; a close frame is enough once the app has gone.
      for (WebSocket socket : open) {
        socket.close(1001, "test over");
      }
    }

    private static void poll(Duration timeout, BooleanSupplier done,
        Supplier<String> failure) {
      long end = System.nanoTime() + timeout.toNanos();
      while (!done.getAsBoolean()) {
        if (System.nanoTime() > end) {
          throw new AssertionError(failure.get());
        }
        try {
          Thread.sleep(10);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new AssertionError("interrupted while waiting", e);
        }
      }
    }
  }
}
