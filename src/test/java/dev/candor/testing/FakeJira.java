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
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
 * Jira Cloud's REST API v3 for one project, as its documentation describes it: Basic auth with an account's email and
 * API token, else 401; {@code POST /rest/api/3/issue} (project key, summary, issue type, ADF description, labels,
 * assignee by accountId) answered 201 with id, key and self; {@code GET} and {@code PUT /rest/api/3/issue/{key}}
 * (404 for no such issue, 204 for an edit); {@code GET} and {@code POST …/transitions} (To Do, In Progress, Done and
 * Won't Do, by status category new, indeterminate, done); {@code POST /rest/api/3/search/jql} understanding
 * {@code project = }, {@code labels = } and {@code updated >= -Nm} ({@code ORDER BY updated} as the list's order), a page of
 * {@code maxResults} (50 unless asked, at most 100) at a time, the next named by an opaque {@code nextPageToken} until
 * {@code isLast} ({@code startAt} is the old endpoint's, refused); {@code GET /rest/api/3/user/search?query=}.
 * Every change moves {@code updated} on the clock given. Scripted answers (429 with Retry-After) come first. It can
 * also act as a person in Jira (move an issue) and deliver the admin webhook's {@code jira:issue_updated}, signed with
 * {@code X-Hub-Signature}.
 */
public final class FakeJira implements FakeTracker {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ");
  private static final Pattern ISSUE = Pattern.compile("/rest/api/3/issue/([A-Z0-9]+-\\d+)");
  private static final Pattern TRANSITIONS = Pattern.compile("/rest/api/3/issue/([A-Z0-9]+-\\d+)/transitions");
  private static final MediaType JSON_TYPE = MediaType.get("application/json");
  private static final String[][] STATUSES = {{"11", "To Do", "new"}, {"21", "In Progress", "indeterminate"},
      {"31", "Done", "done"}, {"41", "Won't Do", "done"}};

  /** One request as it arrived, and the status it was answered. */
  public record Call(String method, String path, JsonNode body, String authorization, int answered) {}

  private final MockWebServer server = new MockWebServer();
  private final String project;
  private final String auth;
  private final Clock clock;
  private final Map<String, String> users = new LinkedHashMap<>(); // email -> accountId
  private final Map<String, ObjectNode> issues = new LinkedHashMap<>();
  private final List<Call> calls = new CopyOnWriteArrayList<>();
  private final List<MockResponse> scripted = new CopyOnWriteArrayList<>();
  private final OkHttpClient http = new OkHttpClient();
  private final HeldAnswer held = new HeldAnswer();
  /** The most issues a page of search results holds, whatever {@code maxResults} asks: to see pages turned. */
  private volatile int mostPerPage = 100;
  private final Map<String, Integer> pageTokens = new LinkedHashMap<>(); // nextPageToken -> where its page starts

  public FakeJira(String project, String email, String token, Clock clock, String... emails) {
    this.project = project;
    this.auth = "Basic " + Base64.getEncoder().encodeToString((email + ":" + token).getBytes(StandardCharsets.UTF_8));
    this.clock = clock;
    for (String e : emails) {
      users.put(e, "acct-" + e.substring(0, e.indexOf('@')));
    }
    LocalServers.started(server, this::answer);
  }

  /** JIRA_URL for Candor. */
  public String siteUrl() {
    return server.url("/").toString().replaceAll("/$", "");
  }

  /** Pages of search results hold at most {@code n} issues from now on; {@code nextPageToken} names the next. */
  @Override
  public void pagesOf(int n) {
    mostPerPage = n;
  }

  @Override
  public void failNext(MockResponse... responses) {
    scripted.addAll(List.of(responses));
  }

  /** Jira's rate limit: 429 with Retry-After. */
  public static MockResponse tooMany(int seconds) {
    return new MockResponse.Builder().code(429).addHeader("Retry-After", Integer.toString(seconds))
        .addHeader("Content-Type", "application/json").body("{\"errorMessages\":[\"Rate limit exceeded.\"]}").build();
  }

  @Override
  public HeldAnswer heldCreate() {
    return held;
  }

  public List<Call> calls() {
    return new ArrayList<>(calls);
  }

  @Override
  public synchronized Map<String, JsonNode> issues() {
    Map<String, JsonNode> out = new LinkedHashMap<>();
    issues.forEach((k, i) -> out.put(k, i.deepCopy()));
    return out;
  }

  public synchronized JsonNode issue(String key) {
    return issues.get(key).deepCopy();
  }

  public String accountId(String email) {
    return users.get(email);
  }

  /** The status category ({@code new}, {@code indeterminate}, {@code done}) of issue {@code key}. */
  public synchronized String category(String key) {
    return issues.get(key).path("fields").path("status").path("statusCategory").path("key").asText();
  }

  /** {@code email} moves issue {@code key} to status {@code name} in Jira: the webhook body is answered. */
  public synchronized String moveTo(String key, String name, String email) {
    ObjectNode issue = issues.get(key);
    String from = issue.path("fields").path("status").path("name").asText();
    for (String[] s : STATUSES) {
      if (s[1].equals(name)) {
        setStatus(issue, s);
      }
    }
    ObjectNode event = JSON.createObjectNode();
    event.put("timestamp", clock.instant().toEpochMilli());
    event.put("webhookEvent", "jira:issue_updated");
    event.put("issue_event_type_name", "issue_generic");
    event.putObject("user").put("accountId", users.getOrDefault(email, "acct-x")).put("emailAddress", email);
    event.set("issue", issue.deepCopy());
    ArrayNode items = event.putObject("changelog").put("id", "10001").putArray("items");
    items.addObject().put("field", "status").put("fieldtype", "jira").put("fieldId", "status").put("fromString", from)
        .put("toString", name);
    return event.toString();
  }

  public static String signature(String secret, String body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return "sha256=" + java.util.HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  public int deliver(String url, String body, String signature) {
    Request.Builder request = new Request.Builder().url(url).post(RequestBody.create(body, JSON_TYPE))
        .header("User-Agent", "Atlassian Webhook HTTP Client")
        .header("X-Atlassian-Webhook-Identifier", UUID.randomUUID().toString());
    if (signature != null) {
      request.header("X-Hub-Signature", signature);
    }
    try (Response response = http.newCall(request.build()).execute()) {
      return response.code();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private String now() {
    return OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC).format(TIME);
  }

  private void setStatus(ObjectNode issue, String[] s) {
    ObjectNode status = ((ObjectNode) issue.path("fields")).putObject("status");
    status.put("name", s[1]);
    status.putObject("statusCategory").put("key", s[2]);
    ((ObjectNode) issue.path("fields")).put("updated", now());
  }

  private MockResponse answer(RecordedRequest request) {
    String path = request.getUrl().encodedPath();
    String method = request.getMethod();
    JsonNode body = null;
    try {
      String text = request.getBody() == null ? "" : request.getBody().utf8();
      body = text.isEmpty() ? null : JSON.readTree(text);
    } catch (IOException e) {
      return record(request, null, error(400, "Unexpected character"));
    }
    if (!scripted.isEmpty()) {
      return record(request, body, scripted.remove(0));
    }
    if (!auth.equals(request.getHeaders().get("Authorization"))) {
      return record(request, body, error(401, "Client must be authenticated to access this resource."));
    }
    MockResponse answer;
    boolean made = false;
    synchronized (this) {
      Matcher one = ISSUE.matcher(path);
      Matcher moves = TRANSITIONS.matcher(path);
      if (path.equals("/rest/api/3/issue") && method.equals("POST")) {
        answer = create(body.path("fields"));
        made = answer.getCode() == 201;
      } else if (moves.matches() && issues.containsKey(moves.group(1))) {
        answer = method.equals("GET") ? transitions() : move(moves.group(1), body);
      } else if (one.matches() && !issues.containsKey(one.group(1))) {
        answer = error(404, "Issue does not exist or you do not have permission to see it.");
      } else if (one.matches() && method.equals("GET")) {
        answer = json(200, issues.get(one.group(1)));
      } else if (one.matches() && method.equals("PUT")) {
        answer = edit(issues.get(one.group(1)), body.path("fields"));
      } else if (path.equals("/rest/api/3/search/jql") && method.equals("POST")) {
        answer = search(body);
      } else if (path.equals("/rest/api/3/user/search") && method.equals("GET")) {
        String q = request.getUrl().queryParameter("query");
        ArrayNode found = JSON.createArrayNode();
        if (users.containsKey(q)) {
          found.addObject().put("accountId", users.get(q)).put("emailAddress", q).put("active", true);
        }
        answer = json(200, found);
      } else {
        answer = error(404, "Not found");
      }
    }
    MockResponse recorded = record(request, body, answer);
    if (made) {
      held.holdIfArmed();
    }
    return recorded;
  }

  private MockResponse create(JsonNode fields) {
    if (!project.equals(fields.path("project").path("key").asText())) {
      return fieldError("project", "valid project is required");
    }
    if (fields.path("summary").asText("").isBlank()) {
      return fieldError("summary", "You must specify a summary of the issue.");
    }
    if (!"doc".equals(fields.path("description").path("type").asText())) {
      return fieldError("description", "Operation value must be an Atlassian Document.");
    }
    String key = project + "-" + (issues.size() + 1);
    ObjectNode issue = JSON.createObjectNode();
    issue.put("id", Integer.toString(10000 + issues.size()));
    issue.put("key", key);
    issue.put("self", siteUrl() + "/rest/api/3/issue/" + issue.path("id").asText());
    ObjectNode f = issue.putObject("fields");
    f.put("created", now());
    setStatus(issue, STATUSES[0]);
    MockResponse bad = apply(f, fields);
    if (bad != null) {
      return bad;
    }
    issues.put(key, issue);
    return json(201, JSON.createObjectNode().put("id", issue.path("id").asText()).put("key", key)
        .put("self", issue.path("self").asText()));
  }

  private MockResponse apply(ObjectNode f, JsonNode fields) {
    if (fields.has("assignee") && !users.containsValue(fields.path("assignee").path("accountId").asText())) {
      return fieldError("assignee", "User '" + fields.path("assignee").path("accountId").asText()
          + "' cannot be assigned issues.");
    }
    for (String name : List.of("summary", "description", "labels", "assignee")) {
      if (fields.has(name)) {
        f.set(name, fields.get(name).deepCopy());
      }
    }
    f.put("updated", now());
    return null;
  }

  private MockResponse edit(ObjectNode issue, JsonNode fields) {
    MockResponse bad = apply((ObjectNode) issue.path("fields"), fields);
    return bad != null ? bad : new MockResponse.Builder().code(204).build();
  }

  private static MockResponse transitions() {
    ObjectNode out = JSON.createObjectNode();
    ArrayNode all = out.putArray("transitions");
    for (String[] s : STATUSES) {
      ObjectNode t = all.addObject().put("id", s[0]).put("name", s[1]);
      t.putObject("to").put("name", s[1]).putObject("statusCategory").put("key", s[2]);
    }
    return json(200, out);
  }

  private MockResponse move(String key, JsonNode body) {
    String id = body == null ? "" : body.path("transition").path("id").asText();
    for (String[] s : STATUSES) {
      if (s[0].equals(id)) {
        setStatus(issues.get(key), s);
        return new MockResponse.Builder().code(204).build();
      }
    }
    return fieldError("transition", "Transition id '" + id + "' is not valid for this issue.");
  }

  private MockResponse search(JsonNode request) {
    String jql = request.path("jql").asText();
    if (request.has("startAt")) {
      return error(400, "Invalid request payload. Refer to the REST API documentation and try again.");
    }
    Matcher p = Pattern.compile("project = \"?([A-Z0-9_]+)\"?").matcher(jql);
    Matcher l = Pattern.compile("labels = \"?([\\w-]+)\"?").matcher(jql);
    Matcher u = Pattern.compile("updated >= -(\\d+)m").matcher(jql);
    String inProject = p.find() ? p.group(1) : null;
    String label = l.find() ? l.group(1) : null;
    Instant since = u.find() ? clock.instant().minus(Duration.ofMinutes(Long.parseLong(u.group(1)))) : Instant.EPOCH;
    ArrayNode found = JSON.createArrayNode();
    for (ObjectNode issue : issues.values()) {
      boolean labelled = label == null;
      for (JsonNode x : issue.path("fields").path("labels")) {
        labelled |= x.asText().equals(label);
      }
      Instant updated = OffsetDateTime.parse(issue.path("fields").path("updated").asText(), TIME).toInstant();
      if ((inProject == null || inProject.equals(project)) && labelled && !updated.isBefore(since)) {
        found.add(issue.deepCopy());
      }
    }
    Matcher order = Pattern.compile("ORDER BY updated( ASC| DESC)?", Pattern.CASE_INSENSITIVE).matcher(jql);
    if (order.find()) {
      List<JsonNode> sorted = new ArrayList<>();
      found.forEach(sorted::add);
      Comparator<JsonNode> byUpdated = Comparator.comparing(i -> OffsetDateTime.parse(i.path("fields").path("updated")
          .asText(), TIME).toInstant());
      sorted.sort(" DESC".equalsIgnoreCase(order.group(1)) ? byUpdated.reversed() : byUpdated);
      found.removeAll();
      sorted.forEach(found::add);
    }
    int size = Math.min(mostPerPage, Math.min(100, request.path("maxResults").asInt(50)));
    int from = 0;
    if (request.hasNonNull("nextPageToken")) {
      String token = request.path("nextPageToken").asText();
      if (!pageTokens.containsKey(token)) {
        return error(400, "The nextPageToken is invalid or expired.");
      }
      from = pageTokens.get(token);
    }
    ArrayNode page = JSON.createArrayNode();
    for (int i = from; i < Math.min(found.size(), from + size); i++) {
      page.add(found.get(i));
    }
    ObjectNode out = JSON.createObjectNode();
    out.set("issues", page);
    boolean last = from + size >= found.size();
    if (!last) {
      String token = UUID.randomUUID().toString(); // opaque, as Jira's are
      pageTokens.put(token, from + size);
      out.put("nextPageToken", token);
    }
    out.put("isLast", last);
    return json(200, out);
  }

  private static MockResponse fieldError(String field, String message) {
    ObjectNode body = JSON.createObjectNode();
    body.putArray("errorMessages");
    body.putObject("errors").put(field, message);
    return json(400, body);
  }

  private static MockResponse error(int code, String message) {
    ObjectNode body = JSON.createObjectNode();
    body.putArray("errorMessages").add(message);
    body.putObject("errors");
    return json(code, body);
  }

  private static MockResponse json(int code, JsonNode body) {
    return new MockResponse.Builder().code(code).addHeader("Content-Type", "application/json;charset=UTF-8")
        .body(body.toString()).build();
  }

  private MockResponse record(RecordedRequest request, JsonNode body, MockResponse response) {
    calls.add(new Call(request.getMethod(), request.getUrl().encodedPath(), body,
        request.getHeaders().get("Authorization"), response.getCode()));
    return response;
  }

  @Override
  public void close() {
    server.close();
    http.dispatcher().executorService().shutdown();
    http.connectionPool().evictAll();
  }
}
