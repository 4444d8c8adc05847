package dev.candor.trackers.linear;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.candor.followup.FollowUp;
import dev.candor.testing.FakeLinear;
import dev.candor.trackers.TrackerContract;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Follow-ups kept in Linear ({@link TrackerContract}), against a fake Linear written from its GraphQL documentation:
 * the issue in the team with the owner assigned by email and a visible mark; a personal key sent as it is; a
 * RATELIMITED answer waited out until its reset; a signed webhook two minutes old refused as a replay; the team's
 * states asked once.
 */
class LinearIT extends TrackerContract<FakeLinear> {
  static final String TEAM = "9cfb482a-81e3-4154-b5b9-2c805e70a02d";
  static final String KEY = "lin_api_test0123456789abcdef";

  LinearIT() {
    super(new About("Linear", "linear", "LINEAR_WEBHOOK_SECRET", Map.of("LINEAR_API_KEY", "lin_api_revoked"), 400,
        Map.of("LINEAR_TEAM_ID", "0b7e1f2a-3c4d-4e5f-8a9b-0c1d2e3f4a5b"), "zz"));
  }

  @Override
  protected FakeLinear fake(Clock clock) {
    return new FakeLinear(TEAM, "ENG", KEY, clock, "bob@example.com", "carol@example.com");
  }

  @Override
  protected Map<String, String> settings() {
    return Map.of("CANDOR_TRACKER", "linear", "LINEAR_API_KEY", KEY, "LINEAR_TEAM_ID", TEAM, "LINEAR_API_URL",
        fake.apiUrl(), "LINEAR_USERS", "UBOB=bob@example.com,UCAROL=Carol@Example.com,UDANA=dana@example.com");
  }

  @Override
  protected String key(int n) {
    return "ENG-" + n;
  }

  @Override
  protected String title(int n) {
    return fake.issue(key(n)).path("title").asText();
  }

  @Override
  protected String text(int n) {
    return fake.issue(key(n)).path("description").asText();
  }

  @Override
  protected String state(int n) {
    return switch (fake.issue(key(n)).path("state").path("type").asText()) {
      case "completed" -> "done";
      case "canceled" -> "dropped";
      default -> "open";
    };
  }

  @Override
  protected List<String> assignees(int n) {
    JsonNode who = fake.issue(key(n)).path("assignee");
    return who.isObject() ? List.of(who.path("email").asText()) : List.of();
  }

  @Override
  protected String closeIn(int n, String person) {
    return fake.moveTo(key(n), "completed", login(person));
  }

  @Override
  protected String reopenIn(int n, String person) {
    return fake.moveTo(key(n), "unstarted", login(person));
  }

  @Override
  protected String sign(String secret, String body) {
    return FakeLinear.signature(secret, body);
  }

  @Override
  protected int deliver(String url, String body, String signature) {
    return fake.deliver(url, body, signature);
  }

  @Override
  protected int deliverAnotherKind(String url) {
    String comment = "{\"action\":\"create\",\"type\":\"Comment\",\"data\":{},\"webhookTimestamp\":"
        + clock.instant().toEpochMilli() + "}";
    return fake.deliver(url, comment, FakeLinear.signature(SECRET, comment));
  }

  @Override
  protected void rateLimitNext(Duration wait) {
    fake.failNext(FakeLinear.rateLimited(clock.instant().plus(wait)));
  }

  @Override
  protected List<Integer> answered() {
    return fake.calls().stream().map(FakeLinear.Call::answered).toList();
  }

  List<FakeLinear.Call> calls(String field) {
    return fake.calls().stream().filter(c -> c.field().equals(field)).toList();
  }

  @Override
  protected List<String> writes() {
    Map<String, JsonNode> issues = fake.issues();
    List<String> out = new ArrayList<>();
    for (FakeLinear.Call c : fake.calls()) {
      if (c.field().equals("issueCreate")) {
        out.add("create " + (out.stream().filter(w -> w.startsWith("create")).count() + 1));
      } else if (c.field().equals("issueUpdate")) {
        String id = c.variables().path("id").asText();
        out.add("update " + issues.values().stream().filter(i -> i.path("id").asText().equals(id)).findFirst()
            .map(i -> i.path("identifier").asText().replace("ENG-", "")).orElse(id));
      }
    }
    return out;
  }

  @Override
  protected int pollsAsked() {
    return (int) calls("issues").stream().filter(c -> c.variables().path("filter").path("updatedAt").has("gte"))
        .count();
  }

  @Override
  protected long creates() {
    return calls("issueCreate").stream().filter(c -> c.answered() == 200).count();
  }

  @Override
  protected long createsAsked() {
    return calls("issueCreate").size();
  }

  @Override
  protected boolean lookedForItAfterTheCreate() {
    List<String> fields = fake.calls().stream().map(FakeLinear.Call::field).toList();
    return fields.lastIndexOf("issues") > fields.indexOf("issueCreate");
  }

  @Override
  protected void madeAsTheTrackerHasIt(FollowUp f) {
    String body = text(1);
    assertTrue(body.contains(incident.id() + "**: checkout errors"), body);
    assertTrue(body.contains("https://slack.com/app_redirect?channel=" + incident.channelId()), body);
    assertTrue(body.contains("**Due:** 2026-12-15") && body.contains("**Level:** process"), body);
    assertTrue(body.contains("candor-follow-up:" + incident.id() + ":" + f.id()) && !body.contains("<!--"),
        "the mark is visible text, which Linear keeps: " + body);
    assertEquals(fake.userId("bob@example.com"), fake.issue("ENG-1").path("assignee").path("id").asText());
    assertEquals("unstarted", fake.issue("ENG-1").path("state").path("type").asText());
    assertEquals(KEY, calls("issueCreate").get(0).authorization(), "a personal key, as it is: no Bearer");
    assertEquals(TEAM, calls("issueCreate").get(0).variables().path("input").path("teamId").asText());
    assertTrue(fake.issue("ENG-1").path("url").asText().startsWith("https://linear.app/acme/issue/eng-1/"));
    assertEquals(0, calls("issues").size(), "made once, with no look-up needed: " + fake.calls());
  }

  @Override
  protected void refusedToo(String body) {
    clock.advance(Duration.ofMinutes(2));
    assertEquals(401, webhook(body), "signed, but two minutes old: a replay");
  }

  @Override
  protected void editsWrittenAsTheTrackerHasThem() {
    assertEquals(1, calls("workflowStates").size(), "the team's states asked once");
  }
}
