package dev.candor.trackers.linear;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.candor.hooks.WebhookTransport;
import dev.candor.trackers.IssueDraft;
import dev.candor.trackers.Tracker;
import dev.candor.trackers.TrackerBusy;
import dev.candor.trackers.TrackerIssue;
import dev.candor.trackers.TrackerRefused;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Linear through its GraphQL API, with a personal API key in {@code Authorization} (no {@code Bearer}: that is for
 * OAuth tokens). An issue's key is its identifier ({@code ENG-123}). Issues go into one team; closing one moves it to
 * the team's first state of type {@code completed} (done) or {@code canceled} (dropped), and reopening it to the
 * first {@code unstarted} one. The level and the due date are in the description (labels would need the team's label
 * ids made first). The owner is the assignee where Linear knows their email ({@code LINEAR_USERS}).
 *
 * <p>Answers are read as Linear documents them: errors in a 200 answer are errors; {@code RATELIMITED} (HTTP 400)
 * waits until {@code X-RateLimit-Requests-Reset}, else a minute; {@code AUTHENTICATION_ERROR} or 401 is a key it
 * refuses; 5xx and no answer are passing failures; any other error a call it will not take.
 */
public final class LinearIssues implements Tracker {
  private static final ObjectMapper JSON = new ObjectMapper();
  static final Duration UNSAID_WAIT = Duration.ofMinutes(1);
  /** How many pages of changed issues one poll reads at most. */
  static final int MOST_PAGES = 10;
  /** The visible mark's start in a description (Linear keeps no HTML comments): how Candor finds its issues. */
  static final String MARK = "candor-follow-up:";
  private static final String FIELDS = "id identifier url updatedAt state { id type } assignee { id email }";

  private final WebhookTransport http;
  private final URI api;
  private final String team;
  private final String key;
  private final Map<String, Optional<String>> userIds = new ConcurrentHashMap<>();
  private volatile Map<String, String> states;

  /** {@code api}: {@code https://api.linear.app/graphql}; {@code team}: the team's id. */
  public LinearIssues(WebhookTransport http, URI api, String team, String key) {
    this.http = http;
    this.api = api;
    this.team = team;
    this.key = key;
  }

  @Override
  public String id() {
    return "linear";
  }

  @Override
  public String name() {
    return "Linear";
  }

  /** The team's id. */
  public String team() {
    return team;
  }

  /**
   * The mark Candor leaves in a Linear description: the follow-up's mark as visible text (Linear keeps no HTML
   * comments), ended with {@code ;} so that follow-up 7's mark is not found in follow-up 70's issue.
   */
  static String visible(String marker) {
    return marker.replace("<!--", "").replace("-->", "").strip() + ";";
  }

  @Override
  public Optional<TrackerIssue> find(String marker) {
    ObjectNode filter = teamFilter();
    filter.putObject("description").put("contains", visible(marker));
    JsonNode nodes = call("query CandorFind($filter: IssueFilter) { issues(filter: $filter, first: 5, "
        + "includeArchived: true) { nodes { " + FIELDS + " } } }", vars("filter", filter),
        "look for an issue already made").path("issues").path("nodes");
    return nodes.size() == 0 ? Optional.empty() : Optional.of(issue(nodes.get(0)));
  }

  @Override
  public TrackerIssue create(IssueDraft draft) {
    ObjectNode input = JSON.createObjectNode();
    input.put("teamId", team);
    input.put("title", draft.title());
    input.put("description", description(draft));
    draft.assignee().flatMap(this::userId).ifPresent(id -> input.put("assigneeId", id));
    JsonNode made = call("mutation CandorCreate($input: IssueCreateInput!) { issueCreate(input: $input) { success "
        + "issue { " + FIELDS + " } } }", vars("input", input), "make an issue").path("issueCreate");
    if (!made.path("success").asBoolean() || !made.path("issue").isObject()) {
      throw new TrackerBusy(Duration.ZERO, "Linear did not say it made the issue");
    }
    return issue(made.path("issue"));
  }

