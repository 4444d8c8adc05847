package dev.candor.trackers.github;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.candor.hooks.WebhookTransport;
import dev.candor.trackers.IssueDraft;
import dev.candor.trackers.IssueText;
import dev.candor.trackers.Tracker;
import dev.candor.trackers.TrackerBusy;
import dev.candor.trackers.TrackerIssue;
import dev.candor.trackers.TrackerRefused;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * GitHub Issues through its REST API ({@code X-GitHub-Api-Version: 2022-11-28}), with a token. An issue's key is
 * {@code owner/name#number}. GitHub's answers are read as its documentation gives them: 401 a token it refuses;
 * 403 or 429 with {@code Retry-After} or {@code x-ratelimit-remaining: 0} a rate limit (waited out); 5xx a passing
 * failure; any other 4xx ({@code 404}, {@code 410}, {@code 422 Validation Failed}) a call it will not take. An
 * owner GitHub cannot assign (422 on {@code assignees}) is left unassigned rather than losing the issue.
 */
public final class GitHubIssues implements Tracker {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** How long to wait when GitHub limits the rate but says not until when (its docs: at least a minute). */
  static final Duration UNSAID_WAIT = Duration.ofMinutes(1);
  /** How many pages of changed issues one poll reads at most. */
  static final int MOST_PAGES = 10;

  private final WebhookTransport http;
  private final URI api;
  private final String repo;
  private final String token;
  /** The logins Candor assigns (GITHUB_USERS): on an update, only these give way to the owner's. */
  private final Set<String> candorLogins;

  /** {@code api}: {@code https://api.github.com}; {@code repo}: {@code owner/name}. */
  public GitHubIssues(WebhookTransport http, URI api, String repo, String token) {
    this(http, api, repo, token, Set.of());
  }

  /** {@code candorLogins}: the logins owners may have (GITHUB_USERS' values). */
  public GitHubIssues(WebhookTransport http, URI api, String repo, String token, Set<String> candorLogins) {
    this.http = http;
    this.api = api;
    this.repo = repo;
    this.token = token;
    this.candorLogins = Set.copyOf(candorLogins);
  }

  @Override
  public String id() {
    return "github";
  }

  @Override
  public String name() {
    return "GitHub";
  }

  @Override
  public Optional<TrackerIssue> find(String marker) {
    // the list, not the search API: search is indexed later, and an issue made a moment ago must be found
    JsonNode issues = call("GET", "/repos/" + repo + "/issues?labels=" + IssueText.LABEL
        + "&state=all&sort=created&direction=desc&per_page=100", null, "look for an issue already made");
    for (JsonNode issue : issues) {
      if (!issue.has("pull_request") && issue.path("body").asText("").contains(marker)) {
        return Optional.of(issue(issue));
      }
    }
    return Optional.empty();
  }

  @Override
  public TrackerIssue create(IssueDraft draft) {
    ObjectNode body = fields(draft);
    try {
      return issue(call("POST", "/repos/" + repo + "/issues", body.toString(), "make an issue"));
    } catch (TrackerRefused e) {
      if (draft.assignee().isPresent() && e.getMessage().contains("assignees")) {
        body.remove("assignees");
        return issue(call("POST", "/repos/" + repo + "/issues", body.toString(), "make an issue"));
      }
      throw e;
    }
  }

  /**
   * Rewrites the issue from the follow-up, keeping what people added in GitHub: labels other than Candor's
   * ({@code candor}, {@code level: …}) and assignees other than the logins Candor assigns stay.
   */
  @Override
  public void update(TrackerIssue issue, IssueDraft draft) {
    String path = "/repos/" + repo + "/issues/" + number(issue.key());
    JsonNode now = call("GET", path, null, "read issue " + issue.key());
    ObjectNode body = fields(draft);
    ArrayNode labels = body.putArray("labels");
    now.path("labels").forEach(l -> {
      String name = l.path("name").asText();
      if (!name.equals(IssueText.LABEL) && !name.startsWith(IssueText.LEVEL_LABEL)) {
        labels.add(name);
      }
    });
    draft.labels().forEach(labels::add);
    ArrayNode assignees = body.putArray("assignees");
    now.path("assignees").forEach(a -> {
      String login = a.path("login").asText();
      if (!candorLogins.contains(login) && !draft.assignee().map(login::equals).orElse(false)) {
        assignees.add(login);
      }
    });
    draft.assignee().ifPresent(assignees::add);
    body.put("state", draft.open() ? "open" : "closed");
    if (!draft.open()) {
      body.put("state_reason", draft.dropped() ? "not_planned" : "completed");
    }
    try {
      call("PATCH", path, body.toString(), "update issue " + issue.key());
    } catch (TrackerRefused e) {
      if (draft.assignee().isPresent() && e.getMessage().contains("assignees")) {
        body.remove("assignees"); // the owner cannot be assigned: the issue keeps whom it had
        call("PATCH", path, body.toString(), "update issue " + issue.key());
        return;
      }
      throw e;
    }
  }

  @Override
  public Optional<IssueState> state(String key) {
    JsonNode issue;
    try {
      issue = call("GET", "/repos/" + repo + "/issues/" + number(key), null, "read issue " + key);
    } catch (TrackerRefused e) {
      if (e.credentials()) {
        throw e;
      }
      return Optional.empty(); // gone (404, 410): nothing to bring back
    }
    return Optional.of(state(issue));
  }

  private IssueState state(JsonNode issue) {
    boolean open = "open".equals(issue.path("state").asText());
    Optional<String> by = open ? Optional.empty()
        : Optional.ofNullable(issue.path("closed_by").path("login").asText(null));
    return new IssueState(key(issue.path("number").asLong()), open, by,
        Instant.parse(issue.path("updated_at").asText()));
  }

  /**
   * The {@code candor} issues updated since {@code since}, oldest change first: every page of them, following the
   * {@code Link} header's {@code rel="next"} as GitHub's docs ask (on GitHub's own host only, where the token goes), at
   * most {@link #MOST_PAGES} pages of 100; what is left is the next poll's, from the last change read.
   */
  @Override
  public List<IssueState> changedSince(Instant since) {
    URI url = URI.create(api + "/repos/" + repo + "/issues?labels=" + IssueText.LABEL + "&state=all&sort=updated"
        + "&direction=asc&per_page=100&since=" + URLEncoder.encode(since.toString(), StandardCharsets.UTF_8));
    List<IssueState> out = new ArrayList<>();
    for (int page = 0; page < MOST_PAGES; page++) {
      Page issues = send("GET", url, null, "list the issues changed since " + since);
      for (JsonNode issue : issues.json()) {
        if (!issue.has("pull_request")) {
          out.add(state(issue));
        }
      }
      if (issues.next().isEmpty() || !sameSite(issues.next().get())) {
        break;
      }
      url = issues.next().get();
    }
    return out;
  }

  private boolean sameSite(URI url) {
    return api.getScheme().equalsIgnoreCase(url.getScheme()) && api.getHost().equalsIgnoreCase(url.getHost())
        && api.getPort() == url.getPort();
  }

  private ObjectNode fields(IssueDraft draft) {
    ObjectNode body = JSON.createObjectNode();
    body.put("title", draft.title());
    body.put("body", draft.body());
    draft.labels().forEach(body.putArray("labels")::add);
    var assignees = body.putArray("assignees");
    draft.assignee().ifPresent(assignees::add);
    return body;
  }

  private TrackerIssue issue(JsonNode issue) {
    return new TrackerIssue(id(), key(issue.path("number").asLong()), issue.path("html_url").asText());
  }

  /** The key of issue {@code number} of the repository. */
  public String key(long number) {
    return repo + "#" + number;
  }

  private static String number(String key) {
    return key.substring(key.lastIndexOf('#') + 1);
  }

  private JsonNode call(String method, String path, String body, String what) {
    return send(method, URI.create(api + path), body, what).json();
  }

  /** One answer's JSON, and the next page's URL where GitHub's {@code Link} header gives one. */
  private record Page(JsonNode json, Optional<URI> next) {}

  private Page send(String method, URI url, String body, String what) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Accept", "application/vnd.github+json");
    headers.put("Authorization", "Bearer " + token);
    headers.put("X-GitHub-Api-Version", "2022-11-28");
    WebhookTransport.Answer answer;
    try {
      answer = http.send(method, url, headers, body);
    } catch (IOException e) {
      throw new TrackerBusy(Duration.ZERO, "GitHub gave no answer to " + what + ": " + e.getMessage());
    }
    JsonNode said = read(answer.body());
    String message = said.path("message").asText("");
    if (answer.ok()) {
      if (said.isMissingNode()) {
        throw new TrackerBusy(Duration.ZERO, "GitHub's answer to " + what + " could not be read");
      }
      return new Page(said, answer.next());
    }
    if (answer.status() == 401) {
      throw new TrackerRefused(true, "401 " + message);
    }
    boolean limited = answer.status() == 429 || answer.status() == 403
        && (answer.retryAfter().isPresent() || message.toLowerCase(java.util.Locale.ROOT).contains("rate limit"));
    if (limited || answer.temporary()) {
      Duration wait = answer.retryAfter().orElse(limited ? UNSAID_WAIT : Duration.ZERO);
      throw new TrackerBusy(wait, "GitHub answered " + answer.status() + " to " + what
          + (message.isEmpty() ? "" : ": " + message));
    }
    List<String> fields = new ArrayList<>();
    said.path("errors").forEach(e -> fields.add(e.path("field").asText(e.asText())));
    throw new TrackerRefused(false, answer.status() + " " + message + (fields.isEmpty() ? "" : " " + fields)
        + " to " + what);
  }

  /** The answer's JSON; an empty object for no body, a missing node for one that is not JSON (or was cut). */
  private static JsonNode read(String body) {
    try {
      return body == null || body.isBlank() ? JSON.createObjectNode() : JSON.readTree(body);
    } catch (JsonProcessingException e) {
      return MissingNode.getInstance();
    }
  }

  @Override
  public String toString() {
    return "GitHubIssues[" + repo + ", token hidden]";
  }
}
