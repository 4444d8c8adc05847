package dev.candor.trackers.jira;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
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
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Jira Cloud through its REST API v3, with an account's email and API token (Basic auth). Issues go into one project
 * as Tasks; an issue's key is Jira's ({@code OPS-12}). The description is Atlassian Document Format, a paragraph per
 * line of the body. Labels: {@code candor}, {@code candor-level-<level>} and the follow-up's own
 * ({@code candor-INC-3-7}), by which a sync that may have made the issue finds it. Closing is the first transition to
 * a status of category {@code done} (for a Drop, one named like cancel or won't do, if there is one); reopening the
 * first to category {@code new}, else {@code indeterminate}. 401 is a token it refuses; 429 and 5xx wait
 * ({@code Retry-After}, else a minute for 429); any other 4xx a call it will not take.
 */
public final class JiraIssues implements Tracker {
  private static final ObjectMapper JSON = new ObjectMapper();
  static final Duration UNSAID_WAIT = Duration.ofMinutes(1);
  /** How many pages of changed issues one poll reads at most. */
  static final int MOST_PAGES = 10;
  private static final DateTimeFormatter JIRA_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ");

  private final WebhookTransport http;
  private final URI site;
  private final String project;
  private final String auth;
  private final Clock clock;
  private final Map<String, Optional<String>> accounts = new ConcurrentHashMap<>();

  /** {@code site}: {@code https://acme.atlassian.net}; {@code credentials}: {@code email:api-token}. */
  public JiraIssues(WebhookTransport http, URI site, String project, String credentials, Clock clock) {
    this.http = http;
    this.site = site;
    this.project = project;
    this.auth = "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8));
    this.clock = clock;
  }

  @Override
  public String id() {
    return "jira";
  }

  @Override
  public String name() {
    return "Jira";
  }

  /** The follow-up's own label, from its mark ({@code <!-- candor-follow-up:INC-3:7 -->}: {@code candor-INC-3-7}). */
  static String markLabel(String marker) {
    String inner = marker.replace("<!--", "").replace("-->", "").strip().replace("candor-follow-up:", "");
    return "candor-" + inner.replaceAll("[^A-Za-z0-9]+", "-");
  }

  @Override
  public Optional<TrackerIssue> find(String marker) {
    JsonNode issues = search("project = \"" + project + "\" AND labels = \"" + markLabel(marker) + "\"",
        "look for an issue already made");
    return issues.size() == 0 ? Optional.empty() : Optional.of(issue(issues.get(0).path("key").asText()));
  }

  @Override
  public TrackerIssue create(IssueDraft draft) {
    ObjectNode fields = fields(draft);
    fields.putObject("project").put("key", project);
    fields.putObject("issuetype").put("name", "Task");
    ObjectNode body = JSON.createObjectNode();
    body.set("fields", fields);
    JsonNode made = call("POST", "/rest/api/3/issue", body.toString(), "make an issue");
    return issue(made.path("key").asText());
  }

  @Override
  public void update(TrackerIssue issue, IssueDraft draft) {
    JsonNode now = call("GET", "/rest/api/3/issue/" + issue.key() + "?fields=status,labels", null,
        "read issue " + issue.key());
    ObjectNode fields = fields(draft);
    ArrayNode labels = (ArrayNode) fields.path("labels");
    now.path("fields").path("labels").forEach(l -> {
      if (!l.asText().startsWith("candor")) {
        labels.add(l.asText());
      }
    });
    ObjectNode body = JSON.createObjectNode();
    body.set("fields", fields);
    call("PUT", "/rest/api/3/issue/" + issue.key(), body.toString(), "update issue " + issue.key());
    JsonNode status = now.path("fields").path("status");
    boolean open = !"done".equals(status.path("statusCategory").path("key").asText());
    boolean droppedNow = !open && dropLike(status.path("name").asText());
    if (open != draft.open()) {
      transition(issue.key(), draft, true);
    } else if (!draft.open() && draft.dropped() != droppedNow) {
      transition(issue.key(), draft, false); // a done follow-up dropped, or the other way: where the workflow allows
    }
  }

  private void transition(String key, IssueDraft draft, boolean needed) {
    JsonNode all = call("GET", "/rest/api/3/issue/" + key + "/transitions", null, "read issue " + key
        + "'s transitions").path("transitions");
    String chosen = null;
    List<String> wanted = draft.open() ? List.of("new", "indeterminate") : List.of("done");
    for (String category : wanted) {
      for (JsonNode t : all) {
        String to = t.path("to").path("statusCategory").path("key").asText();
        boolean dropLike = dropLike(t.path("name").asText() + " " + t.path("to").path("name").asText());
        if (to.equals(category) && (chosen == null || !draft.open() && draft.dropped() && dropLike)) {
          chosen = t.path("id").asText();
        }
      }
      if (chosen != null) {
        break;
      }
    }
    // moving between done and dropped, only a transition of the other flavour will do
    boolean same = chosen != null && !needed && dropLike(nameOf(all, chosen)) != draft.dropped();
    if (chosen == null || same) {
      if (!needed) {
        return; // already closed, and the workflow has no other way to close it
      }
      throw new TrackerRefused(false, "issue " + key + " has no transition to " + wanted);
    }
    ObjectNode body = JSON.createObjectNode();
    body.putObject("transition").put("id", chosen);
    call("POST", "/rest/api/3/issue/" + key + "/transitions", body.toString(), "move issue " + key);
  }

  private static String nameOf(JsonNode transitions, String id) {
    for (JsonNode t : transitions) {
      if (t.path("id").asText().equals(id)) {
        return t.path("name").asText() + " " + t.path("to").path("name").asText();
      }
    }
    return "";
  }

  /** Whether a status (or transition) reads as dropped rather than done: cancel, won't, decline. */
  static boolean dropLike(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    return n.contains("cancel") || n.contains("won't") || n.contains("decline");
  }

  @Override
  public Optional<IssueState> state(String key) {
    try {
      return Optional.of(state(call("GET", "/rest/api/3/issue/" + key + "?fields=status,updated", null,
          "read issue " + key)));
    } catch (TrackerRefused e) {
      if (e.credentials() || !e.getMessage().startsWith("404")) {
        throw e;
      }
      return Optional.empty();
    }
  }

  private static IssueState state(JsonNode issue) {
    JsonNode fields = issue.path("fields");
    boolean open = !"done".equals(fields.path("status").path("statusCategory").path("key").asText());
    return new IssueState(issue.path("key").asText(), open, Optional.empty(),
        OffsetDateTime.parse(fields.path("updated").asText(), JIRA_TIME).toInstant());
  }

  /**
   * The project's {@code candor} issues updated since {@code since}, oldest change first: JQL's dates are in the
   * account's time zone and to the minute, so it asks for a relative span a little longer ({@code updated >= -Nm}) and
   * keeps those updated at or after {@code since}. Every page of them, as {@code /search/jql} pages (its
   * {@code nextPageToken} until {@code isLast}), at most {@link #MOST_PAGES} pages of 100; what is left is the next
   * poll's, from the last change read.
   */
  @Override
  public List<IssueState> changedSince(Instant since) {
    long minutes = Math.max(1, Duration.between(since, clock.instant()).toMinutes() + 2);
    String jql = "project = \"" + project + "\" AND labels = candor AND updated >= -" + minutes + "m "
        + "ORDER BY updated ASC";
    List<IssueState> out = new ArrayList<>();
    String token = null;
    for (int page = 0; page < MOST_PAGES; page++) {
      JsonNode found = search(jql, token, "list the issues changed since " + since);
      found.path("issues").forEach(i -> {
        IssueState s = state(i);
        if (!s.updatedAt().isBefore(since)) {
          out.add(s);
        }
      });
      token = found.path("nextPageToken").asText(null);
      if (token == null || token.isEmpty() || found.path("isLast").asBoolean(false)) {
        break;
      }
    }
    out.sort(Comparator.comparing(IssueState::updatedAt));
    return out;
  }

  private JsonNode search(String jql, String what) {
    return search(jql, null, what).path("issues");
  }

  /** One page of a JQL search: the first, or the one {@code nextPageToken} names. */
  private JsonNode search(String jql, String nextPageToken, String what) {
    ObjectNode body = JSON.createObjectNode();
    body.put("jql", jql);
    body.put("maxResults", 100);
    body.putArray("fields").add("status").add("updated").add("labels");
    if (nextPageToken != null) {
      body.put("nextPageToken", nextPageToken);
    }
    return call("POST", "/rest/api/3/search/jql", body.toString(), what);
  }

  private ObjectNode fields(IssueDraft draft) {
    ObjectNode fields = JSON.createObjectNode();
    fields.put("summary", draft.title());
    fields.set("description", adf(draft.body().replace(draft.marker(), "")));
    ArrayNode labels = fields.putArray("labels");
    labels.add("candor");
    draft.labels().stream().filter(l -> l.startsWith("level: "))
        .forEach(l -> labels.add("candor-level-" + l.substring("level: ".length())));
    labels.add(markLabel(draft.marker()));
    draft.assignee().flatMap(this::accountId).ifPresent(id -> fields.putObject("assignee").put("accountId", id));
    return fields;
  }

  /** The body as Atlassian Document Format: a paragraph per non-empty line, as plain text. */
  static ObjectNode adf(String text) {
    ObjectNode doc = JSON.createObjectNode();
    doc.put("type", "doc");
    doc.put("version", 1);
    ArrayNode content = doc.putArray("content");
    for (String line : text.split("\n")) {
      if (line.isBlank()) {
        continue;
      }
      content.addObject().put("type", "paragraph").putArray("content").addObject().put("type", "text")
          .put("text", line.strip().replace("**", ""));
    }
    return doc;
  }

  private Optional<String> accountId(String email) {
    Optional<String> known = accounts.get(email);
    if (known != null) {
      return known;
    }
    JsonNode found = call("GET", "/rest/api/3/user/search?query=" + URLEncoder.encode(email, StandardCharsets.UTF_8),
        null, "find the user with an owner's email");
    Optional<String> id = Optional.empty();
    for (JsonNode user : found) {
      if (user.path("active").asBoolean(true) && user.path("accountId").isTextual()) {
        id = Optional.of(user.path("accountId").asText());
        break;
      }
    }
    accounts.put(email, id);
    return id;
  }

  private TrackerIssue issue(String key) {
    return new TrackerIssue(id(), key, site + "/browse/" + key);
  }

  private JsonNode call(String method, String path, String body, String what) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Authorization", auth);
    headers.put("Accept", "application/json");
    WebhookTransport.Answer answer;
    try {
      answer = http.send(method, URI.create(site + path), headers, body);
    } catch (IOException e) {
      throw new TrackerBusy(Duration.ZERO, "Jira gave no answer to " + what + ": " + e.getMessage());
    }
    JsonNode said = parse(answer.body());
    if (answer.ok()) {
      if (said.isMissingNode()) {
        throw new TrackerBusy(Duration.ZERO, "Jira's answer to " + what + " could not be read");
      }
      return said;
    }
    List<String> messages = new ArrayList<>();
    said.path("errorMessages").forEach(m -> messages.add(m.asText()));
    said.path("errors").properties().forEach(e -> messages.add(e.getKey() + ": " + e.getValue().asText()));
    String message = answer.status() + " to " + what + (messages.isEmpty() ? "" : ": " + String.join("; ", messages));
    if (answer.status() == 401) {
      throw new TrackerRefused(true, message);
    }
    if (answer.temporary()) {
      throw new TrackerBusy(answer.retryAfter().orElse(answer.status() == 429 ? UNSAID_WAIT : Duration.ZERO),
          "Jira answered " + message);
    }
    throw new TrackerRefused(false, message);
  }

  private static JsonNode parse(String body) {
    try {
      return body == null || body.isBlank() ? JSON.createObjectNode() : JSON.readTree(body);
    } catch (JsonProcessingException e) {
      return MissingNode.getInstance();
    }
  }

  @Override
  public String toString() {
    return "JiraIssues[" + project + ", token hidden]";
  }
}
