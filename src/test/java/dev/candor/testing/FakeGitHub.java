package dev.candor.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * GitHub's REST API for one repository's issues, as its documentation describes it: {@code Authorization: Bearer}
 * (or {@code token}) with a token it knows, else 401 {@code {"message":"Bad credentials"}};
 * {@code POST /repos/{owner}/{repo}/issues} (title required, else 422 Validation Failed; an assignee who is no
 * collaborator is 422 on {@code assignees}) answered 201 with the issue; {@code PATCH …/issues/{number}} (title, body,
 * state open|closed, state_reason, labels, assignees) answered 200, 404 for no such issue; and
 * {@code GET …/issues} with {@code labels}, {@code state}, {@code since}, {@code sort}, {@code direction} and
 * {@code per_page} (at most 100) and {@code page}, a {@code Link} header naming the {@code next} and {@code last} pages
 * where there are more. Every issue change moves its {@code updated_at} on the clock given. Scripted answers (429 with
 * Retry-After, 403 with x-ratelimit-remaining 0) come first. It can also act as a person on github.com (close or
 * reopen an issue) and deliver the repository webhook's {@code issues} event, signed with {@code X-Hub-Signature-256}.
 */
public final class FakeGitHub implements FakeTracker {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern ISSUES = Pattern.compile("/repos/([^/]+/[^/]+)/issues");
  private static final Pattern ISSUE = Pattern.compile("/repos/([^/]+/[^/]+)/issues/(\\d+)");
  private static final MediaType JSON_TYPE = MediaType.get("application/json");

  /** One request as it arrived, and the status it was answered. */
  public record Call(String method, String path, String query, JsonNode body, String authorization, int answered) {}

  private final MockWebServer server = new MockWebServer();
  private final String repo;
  private final Set<String> tokens;
  private final Set<String> collaborators;
  private final Clock clock;
  private final Map<Long, ObjectNode> issues = new LinkedHashMap<>();
  private final List<Call> calls = new CopyOnWriteArrayList<>();
  private final List<MockResponse> scripted = new CopyOnWriteArrayList<>();
  private final OkHttpClient http = new OkHttpClient();
  private final HeldAnswer held = new HeldAnswer();
  /** The most issues a page of a list holds, whatever {@code per_page} asks: a test's way to see pages turned. */
  private volatile int mostPerPage = 100;

  /** The repository {@code repo} ({@code owner/name}), which takes {@code token}, and whose collaborators are named. */
  public FakeGitHub(String repo, String token, Clock clock, String... collaborators) {
    this.repo = repo;
    this.tokens = Set.of(token);
    this.collaborators = Set.of(collaborators);
    this.clock = clock;
    LocalServers.started(server, this::answer);
  }

  /** GITHUB_API_URL for Candor. */
  public String apiUrl() {
    return server.url("/").toString();
  }

  /** Pages of issue lists hold at most {@code n} issues from now on; the {@code Link} header names the next. */
  @Override
  public void pagesOf(int n) {
    mostPerPage = n;
  }

  @Override
  public void failNext(MockResponse... responses) {
    scripted.addAll(List.of(responses));
  }

  /** GitHub's secondary rate limit: 429 with Retry-After. */
  public static MockResponse tooMany(int retryAfterSeconds) {
    return new MockResponse.Builder().code(429).addHeader("Retry-After", Integer.toString(retryAfterSeconds))
        .addHeader("Content-Type", "application/json; charset=utf-8").body("{\"message\":\"You have exceeded a "
            + "secondary rate limit. Please wait a few minutes before you try again.\",\"documentation_url\":"
            + "\"https://docs.github.com/rest/overview/rate-limits-for-the-rest-api\",\"status\":\"429\"}").build();
  }

