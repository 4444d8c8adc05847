package dev.candor.server;

import com.slack.api.app_backend.SlackSignature;
import com.slack.api.bolt.App;
import com.slack.api.bolt.request.RequestHeaders;
import com.slack.api.bolt.request.RequestType;
import com.slack.api.bolt.util.SlackRequestParser;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.regex.Pattern;
import org.eclipse.jetty.http.HttpException;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.NetworkConnectionLimit;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.SizeLimitHandler;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Promise;
import org.eclipse.jetty.util.thread.Invocable;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.util.thread.Scheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP front of Candor: a thin Jetty 12 adapter in front of Bolt. {@code POST /slack/events}
 * takes events, slash commands and interactivity; {@code GET /healthz} says whether the database
 * answers. Signatures are checked here, before anything else reads the request.
 *
 * <p>No client can starve it: bodies are read asynchronously (a slow one holds no thread) and must arrive
 * whole within {@link #BODY_DEADLINE}, an idle connection is closed after {@link #IDLE_TIMEOUT}, a body is at
 * most {@link #MAX_BODY} bytes (413 past it), and connections and threads are bounded (and with them the work queued).
 */
public final class SlackHttpServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(SlackHttpServer.class);
  public static final String EVENTS_PATH = "/slack/events";
  public static final String HEALTH_PATH = "/healthz";
  /** Slack's payloads are a few kilobytes; anything over 1 MiB is refused with 413. */
  static final int MAX_BODY = 1 << 20;
  /** Slack's notice that it is holding events back this minute (an envelope of its own, not an event). */
  private static final Pattern APP_RATE_LIMITED = Pattern.compile("\"type\"\\s*:\\s*\"app_rate_limited\"");
  /**
   * A request body must arrive whole within this time of its headers: a minimum data rate, generous for
   * Slack (which gives up on an answer after 3 s) and fatal to a client trickling bytes.
   */
  static final Duration BODY_DEADLINE = Duration.ofSeconds(3);
  /** A connection that sends nothing for this long is closed. */
  static final Duration IDLE_TIMEOUT = Duration.ofSeconds(5);
  static final int MAX_CONNECTIONS = 1_000;
  static final int MAX_THREADS = 64;
  static final int ACCEPT_QUEUE = 128;

  private final Server server;
  private final ServerConnector connector;

  public SlackHttpServer(int port, App app, Optional<String> signingSecret, BooleanSupplier healthy, Clock clock) {
    this(port, app, signingSecret, healthy, clock, Map.of());
  }

  /** {@code inbound}: paths outside Slack's that take signed POSTs of their own (a tracker's webhook). */
  public SlackHttpServer(int port, App app, Optional<String> signingSecret, BooleanSupplier healthy, Clock clock,
      Map<String, Inbound> inbound) {
    // Jetty's own queue stays unbounded (a bounded one can reject Jetty's internal tasks, and it warns so at
    // every start): what waits in it is bounded by the connection limit, one request at a time per connection.
    QueuedThreadPool threads = new QueuedThreadPool(MAX_THREADS, 4, 60_000);
    threads.setName("candor-http");
    server = new Server(threads);
    HttpConfiguration http = new HttpConfiguration();
    http.setSendServerVersion(false);
    http.setSendXPoweredBy(false);
    http.setIdleTimeout(IDLE_TIMEOUT.toMillis());
    connector = new ServerConnector(server, new HttpConnectionFactory(http));
    connector.setPort(port);
    connector.setIdleTimeout(IDLE_TIMEOUT.toMillis());
    connector.setAcceptQueueSize(ACCEPT_QUEUE);
    server.addConnector(connector);
    server.addBean(new NetworkConnectionLimit(MAX_CONNECTIONS, server));
    SizeLimitHandler sizeLimit = new SizeLimitHandler(MAX_BODY, -1);
    sizeLimit.setHandler(new Routes(app, signingSecret, healthy, clock, inbound));
    server.setHandler(sizeLimit);
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
    /** Signed requests Slack may send twice that are answered once: commands and interactivity, not events. */
    private static final Set<RequestType> ANSWERED_ONCE = Set.of(RequestType.Command, RequestType.ViewSubmission,
        RequestType.ViewClosed, RequestType.BlockAction, RequestType.MessageShortcut, RequestType.GlobalShortcut,
        RequestType.AttachmentAction, RequestType.DialogSubmission, RequestType.DialogCancellation,
        RequestType.WorkflowStepEdit, RequestType.WorkflowStepSave);

    private final App app;
    private final SlackRequestParser parser;
    private final SignedRequests signed;
    private final BooleanSupplier healthy;
    private final Map<String, Inbound> inbound;

    Routes(App app, Optional<String> signingSecret, BooleanSupplier healthy, Clock clock, Map<String, Inbound> inbound) {
      this.inbound = Map.copyOf(inbound);
      this.app = app;
      this.parser = new SlackRequestParser(app.config());
      this.signed = signingSecret.map(s -> new SignedRequests(s, clock)).orElse(null);
      this.healthy = healthy;
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
      } else if (inbound.containsKey(path) && "POST".equals(method)) {
        read(request, response, callback, body -> inbound(request, response, callback, inbound.get(path), body));
      } else if (EVENTS_PATH.equals(path) || HEALTH_PATH.equals(path) || inbound.containsKey(path)) {
        send(response, callback, 405, "application/json", "{\"error\":\"method_not_allowed\"}");
      } else {
        send(response, callback, 404, "application/json", "{\"error\":\"not_found\"}");
      }
      return true;
    }

    /**
     * Reads the body without holding a thread while bytes trickle in, then handles it on a pool thread. A body
     * not whole by {@link #BODY_DEADLINE} fails the request (408, and the connection is closed).
     */
    private void slack(Request request, Response response, Callback callback) {
      if (signed == null) {
        send(response, callback, 404, "application/json",
            "{\"error\":\"Candor runs in Socket Mode; set SLACK_SIGNING_SECRET to take HTTP requests\"}");
        return;
      }
      read(request, response, callback, body -> signedRequest(request, response, callback, body));
    }

    /** Reads the body as {@link #slack} does, then hands it to {@code then} on a pool thread. */
    private void read(Request request, Response response, Callback callback, java.util.function.Consumer<String> then) {
      Scheduler.Task deadline = request.getComponents().getScheduler().schedule(
          () -> request.fail(new TimeoutException("the body did not arrive within " + BODY_DEADLINE)),
          BODY_DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
      Content.Source.asByteArrayAsync(request, MAX_BODY, Promise.Invocable.from(Invocable.InvocationType.BLOCKING,
          (byte[] bytes, Throwable failure) -> {
            deadline.cancel();
            if (failure == null) {
              then.accept(new String(bytes, StandardCharsets.UTF_8));
            } else {
              unread(request, response, callback, failure);
            }
          }));
    }

    private static void inbound(Request request, Response response, Callback callback, Inbound to, String body) {
      Map<String, String> headers = new HashMap<>();
      headers(request).forEach((name, values) -> headers.put(name, values.get(0)));
      Inbound.Answer answer;
      try {
        answer = to.receive(headers, body);
      } catch (RuntimeException e) {
        log.error("handling a POST to {} failed", Request.getPathInContext(request), e);
        answer = new Inbound.Answer(500, "internal_error");
      }
      if (answer.status() == 401) {
        log.info("refused a POST to {} with a missing or bad signature from {}", Request.getPathInContext(request),
            Request.getRemoteAddr(request));
      }
      String json = "{\"" + (answer.status() < 300 ? "result" : "error") + "\":\""
          + answer.message().replace("\\", "").replace("\"", "'") + "\"}";
      send(response, callback, answer.status(), "application/json", json);
    }

    private static void unread(Request request, Response response, Callback callback, Throwable failure) {
      HttpException http = HttpException.asHttpException(failure);
      boolean tooLarge = (http != null && http.getCode() == 413) || failure instanceof IllegalArgumentException;
      if (tooLarge) {
        send(response, callback, 413, "application/json", "{\"error\":\"body_too_large\"}");
      } else if (failure instanceof TimeoutException) {
        log.info("cut off {}: its body did not arrive within {}", Request.getRemoteAddr(request), BODY_DEADLINE);
        response.getHeaders().put(HttpHeader.CONNECTION, "close");
        send(response, callback, 408, "application/json", "{\"error\":\"request_timeout\"}");
      } else {
        send(response, callback, 400, "application/json", "{\"error\":\"unreadable_body\"}");
      }
    }

    private void signedRequest(Request request, Response response, Callback callback, String body) {
      Map<String, List<String>> headers = headers(request);
      String timestamp = first(headers, SlackSignature.HeaderNames.X_SLACK_REQUEST_TIMESTAMP);
      String signature = first(headers, SlackSignature.HeaderNames.X_SLACK_SIGNATURE);
      if (!signed.isValid(timestamp, body, signature)) {
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
      if (ANSWERED_ONCE.contains(slackRequest.getRequestType()) && !signed.firstSeen(timestamp, signature)) {
        log.info("answered a replayed {} request once; this copy reaches no handler", slackRequest.getRequestType());
        send(response, callback, 200, null, "");
        return;
      }
      answer(slackRequest, response, callback);
    }

    private void answer(com.slack.api.bolt.request.Request<?> slackRequest, Response response, Callback callback) {
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
}
