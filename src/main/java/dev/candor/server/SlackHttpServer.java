package dev.candor.server;

import com.slack.api.app_backend.SlackSignature;
import com.slack.api.bolt.App;
import com.slack.api.bolt.request.RequestHeaders;
import com.slack.api.bolt.request.RequestType;
import com.slack.api.bolt.util.SlackRequestParser;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.regex.Pattern;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP front of Candor: a thin Jetty 12 adapter in front of Bolt. {@code POST /slack/events}
 * takes events, slash commands and interactivity; {@code GET /healthz} says whether the database
 * answers. Signatures are checked here, before anything else reads the request.
 */
public final class SlackHttpServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(SlackHttpServer.class);
  public static final String EVENTS_PATH = "/slack/events";
  public static final String HEALTH_PATH = "/healthz";
  static final int MAX_BODY = 1 << 20;
  /** Slack's notice that it is holding events back this minute (an envelope of its own, not an event). */
  private static final Pattern APP_RATE_LIMITED = Pattern.compile("\"type\"\\s*:\\s*\"app_rate_limited\"");

  private final Server server;
  private final ServerConnector connector;

  public SlackHttpServer(int port, App app, Optional<String> signingSecret, BooleanSupplier healthy, Clock clock) {
    QueuedThreadPool threads = new QueuedThreadPool(64, 4);
    threads.setName("candor-http");
    server = new Server(threads);
    connector = new ServerConnector(server);
    connector.setPort(port);
    server.addConnector(connector);
    server.setHandler(new Routes(app, signingSecret, healthy, clock));
    server.setStopTimeout(5_000);
  }

  public void start() throws Exception {
    server.start();
  }

  /** The port actually bound (useful when started on port 0). */
  public int port() {
    return connector.getLocalPort();
  }

  /** Stops Jetty; a failure to stop is unchecked, and an interrupt is kept on the thread. */
  @Override
  public void close() {
    try {
      server.stop();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while stopping the HTTP server", e);
    } catch (Exception e) {
      throw new IllegalStateException("the HTTP server did not stop: " + e, e);
    }
  }

  private static final class Routes extends Handler.Abstract {
    private final App app;
    private final SlackRequestParser parser;
    private final SlackSignature.Verifier verifier;
    private final BooleanSupplier healthy;
    private final Clock clock;

    Routes(App app, Optional<String> signingSecret, BooleanSupplier healthy, Clock clock) {
      this.app = app;
      this.parser = new SlackRequestParser(app.config());
      this.verifier = signingSecret.map(s -> new SlackSignature.Verifier(new SlackSignature.Generator(s))).orElse(null);
      this.healthy = healthy;
      this.clock = clock;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
      String path = Request.getPathInContext(request);
      String method = request.getMethod();
      if (HEALTH_PATH.equals(path) && ("GET".equals(method) || "HEAD".equals(method))) {
        boolean ok = healthy.getAsBoolean();
        send(response, callback, ok ? 200 : 503, "application/json",
            ok ? "{\"status\":\"ok\",\"database\":\"ok\"}" : "{\"status\":\"unavailable\",\"database\":\"unreachable\"}");
      } else if (EVENTS_PATH.equals(path) && "POST".equals(method)) {
        slack(request, response, callback);
      } else if (EVENTS_PATH.equals(path) || HEALTH_PATH.equals(path)) {
        send(response, callback, 405, "application/json", "{\"error\":\"method_not_allowed\"}");
      } else {
        send(response, callback, 404, "application/json", "{\"error\":\"not_found\"}");
      }
      return true;
    }

    private void slack(Request request, Response response, Callback callback) {
      if (verifier == null) {
        send(response, callback, 404, "application/json",
            "{\"error\":\"Candor runs in Socket Mode; set SLACK_SIGNING_SECRET to take HTTP requests\"}");
        return;
      }
      String body;
      try {
        body = readBody(request);
      } catch (BodyTooLarge e) {
        send(response, callback, 413, "application/json", "{\"error\":\"body_too_large\"}");
        return;
      } catch (IOException e) {
        send(response, callback, 400, "application/json", "{\"error\":\"unreadable_body\"}");
        return;
      }
      Map<String, List<String>> headers = headers(request);
      String timestamp = first(headers, SlackSignature.HeaderNames.X_SLACK_REQUEST_TIMESTAMP);
      String signature = first(headers, SlackSignature.HeaderNames.X_SLACK_SIGNATURE);
      if (timestamp == null || signature == null
          || !verifier.isValid(timestamp, body, signature, clock.millis())) {
        log.info("refused a request with a missing, bad or stale signature from {}", Request.getRemoteAddr(request));
        send(response, callback, 401, "application/json", "{\"error\":\"invalid_signature\"}");
        return;
      }
      com.slack.api.bolt.request.Request<?> slackRequest;
      try {
        slackRequest = parser.parse(SlackRequestParser.HttpRequest.builder()
            .requestUri(EVENTS_PATH)
            .queryString(Map.of())
            .headers(new RequestHeaders(headers))
            .requestBody(body)
            .remoteAddress(Request.getRemoteAddr(request))
            .build());
      } catch (RuntimeException e) {
        log.info("refused a malformed Slack request: {}", e.toString());
        send(response, callback, 400, "application/json", "{\"error\":\"malformed_request\"}");
        return;
      }
      if (slackRequest == null && APP_RATE_LIMITED.matcher(body).find()) {
        // Slack is throttling Candor's events this minute; it may turn them off for an app that doesn't answer 200
        log.warn("Slack is rate-limiting the events it sends Candor: events of this minute were not delivered");
        send(response, callback, 200, "application/json", "{\"ok\":true}");
        return;
      }
      if (slackRequest == null) {
        send(response, callback, 400, "application/json", "{\"error\":\"malformed_request\"}");
        return;
      }
      com.slack.api.bolt.response.Response out;
      try {
        out = app.run(slackRequest);
      } catch (Exception e) {
        log.error("handling a {} request failed", slackRequest.getRequestType(), e);
        out = slackRequest.getRequestType() == RequestType.Command
            ? com.slack.api.bolt.response.Response.json(200, Map.of("response_type", "ephemeral",
                "text", "Something went wrong on Candor's side; nothing was changed. Try again in a moment."))
            : com.slack.api.bolt.response.Response.ok();
      }
      int status = out.getStatusCode() == null ? 200 : out.getStatusCode();
      if (out.getHeaders() != null) {
        out.getHeaders().forEach((k, vs) -> vs.forEach(v -> response.getHeaders().add(k, v)));
      }
      send(response, callback, status, out.getContentType(), out.getBody());
    }

    private static String readBody(Request request) throws IOException {
      long declared = request.getLength();
      if (declared > MAX_BODY) {
        throw new BodyTooLarge();
      }
      try (InputStream in = Content.Source.asInputStream(request)) {
        byte[] bytes = in.readNBytes(MAX_BODY + 1);
        if (bytes.length > MAX_BODY) {
          throw new BodyTooLarge();
        }
        return new String(bytes, StandardCharsets.UTF_8);
      }
    }

    private static Map<String, List<String>> headers(Request request) {
      Map<String, List<String>> headers = new HashMap<>();
      for (HttpField f : request.getHeaders()) {
        headers.computeIfAbsent(f.getName().toLowerCase(Locale.ROOT), k -> new ArrayList<>()).add(f.getValue());
      }
      return headers;
    }

    private static String first(Map<String, List<String>> headers, String name) {
      List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
      return values == null || values.isEmpty() ? null : values.get(0);
    }

    private static void send(Response response, Callback callback, int status, String contentType, String body) {
      response.setStatus(status);
      String text = body == null ? "" : body;
      if (!text.isEmpty()) {
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, contentType == null ? "text/plain; charset=utf-8" : contentType);
      }
      Content.Sink.write(response, true, text, callback);
    }
  }

  private static final class BodyTooLarge extends IOException {
    private static final long serialVersionUID = 1L;
  }
}