  /** GitHub's primary rate limit: 403, x-ratelimit-remaining 0, and the hour's end in x-ratelimit-reset. */
  public static MockResponse hourUsedUp(Instant reset) {
    return new MockResponse.Builder().code(403).addHeader("x-ratelimit-limit", "5000")
        .addHeader("x-ratelimit-remaining", "0").addHeader("x-ratelimit-reset", Long.toString(reset.getEpochSecond()))
        .addHeader("Content-Type", "application/json; charset=utf-8").body("{\"message\":\"API rate limit exceeded "
            + "for user ID 1.\",\"documentation_url\":\"https://docs.github.com/rest/overview/rate-limits-for-the-rest-"
            + "api\",\"status\":\"403\"}").build();
  }

  @Override
  public HeldAnswer heldCreate() {
    return held;
  }

  public List<Call> calls() {
    return new ArrayList<>(calls);
  }

  /** The issues, by number. */
  @Override
  public synchronized Map<Long, JsonNode> issues() {
    Map<Long, JsonNode> out = new LinkedHashMap<>();
    issues.forEach((n, i) -> out.put(n, i.deepCopy()));
    return out;
  }

  public synchronized JsonNode issue(long number) {
    return issues.get(number).deepCopy();
  }

  /** {@code login} closes (or reopens) issue {@code number} on github.com: the issue changes, no webhook is sent. */
  public synchronized JsonNode setState(long number, boolean open, String login) {
    ObjectNode issue = issues.get(number);
    issue.put("state", open ? "open" : "closed");
    issue.put("state_reason", open ? "reopened" : "completed");
    if (open) {
      issue.putNull("closed_at");
      issue.putNull("closed_by");
    } else {
      issue.put("closed_at", clock.instant().toString());
      issue.putObject("closed_by").put("login", login);
    }
    issue.put("updated_at", clock.instant().toString());
    return issue.deepCopy();
  }

  /** A person on github.com adds label {@code name} and assignee {@code login} to issue {@code number}. */
  public synchronized void labelAndAssign(long number, String name, String login) {
    ObjectNode issue = issues.get(number);
    ((ArrayNode) issue.path("labels")).addObject().put("name", name);
    ((ArrayNode) issue.path("assignees")).addObject().put("login", login);
    issue.put("updated_at", clock.instant().toString());
  }

  /** The body of the repository webhook's {@code issues} event {@code action} about issue {@code number}. */
  public synchronized String issuesEvent(String action, long number, String login) {
    ObjectNode event = JSON.createObjectNode();
    event.put("action", action);
    event.set("issue", issues.get(number).deepCopy());
    ObjectNode repository = event.putObject("repository");
    repository.put("full_name", repo);
    repository.put("name", repo.substring(repo.indexOf('/') + 1));
    event.putObject("sender").put("login", login).put("type", "User");
    return event.toString();
  }

