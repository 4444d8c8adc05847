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
 * Linear's GraphQL API for one team, as its documentation describes it: {@code POST /graphql} with
 * {@code {"query", "variables"}}; a personal API key in {@code Authorization} as it is (a {@code Bearer} prefix is for
 * OAuth tokens, so a key sent so is refused), else HTTP 400 with an {@code AUTHENTICATION_ERROR}; the root fields
 * {@code issueCreate(input)} (teamId and title required), {@code issueUpdate(id, input)} (title, description, stateId,
 * assigneeId), {@code issue(id)} (an id or an identifier; unknown: an {@code Entity not found} error),
 * {@code issues(filter, first, orderBy)} (filters {@code team.id.eq}, {@code description.contains},
 * {@code updatedAt.gte}; {@code orderBy: updatedAt} newest first), {@code workflowStates(filter)} and
 * {@code users(filter: {email: {eq}})}. The team's states are Backlog, Todo, In Progress, Done and Canceled (types
 * backlog, unstarted, started, completed, canceled); a new issue is in Todo. Every change moves {@code updatedAt} on
 * the clock given. Scripted answers (a {@code RATELIMITED} 400 with {@code X-RateLimit-Requests-Reset}) come first.
 * It can also act as a person in Linear (move an issue to a state) and deliver its webhook, signed with
 * {@code Linear-Signature} and stamped with {@code webhookTimestamp}.
 */
public final class FakeLinear implements FakeTracker {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern ROOT = Pattern.compile("^[^{]*\\{\\s*(\\w+)");
  private static final MediaType JSON_TYPE = MediaType.get("application/json");

  private static final String[][] STATES = {{"Backlog", "backlog"}, {"Todo", "unstarted"},
      {"In Progress", "started"}, {"Done", "completed"}, {"Canceled", "canceled"}};

  /** One request as it arrived: its root field, variables, Authorization, and the status it was answered. */
  public record Call(String field, JsonNode variables, String authorization, int answered) {}

  private final MockWebServer server = new MockWebServer();
  private final String team;
  private final String teamKey;
  private final String apiKey;
  private final Clock clock;
  private final Map<String, String> users = new LinkedHashMap<>(); // email -> id
  private final Map<String, ObjectNode> issues = new LinkedHashMap<>(); // identifier -> issue
  private final List<Call> calls = new CopyOnWriteArrayList<>();
  private final List<MockResponse> scripted = new CopyOnWriteArrayList<>();
  private final OkHttpClient http = new OkHttpClient();
  /** The most issues a page holds, whatever {@code first} asks: a test's way to see pages turned. */
  private volatile int mostPerPage = 250;
  private final HeldAnswer held = new HeldAnswer();

  /** Team {@code team} (its key {@code teamKey}: {@code ENG}), which takes {@code apiKey}, and whose members have these emails. */
  public FakeLinear(String team, String teamKey, String apiKey, Clock clock, String... emails) {
    this.team = team;
    this.teamKey = teamKey;
    this.apiKey = apiKey;
    this.clock = clock;
    for (String email : emails) {
      users.put(email, "user-" + email.substring(0, email.indexOf('@')));
    }
    LocalServers.started(server, this::answer);
  }

  /** LINEAR_API_URL for Candor. */
  public String apiUrl() {
    return server.url("/graphql").toString();
  }

  /** Pages of {@code issues} hold at most {@code n} issues from now on. */
  @Override
  public void pagesOf(int n) {
    mostPerPage = n;
  }

  @Override
  public void failNext(MockResponse... responses) {
    scripted.addAll(List.of(responses));
  }

  /** Linear's rate limit: HTTP 400, a RATELIMITED error, no requests left until {@code reset} (Unix ms). */
  public static MockResponse rateLimited(Instant reset) {
    return new MockResponse.Builder().code(400).addHeader("Content-Type", "application/json; charset=utf-8")
        .addHeader("X-RateLimit-Requests-Limit", "5000").addHeader("X-RateLimit-Requests-Remaining", "0")
        .addHeader("X-RateLimit-Requests-Reset", Long.toString(reset.toEpochMilli()))
        .body("{\"errors\":[{\"message\":\"Rate limit exceeded\",\"extensions\":{\"code\":\"RATELIMITED\","
            + "\"type\":\"Ratelimited\",\"userPresentableMessage\":\"You have exceeded the rate limit.\"}}]}")
        .build();
  }