  /**
   * Rewrites the issue from the follow-up: its title and description; its state only when open or closed changes
   * (a state people chose that is still open, or still closed, stays); its assignee only to the owner Linear knows.
   */
  @Override
  public void update(TrackerIssue issue, IssueDraft draft) {
    JsonNode now = read(issue.key()).orElseThrow(() -> new TrackerRefused(false, "issue " + issue.key() + " is gone"));
    ObjectNode input = JSON.createObjectNode();
    input.put("title", draft.title());
    input.put("description", description(draft));
    boolean open = isOpen(now.path("state").path("type").asText());
    if (open != draft.open()) {
      String type = draft.open() ? "unstarted" : draft.dropped() ? "canceled" : "completed";
      input.put("stateId", state(type, draft.open() ? "started" : "completed"));
    } else if (!draft.open() && draft.dropped() != "canceled".equals(now.path("state").path("type").asText())) {
      input.put("stateId", state(draft.dropped() ? "canceled" : "completed", "completed"));
    }
    draft.assignee().flatMap(this::userId).ifPresent(id -> input.put("assigneeId", id));
    JsonNode done = call("mutation CandorUpdate($id: String!, $input: IssueUpdateInput!) { issueUpdate(id: $id, "
        + "input: $input) { success } }", vars("id", now.path("id").asText(issue.key())).set("input", input),
        "update issue " + issue.key()).path("issueUpdate");
    if (!done.path("success").asBoolean()) {
      throw new TrackerBusy(Duration.ZERO, "Linear did not say it updated issue " + issue.key());
    }
  }

  @Override
  public Optional<IssueState> state(String key) {
    return read(key).map(LinearIssues::state);
  }

  private Optional<JsonNode> read(String key) {
    try {
      JsonNode issue = call("query CandorIssue($id: String!) { issue(id: $id) { " + FIELDS + " } }", vars("id", key),
          "read issue " + key).path("issue");
      return issue.isObject() ? Optional.of(issue) : Optional.empty();
    } catch (TrackerRefused e) {
      if (e.credentials() || !e.getMessage().toLowerCase(Locale.ROOT).contains("not found")) {
        throw e;
      }
      return Optional.empty(); // deleted: nothing to bring back
    }
  }

  private static IssueState state(JsonNode issue) {
    return new IssueState(issue.path("identifier").asText(), isOpen(issue.path("state").path("type").asText()),
        Optional.empty(), Instant.parse(issue.path("updatedAt").asText()));
  }

  static boolean isOpen(String stateType) {
    return !stateType.equals("completed") && !stateType.equals("canceled");
  }

  /**
   * The team's issues carrying Candor's mark updated since {@code since}, oldest change first: every page of them
   * (Linear lists the newest first, so all pages are read before the poll's watermark moves), at most
   * {@link #MOST_PAGES} pages of 100.
   */
  @Override
  public List<IssueState> changedSince(Instant since) {
    ObjectNode filter = teamFilter();
    filter.putObject("updatedAt").put("gte", since.toString());
    filter.putObject("description").put("contains", MARK);
    List<IssueState> out = new ArrayList<>();
    String after = null;
    for (int page = 0; page < MOST_PAGES; page++) {
      ObjectNode vars = vars("filter", filter);
      if (after != null) {
        vars.put("after", after);
      }
      JsonNode issues = call("query CandorChanged($filter: IssueFilter, $after: String) { issues(filter: $filter, "
          + "first: 100, after: $after, orderBy: updatedAt) { nodes { " + FIELDS + " } pageInfo { hasNextPage "
          + "endCursor } } }", vars, "list the issues changed since " + since).path("issues");
      issues.path("nodes").forEach(n -> out.add(state(n)));
      JsonNode pageInfo = issues.path("pageInfo");
      if (!pageInfo.path("hasNextPage").asBoolean() || !pageInfo.path("endCursor").isTextual()) {
        break;
      }
      after = pageInfo.path("endCursor").asText();
    }
    out.sort(Comparator.comparing(IssueState::updatedAt));
    return out;
  }

  private ObjectNode teamFilter() {
    ObjectNode filter = JSON.createObjectNode();
    filter.putObject("team").putObject("id").put("eq", team);
    return filter;
  }

  /**
   * The body, with the follow-up's mark made visible (Linear keeps no HTML comments in a description), and the owner
   * named by their email, not as a GitHub {@code @login}.
   */
  static String description(IssueDraft draft) {
    String body = draft.body().replace(draft.marker(), visible(draft.marker()));
    return draft.assignee().map(email -> body.replace("**Owner:** @" + email, "**Owner:** " + email)).orElse(body);
  }