  /** {@code X-Hub-Signature-256} of {@code body} under {@code secret}. */
  public static String signature(String secret, String body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Delivers {@code body} as GitHub does to {@code url}: event and delivery headers, signed with {@code signature}. */
  public int deliver(String url, String event, String body, String signature) {
    Request.Builder request = new Request.Builder().url(url).post(RequestBody.create(body, JSON_TYPE))
        .header("User-Agent", "GitHub-Hookshot/044aadd").header("X-GitHub-Event", event)
        .header("X-GitHub-Delivery", UUID.randomUUID().toString()).header("X-GitHub-Hook-ID", "292430182");
    if (signature != null) {
      request.header("X-Hub-Signature-256", signature);
    }
    try (Response response = http.newCall(request.build()).execute()) {
      return response.code();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private MockResponse answer(RecordedRequest request) {
    String path = request.getUrl().encodedPath();
    String method = request.getMethod();
    JsonNode body = null;
    try {
      String text = request.getBody() == null ? "" : request.getBody().utf8();
      body = text.isEmpty() ? null : JSON.readTree(text);
    } catch (IOException e) {
      return record(request, null, error(400, "Problems parsing JSON"));
    }
    String auth = request.getHeaders().get("Authorization");
    if (!scripted.isEmpty()) {
      return record(request, body, scripted.remove(0));
    }
    if (auth == null || !tokens.contains(auth.replaceFirst("^(Bearer|token) ", ""))) {
      return record(request, body, error(401, "Bad credentials"));
    }
    MockResponse answer;
    synchronized (this) {
      Matcher one = ISSUE.matcher(path);
      Matcher all = ISSUES.matcher(path);
      if (one.matches() && one.group(1).equals(repo) && method.equals("PATCH")) {
        answer = patch(Long.parseLong(one.group(2)), body);
      } else if (one.matches() && one.group(1).equals(repo) && method.equals("GET")) {
        ObjectNode issue = issues.get(Long.parseLong(one.group(2)));
        answer = issue == null ? error(404, "Not Found") : json(200, issue);
      } else if (all.matches() && all.group(1).equals(repo) && method.equals("POST")) {
        answer = create(body);
      } else if (all.matches() && all.group(1).equals(repo) && method.equals("GET")) {
        answer = list(request);
      } else {
        answer = error(404, "Not Found");
      }
    }
    record(request, body, answer);
    if (method.equals("POST") && answer.getCode() == 201) {
      hold(); // made, and its answer held outside the lock: the client's next calls are answered meanwhile
    }
    return answer;
  }

  private void hold() {
    held.holdIfArmed();
  }

  private MockResponse create(JsonNode body) {
    if (body == null || body.path("title").asText("").isEmpty()) {
      return invalid("missing_field", "title");
    }
    if (!assignable(body)) {
      return invalid("invalid", "assignees");
    }
    long number = issues.size() + 1;
    ObjectNode issue = JSON.createObjectNode();
    issue.put("id", 1_000_000 + number);
    issue.put("number", number);
    issue.put("html_url", "https://github.com/" + repo + "/issues/" + number);
    issue.put("url", server.url("/repos/" + repo + "/issues/" + number).toString());
    issue.put("state", "open");
    issue.putNull("state_reason");
    issue.put("title", body.path("title").asText());
    issue.put("body", body.path("body").asText(""));
    labels(issue, body);
    assignees(issue, body);
    issue.put("created_at", clock.instant().toString());
    issue.put("updated_at", clock.instant().toString());
    issue.putNull("closed_at");
    issues.put(number, issue);
    return json(201, issue).newBuilder().addHeader("Location", issue.path("url").asText()).build();
  }

  private MockResponse patch(long number, JsonNode body) {
    ObjectNode issue = issues.get(number);
    if (issue == null) {
      return error(404, "Not Found");
    }
    if (body == null) {
      return error(400, "Problems parsing JSON");
    }
    if (body.has("state") && !Set.of("open", "closed").contains(body.path("state").asText())) {
      return invalid("invalid", "state");
    }
    if (!assignable(body)) {
      return invalid("invalid", "assignees");
    }
    if (body.has("title")) {
      issue.put("title", body.path("title").asText());
    }
    if (body.has("body")) {
      issue.put("body", body.path("body").asText());
    }
    if (body.has("labels")) {
      labels(issue, body);
    }
    if (body.has("assignees")) {
      assignees(issue, body);
    }
    if (body.has("state") && !body.path("state").asText().equals(issue.path("state").asText())) {
      boolean open = body.path("state").asText().equals("open");
      issue.put("state", open ? "open" : "closed");
      issue.put("state_reason", open ? "reopened" : body.path("state_reason").asText("completed"));
      issue.put("closed_at", open ? null : clock.instant().toString());
    }
    issue.put("updated_at", clock.instant().toString());
    return json(200, issue);
  }

  private MockResponse list(RecordedRequest request) {
    var url = request.getUrl();
    String state = url.queryParameter("state") == null ? "open" : url.queryParameter("state");
    String labels = url.queryParameter("labels");
    Instant since = url.queryParameter("since") == null ? null : Instant.parse(url.queryParameter("since"));
    String sort = url.queryParameter("sort") == null ? "created" : url.queryParameter("sort");
    boolean asc = "asc".equals(url.queryParameter("direction"));
    int perPage = url.queryParameter("per_page") == null ? 30 : Math.min(100,
        Integer.parseInt(url.queryParameter("per_page")));
    List<ObjectNode> found = new ArrayList<>();
    for (ObjectNode issue : issues.values()) {
      if (!state.equals("all") && !state.equals(issue.path("state").asText())) {
        continue;
      }
      if (labels != null && !hasLabels(issue, labels.split(","))) {
        continue;
      }
      if (since != null && Instant.parse(issue.path("updated_at").asText()).isBefore(since)) {
        continue;
      }
      found.add(issue);
    }
    Comparator<ObjectNode> order = Comparator.comparing(i -> Instant.parse(i.path(sort.equals("updated")
        ? "updated_at" : "created_at").asText()));
    order = order.thenComparing(i -> i.path("number").asLong());
    found.sort(asc ? order : order.reversed());
    int size = Math.min(perPage, mostPerPage);
    int number = url.queryParameter("page") == null ? 1 : Math.max(1, Integer.parseInt(url.queryParameter("page")));
    ArrayNode page = JSON.createArrayNode();
    found.stream().skip((long) (number - 1) * size).limit(size).forEach(i -> page.add(i.deepCopy()));
    MockResponse.Builder answer = json(200, page).newBuilder();
    int last = Math.max(1, (found.size() + size - 1) / size);
    if (number < last) {
      answer.addHeader("Link", "<" + url.newBuilder().setQueryParameter("page", Integer.toString(number + 1)).build()
          + ">; rel=\"next\", <" + url.newBuilder().setQueryParameter("page", Integer.toString(last)).build()
          + ">; rel=\"last\"");
    }
    return answer.build();
  }

  private static boolean hasLabels(JsonNode issue, String[] wanted) {
    List<String> names = new ArrayList<>();
    issue.path("labels").forEach(l -> names.add(l.path("name").asText()));
    for (String w : wanted) {
      if (!names.contains(w.strip())) {
        return false;
      }
    }
    return true;
  }

  private boolean assignable(JsonNode body) {
    for (JsonNode a : body.path("assignees")) {
      if (!collaborators.contains(a.asText())) {
        return false;
      }
    }
    return true;
  }

  private static void labels(ObjectNode issue, JsonNode body) {
    ArrayNode labels = issue.putArray("labels");
    body.path("labels").forEach(l -> labels.addObject().put("name", l.asText()));
  }

  private static void assignees(ObjectNode issue, JsonNode body) {
    ArrayNode assignees = issue.putArray("assignees");
    body.path("assignees").forEach(a -> assignees.addObject().put("login", a.asText()));
    if (assignees.isEmpty()) {
      issue.putNull("assignee");
    } else {
      issue.set("assignee", assignees.get(0).deepCopy());
    }
  }

  private static MockResponse invalid(String code, String field) {
    ObjectNode node = JSON.createObjectNode().put("message", "Validation Failed");
    node.putArray("errors").addObject().put("resource", "Issue").put("code", code).put("field", field);
    node.put("documentation_url", "https://docs.github.com/rest/issues/issues#create-an-issue");
    node.put("status", "422");
    return json(422, node);
  }

  private static MockResponse error(int code, String message) {
    return json(code, JSON.createObjectNode().put("message", message)
        .put("documentation_url", "https://docs.github.com/rest").put("status", Integer.toString(code)));
  }

  private static MockResponse json(int code, JsonNode body) {
    return new MockResponse.Builder().code(code).addHeader("Content-Type", "application/json; charset=utf-8")
        .addHeader("X-GitHub-Api-Version-Selected", "2022-11-28").body(body.toString()).build();
  }

  private MockResponse record(RecordedRequest request, JsonNode body, MockResponse response) {
    calls.add(new Call(request.getMethod(), request.getUrl().encodedPath(), request.getUrl().query(), body,
        request.getHeaders().get("Authorization"), response.getCode()));
    return response;
  }

  @Override
  public void close() {
    release();
    server.close();
    http.dispatcher().executorService().shutdown();
    http.connectionPool().evictAll();
  }
}