  @Override
  public HeldAnswer heldCreate() {
    return held;
  }

  public List<Call> calls() {
    return new ArrayList<>(calls);
  }

  /** The issues, by identifier. */
  @Override
  public synchronized Map<String, JsonNode> issues() {
    Map<String, JsonNode> out = new LinkedHashMap<>();
    issues.forEach((k, i) -> out.put(k, i.deepCopy()));
    return out;
  }

  public synchronized JsonNode issue(String identifier) {
    return issues.get(identifier).deepCopy();
  }

  /** The id of the user with {@code email}. */
  public String userId(String email) {
    return users.get(email);
  }

  /**
   * {@code email} moves issue {@code identifier} to the team's state of {@code type} in Linear: the issue changes,
   * and the body of the webhook Linear would send about it is answered.
   */
  public synchronized String moveTo(String identifier, String type, String email) {
    ObjectNode issue = issues.get(identifier);
    String before = issue.path("state").path("id").asText();
    String beforeUpdated = issue.path("updatedAt").asText();
    issue.set("state", state(type));
    issue.put("updatedAt", clock.instant().toString());
    ObjectNode event = JSON.createObjectNode();
    event.put("action", "update");
    event.put("type", "Issue");
    event.put("createdAt", clock.instant().toString());
    ObjectNode data = issue.deepCopy();
    data.put("stateId", issue.path("state").path("id").asText());
    data.put("teamId", team);
    event.set("data", data);
    event.putObject("updatedFrom").put("stateId", before).put("updatedAt", beforeUpdated);
    event.put("url", issue.path("url").asText());
    event.putObject("actor").put("id", users.getOrDefault(email, "user-x")).put("type", "user")
        .put("name", email.substring(0, email.indexOf('@'))).put("email", email);
    event.put("organizationId", "org-1");
    event.put("webhookTimestamp", clock.instant().toEpochMilli());
    event.put("webhookId", "hook-1");
    return event.toString();
  }