  /** The id of the team's first workflow state of {@code type} (else of {@code fallback}), by position. */
  private String state(String type, String fallback) {
    Map<String, String> byType = states;
    if (byType == null) {
      JsonNode nodes = call("query CandorStates($filter: WorkflowStateFilter) { workflowStates(filter: $filter, "
          + "first: 100) { nodes { id type position } } }", vars("filter", teamFilter()),
          "read the team's workflow states").path("workflowStates").path("nodes");
      List<JsonNode> sorted = new ArrayList<>();
      nodes.forEach(sorted::add);
      sorted.sort(Comparator.comparingDouble(n -> n.path("position").asDouble()));
      Map<String, String> found = new LinkedHashMap<>();
      sorted.forEach(n -> found.putIfAbsent(n.path("type").asText(), n.path("id").asText()));
      byType = found;
      states = found;
    }
    String id = byType.getOrDefault(type, byType.get(fallback));
    if (id == null) {
      throw new TrackerRefused(false, "the team has no workflow state of type " + type);
    }
    return id;
  }

  /** The Linear user with {@code email}, if Linear knows one (asked once). */
  private Optional<String> userId(String email) {
    Optional<String> known = userIds.get(email);
    if (known != null) {
      return known;
    }
    ObjectNode filter = JSON.createObjectNode();
    filter.putObject("email").put("eq", email);
    JsonNode nodes = call("query CandorUser($filter: UserFilter) { users(filter: $filter) { nodes { id email } } }",
        vars("filter", filter), "find the user with an owner's email").path("users").path("nodes");
    Optional<String> id = nodes.size() == 0 ? Optional.empty() : Optional.of(nodes.get(0).path("id").asText());
    userIds.put(email, id);
    return id;
  }

  private TrackerIssue issue(JsonNode issue) {
    return new TrackerIssue(id(), issue.path("identifier").asText(), issue.path("url").asText());
  }

  private static ObjectNode vars(String name, Object value) {
    ObjectNode vars = JSON.createObjectNode();
    if (value instanceof JsonNode node) {
      vars.set(name, node);
    } else {
      vars.put(name, value.toString());
    }
    return vars;
  }

  private JsonNode call(String query, ObjectNode variables, String what) {
    ObjectNode request = JSON.createObjectNode();
    request.put("query", query);
    request.set("variables", variables);
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Authorization", key);
    headers.put("Content-Type", "application/json");
    WebhookTransport.Answer answer;
    try {
      answer = http.send("POST", api, headers, request.toString());
    } catch (IOException e) {
      throw new TrackerBusy(Duration.ZERO, "Linear gave no answer to " + what + ": " + e.getMessage());
    }
    JsonNode said = parse(answer.body());
    JsonNode errors = said.path("errors");
    if (answer.ok() && errors.isMissingNode() && said.path("data").isObject()) {
      return said.path("data");
    }
    List<String> codes = new ArrayList<>();
    List<String> messages = new ArrayList<>();
    errors.forEach(e -> {
      codes.add(e.path("extensions").path("code").asText(""));
      messages.add(e.path("message").asText(""));
    });
    String message = "Linear answered " + answer.status() + " to " + what
        + (messages.isEmpty() ? "" : ": " + String.join("; ", messages));
    if (codes.contains("RATELIMITED") || answer.status() == 429) {
      throw new TrackerBusy(answer.retryAfter().orElse(UNSAID_WAIT), message);
    }
    if (answer.status() == 401 || codes.contains("AUTHENTICATION_ERROR")) {
      throw new TrackerRefused(true, message);
    }
    if (answer.temporary() || said.isMissingNode() || answer.ok() && errors.isMissingNode()) {
      throw new TrackerBusy(answer.retryAfter().orElse(Duration.ZERO), message);
    }
    throw new TrackerRefused(false, message);
  }

  private static JsonNode parse(String body) {
    try {
      return body == null || body.isBlank() ? MissingNode.getInstance() : JSON.readTree(body);
    } catch (JsonProcessingException e) {
      return MissingNode.getInstance();
    }
  }

  @Override
  public String toString() {
    return "LinearIssues[" + team + ", key hidden]";
  }
}