  /** {@code Linear-Signature} of {@code body} under {@code secret}: the hex HMAC-SHA256. */
  public static String signature(String secret, String body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Delivers {@code body} as Linear does to {@code url}, signed with {@code signature} (none if null). */
  public int deliver(String url, String body, String signature) {
    Request.Builder request = new Request.Builder().url(url).post(RequestBody.create(body, JSON_TYPE))
        .header("User-Agent", "Linear-Webhook").header("Linear-Event", "Issue")
        .header("Linear-Delivery", UUID.randomUUID().toString());
    if (signature != null) {
      request.header("Linear-Signature", signature);
    }
    try (Response response = http.newCall(request.build()).execute()) {
      return response.code();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private ObjectNode state(String type) {
    for (int i = 0; i < STATES.length; i++) {
      if (STATES[i][1].equals(type)) {
        return JSON.createObjectNode().put("id", "state-" + type).put("name", STATES[i][0]).put("type", type);
      }
    }
    throw new IllegalArgumentException(type);
  }

  private MockResponse answer(RecordedRequest request) {
    JsonNode body;
    try {
      String text = request.getBody() == null ? "" : request.getBody().utf8();
      body = JSON.readTree(text);
    } catch (IOException e) {
      return record("?", null, request, error(400, "BAD_USER_INPUT", "Body is not JSON"));
    }
    if (!request.getMethod().equals("POST") || !request.getUrl().encodedPath().equals("/graphql")
        || body == null || !body.path("query").isTextual()) {
      return record("?", body, request, error(400, "BAD_USER_INPUT", "Must provide query string."));
    }
    Matcher root = ROOT.matcher(body.path("query").asText());
    String field = root.find() ? root.group(1) : "?";
    JsonNode vars = body.path("variables");
    if (!scripted.isEmpty()) {
      return record(field, vars, request, scripted.remove(0));
    }
    String auth = request.getHeaders().get("Authorization");
    if (!apiKey.equals(auth)) {
      return record(field, vars, request, error(400, "AUTHENTICATION_ERROR",
          "Authentication required, not authenticated"));
    }
    MockResponse answer;
    boolean made = false;
    synchronized (this) {
      switch (field) {
        case "issueCreate" -> {
          answer = create(vars.path("input"));
          made = answer.getCode() == 200 && answer.getBody() != null;
        }
        case "issueUpdate" -> answer = update(vars.path("id").asText(), vars.path("input"));
        case "issue" -> {
          ObjectNode issue = find(vars.path("id").asText());
          answer = issue == null ? notFound("issue") : data("issue", issue);
        }
        case "issues" -> answer = list(vars.path("filter"), vars.path("after").asText(null),
            Math.min(mostPerPage, vars.path("first").asInt(issuesFirst(body.path("query").asText()))));
        case "workflowStates" -> {
          ArrayNode nodes = JSON.createArrayNode();
          if (team.equals(vars.path("filter").path("team").path("id").path("eq").asText(team))) {
            for (int i = 0; i < STATES.length; i++) {
              nodes.add(state(STATES[i][1]).put("position", i));
            }
          }
          answer = data("workflowStates", JSON.createObjectNode().set("nodes", nodes));
        }
        case "users" -> {
          ArrayNode nodes = JSON.createArrayNode();
          String email = vars.path("filter").path("email").path("eq").asText();
          if (users.containsKey(email)) {
            nodes.addObject().put("id", users.get(email)).put("email", email);
          }
          answer = data("users", JSON.createObjectNode().set("nodes", nodes));
        }
        default -> answer = error(400, "GRAPHQL_VALIDATION_FAILED", "Cannot query field \"" + field + "\"");
      }
    }
    record(field, vars, request, answer);
    if (made) {
      hold();
    }
    return answer;
  }

  private void hold() {
    held.holdIfArmed();
  }

  private ObjectNode find(String id) {
    if (issues.containsKey(id)) {
      return issues.get(id);
    }
    return issues.values().stream().filter(i -> i.path("id").asText().equals(id)).findFirst().orElse(null);
  }

  private MockResponse create(JsonNode input) {
    if (!team.equals(input.path("teamId").asText())) {
      return notFound("team");
    }
    if (input.path("title").asText("").isBlank()) {
      return error(400, "INVALID_INPUT", "Argument Validation Error: title should not be empty");
    }
    String identifier = teamKey + "-" + (issues.size() + 1);
    ObjectNode issue = JSON.createObjectNode();
    issue.put("id", UUID.randomUUID().toString());
    issue.put("identifier", identifier);
    issue.put("url", "https://linear.app/acme/issue/" + identifier.toLowerCase() + "/"
        + input.path("title").asText().toLowerCase().replaceAll("[^a-z0-9]+", "-"));
    issue.put("title", input.path("title").asText());
    issue.put("description", input.path("description").asText(""));
    issue.set("state", state("unstarted"));
    issue.set("assignee", null);
    issue.putNull("assignee");
    if (input.hasNonNull("assigneeId")) {
      ObjectNode who = assignee(input.path("assigneeId").asText());
      if (who == null) {
        return notFound("user");
      }
      issue.set("assignee", who);
    }
    issue.put("createdAt", clock.instant().toString());
    issue.put("updatedAt", clock.instant().toString());
    issues.put(identifier, issue);
    return data("issueCreate", JSON.createObjectNode().put("success", true).set("issue", issue.deepCopy()));
  }

  private ObjectNode assignee(String id) {
    return users.entrySet().stream().filter(u -> u.getValue().equals(id)).findFirst()
        .map(u -> JSON.createObjectNode().put("id", u.getValue()).put("email", u.getKey())).orElse(null);
  }

  private MockResponse update(String id, JsonNode input) {
    ObjectNode issue = find(id);
    if (issue == null) {
      return notFound("issue");
    }
    if (input.has("title")) {
      issue.put("title", input.path("title").asText());
    }
    if (input.has("description")) {
      issue.put("description", input.path("description").asText());
    }
    if (input.hasNonNull("stateId")) {
      String type = input.path("stateId").asText().replaceFirst("^state-", "");
      issue.set("state", state(type));
    }
    if (input.hasNonNull("assigneeId")) {
      ObjectNode who = assignee(input.path("assigneeId").asText());
      if (who == null) {
        return notFound("user");
      }
      issue.set("assignee", who);
    }
    issue.put("updatedAt", clock.instant().toString());
    return data("issueUpdate", JSON.createObjectNode().put("success", true).set("issue", issue.deepCopy()));
  }

  /** The {@code first:} written in the query, else Linear's default page of 50. */
  private static int issuesFirst(String query) {
    Matcher m = Pattern.compile("first:\\s*(\\d+)").matcher(query);
    return m.find() ? Integer.parseInt(m.group(1)) : 50;
  }

  /** A page of {@code size} issues, newest change first; the cursor is the last one's id. */
  private MockResponse list(JsonNode filter, String after, int size) {
    String teamId = filter.path("team").path("id").path("eq").asText(team);
    String contains = filter.path("description").path("contains").asText(null);
    Instant since = filter.path("updatedAt").has("gte") ? Instant.parse(filter.path("updatedAt").path("gte").asText())
        : Instant.EPOCH;
    ArrayNode nodes = JSON.createArrayNode();
    issues.values().stream().filter(i -> teamId.equals(team))
        .filter(i -> contains == null || i.path("description").asText().contains(contains))
        .filter(i -> !Instant.parse(i.path("updatedAt").asText()).isBefore(since))
        .sorted(Comparator.comparing((ObjectNode i) -> Instant.parse(i.path("updatedAt").asText())).reversed())
        .forEach(i -> nodes.add(i.deepCopy()));
    int from = 0;
    if (after != null) {
      for (int i = 0; i < nodes.size(); i++) {
        if (nodes.get(i).path("id").asText().equals(after)) {
          from = i + 1;
        }
      }
    }
    ArrayNode page = JSON.createArrayNode();
    for (int i = from; i < Math.min(nodes.size(), from + size); i++) {
      page.add(nodes.get(i));
    }
    ObjectNode result = JSON.createObjectNode();
    result.set("nodes", page);
    result.putObject("pageInfo").put("hasNextPage", from + size < nodes.size())
        .put("endCursor", page.isEmpty() ? null : page.get(page.size() - 1).path("id").asText());
    return data("issues", result);
  }

  private static MockResponse notFound(String what) {
    ObjectNode body = JSON.createObjectNode();
    body.putNull("data");
    body.putArray("errors").addObject().put("message", "Entity not found: " + what).putObject("extensions")
        .put("code", "INVALID_INPUT").put("type", "invalid input")
        .put("userPresentableMessage", "Could not find referenced " + what + ".");
    return json(200, body);
  }

  private static MockResponse error(int status, String code, String message) {
    ObjectNode body = JSON.createObjectNode();
    body.putArray("errors").addObject().put("message", message).putObject("extensions").put("code", code);
    return json(status, body);
  }

  private static MockResponse data(String field, JsonNode value) {
    ObjectNode body = JSON.createObjectNode();
    body.putObject("data").set(field, value);
    return json(200, body);
  }

  private static MockResponse json(int code, JsonNode body) {
    return new MockResponse.Builder().code(code).addHeader("Content-Type", "application/json; charset=utf-8")
        .addHeader("X-RateLimit-Requests-Limit", "5000").body(body.toString()).build();
  }

  private MockResponse record(String field, JsonNode vars, RecordedRequest request, MockResponse response) {
    calls.add(new Call(field, vars == null ? null : vars.deepCopy(), request.getHeaders().get("Authorization"),
        response.getCode()));
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
