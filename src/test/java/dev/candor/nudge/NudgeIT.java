package dev.candor.nudge;

import static dev.candor.testing.SlackEvents.envelope;
import static dev.candor.testing.SlackEvents.newEventId;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.candor.incident.Incident;
import dev.candor.store.JdbcIncidentRepository;
import dev.candor.store.JdbcNudgeStore;
import dev.candor.store.JdbcTimelineStore;
import dev.candor.testing.Eventually;
import dev.candor.testing.FakeSlack;
import dev.candor.testing.RunningCandor;
import dev.candor.testing.SlackEvents;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Private nudges through the real server: to the author only, once per cooldown, switchable, in threads. */
class NudgeIT {
  static final String BLAME = "you should have tested this in staging first";
  @TempDir Path dir;
  RunningCandor candor;
  FakeSlack slack;
  Incident incident;
  long ts = 1_700_000_000L;

  @BeforeEach
  void start() {
    candor = RunningCandor.start(dir);
    slack = candor.slack;
    slack.addChannel("CGENERAL", "general", false, false, "UALICE", "UBOB", "UCAROL");
    candor.requests.command("UALICE", "CGENERAL", "declare checkout errors sev2");
    String channel = slack.await("conversations.invite").param("channel");
    slack.await("conversations.setTopic");
    incident = new JdbcIncidentRepository(candor.candor.database().dataSource()).byChannel(channel).orElseThrow();
  }

  @AfterEach
  void stop() {
    candor.close();
  }

  private String say(String user, String text) {
    String at = (++ts) + ".000100";
    send(SlackEvents.message(incident.channelId(), at, user, text));
    return at;
  }

  private void send(Map<String, Object> event) {
    assertEquals(200, candor.requests.event(envelope(newEventId(), event), Map.of()).status());
  }

  private List<FakeSlack.Call> ephemeralsTo(String user) {
    return slack.calls("chat.postEphemeral").stream().filter(c -> user.equals(c.param("user"))).toList();
  }

  /** Lets everything sent so far be judged: a blaming marker from someone else gets its own note. */
  private void settle(String markerUser) throws InterruptedException {
    say(markerUser, "who broke prod? " + ts);
    slack.await("chat.postEphemeral", c -> markerUser.equals(c.param("user")));
    Thread.sleep(300);
  }

  @Test
  void aBlamingMessage_getsExactlyOneEphemeral_toItsAuthorOnly_withARewriteAndAWhy() throws Exception {
    say("UBOB", BLAME);
    var note = slack.await("chat.postEphemeral", c -> "UBOB".equals(c.param("user")));
    assertEquals(incident.channelId(), note.param("channel"));
    assertTrue(note.param("text").contains("try: "), note.param("text"));
    assertTrue(note.json("blocks").contains("Why am I seeing this?"), note.json("blocks"));
    assertTrue(note.json("blocks").contains("nudge_not_blame"), "a [Not blame] button");
    settle("UCAROL");
    assertEquals(1, ephemeralsTo("UBOB").size());
    assertTrue(slack.calls("chat.postMessage").stream().noneMatch(c -> c.param("text").contains("try: ")),
        "never public");
    assertTrue(ephemeralsTo("UALICE").isEmpty(), "never to anyone else");
  }

  /**
   * The nudges' two threads never sleep long on Slack: two notes answered 429 with a Retry-After of 20 s (which the
   * waiting gateway slept through, holding both threads) are dropped at once, and a third author's note goes out
   * within seconds.
   */
  @Test
  void twoRateLimitedNotes_holdNeitherNudgeThread_theNextNoteGoesOutAtOnce() {
    for (String user : List.of("UBOB", "UALICE")) {
      slack.script("chat.postEphemeral", c -> user.equals(c.param("user")), new MockResponse.Builder()
          .code(429).addHeader("Retry-After", "20").addHeader("Content-Type", "application/json")
          .body("{\"ok\":false,\"error\":\"ratelimited\"}").build());
    }
    say("UBOB", BLAME);
    say("UALICE", "who broke prod? it was bob");
    slack.await("chat.postEphemeral", c -> "UBOB".equals(c.param("user")));
    slack.await("chat.postEphemeral", c -> "UALICE".equals(c.param("user")));

    long began = System.nanoTime();
    say("UCAROL", BLAME);
    slack.await("chat.postEphemeral", c -> "UCAROL".equals(c.param("user")), Duration.ofSeconds(8));
    assertTrue(System.nanoTime() - began < 8_000_000_000L, "not behind the rate-limited notes");
    assertEquals(1, ephemeralsTo("UBOB").size(), "a Retry-After of 20 s is not waited out: the note is dropped");
    assertEquals(1, ephemeralsTo("UALICE").size());
  }

  @Test
  void theNudge_quotesTheWordsAsTyped_withAMentionAsThePersonsName_neverTheirId() {
    slack.displayName("UCAROL", "carol.w");
    say("UBOB", "<@UCAROL> broke prod again &amp; again");
    var note = slack.await("chat.postEphemeral", c -> "UBOB".equals(c.param("user")));
    assertFalse(note.param("text").contains("&lt;@"), note.param("text"));
    assertFalse(note.param("text").contains("UCAROL"), note.param("text"));
    assertTrue(note.param("text").contains("\"@carol.w broke"), note.param("text"));
  }

  @Test
  void aMentionOfSomeoneWithoutADisplayName_isQuotedByTheirFullName() {
    say("UBOB", "<@UDAVE> broke prod again");
    var note = slack.await("chat.postEphemeral", c -> "UBOB".equals(c.param("user")));
    // the fake Slack's full name for UDAVE is "Person UDAVE"
    assertFalse(note.param("text").contains("\"@UDAVE"), note.param("text"));
    assertTrue(note.param("text").contains("\"@Person UDAVE broke"), note.param("text"));
  }

  @Test
  void hardNegatives_getNothing() throws Exception {
    say("UBOB", "the 14:02 deploy broke the build, rolling it back");
    say("UBOB", "who is on call for payments?");
    say("UBOB", "the cache should have expired after 5 min");
    say("UBOB", "log says `ERROR failed to connect: human error budget` again");
    send(SlackEvents.botMessage(incident.channelId(), (++ts) + ".000100", "BALERT", BLAME));
    settle("UCAROL");
    assertTrue(ephemeralsTo("UBOB").isEmpty(), slack.describe());
  }

  @Test
  void theCooldown_holds_perPersonPerChannel_forNudgesAndSupportAlike() throws Exception {
    say("UBOB", BLAME);
    slack.await("chat.postEphemeral", c -> "UBOB".equals(c.param("user")));
    say("UBOB", "my fault, sorry everyone, i pushed the wrong config");
    say("UBOB", "who broke prod");
    settle("UCAROL");
    assertEquals(1, ephemeralsTo("UBOB").size());
    assertEquals(1, ephemeralsTo("UCAROL").size());
  }

  @Test
  void selfBlame_getsSupport_notARewrite() {
    say("UBOB", "my fault, sorry everyone, i pushed the wrong config");
    var note = slack.await("chat.postEphemeral", c -> "UBOB".equals(c.param("user")));
    assertFalse(note.param("text").contains("try:"), note.param("text"));
    assertTrue(note.param("text").contains("not a verdict on you"), note.param("text"));
    assertFalse(note.json("blocks").contains("nudge_not_blame"));
  }

  @Test
  void aThreadReply_isAnsweredInTheThread() {
    String parent = say("UALICE", "looking at the db");
    send(SlackEvents.reply(incident.channelId(), (++ts) + ".000100", parent, "UBOB", BLAME));
    var note = slack.await("chat.postEphemeral", c -> "UBOB".equals(c.param("user")));
    assertEquals(parent, note.param("thread_ts"));
  }

  @Test
  void anEditedMessage_isJudgedAgain() {
    String at = say("UBOB", "tested in staging first, looks fine");
    send(SlackEvents.edit(incident.channelId(), at, (++ts) + ".000100", "UBOB", "tested in staging first, looks fine",
        BLAME));
    slack.await("chat.postEphemeral", c -> "UBOB".equals(c.param("user")));
  }

  @Test
  void nudgesOffAndOn_areAnnouncedInTheChannel_andRespected() throws Exception {
    var off = candor.requests.command("UALICE", incident.channelId(), "nudges off");
    assertEquals(200, off.status());
    slack.await("chat.postMessage", c -> c.param("text").contains("*off*"));
    say("UBOB", BLAME);
    say("UCAROL", "who broke prod");
    String marker = say("UALICE", "marker");
    awaitRecorded(marker);
    Thread.sleep(500);
    assertTrue(slack.calls("chat.postEphemeral").isEmpty(), slack.describe());

    candor.requests.command("UALICE", incident.channelId(), "nudges on");
    slack.await("chat.postMessage", c -> c.param("text").contains("*on*"));
    say("UBOB", BLAME);
    slack.await("chat.postEphemeral", c -> "UBOB".equals(c.param("user")));
    var again = candor.requests.command("UALICE", incident.channelId(), "nudges on");
    assertTrue(again.text().contains("already on"), again.text());
  }

  @Test
  void notBlame_isCountedForTheRule_withNoTextAndNoPerson_oncePerNudge() {
    say("UBOB", BLAME);
    var note = slack.await("chat.postEphemeral", c -> "UBOB".equals(c.param("user")));
    String blocks = note.json("blocks");
    String value = blocks.replaceAll("(?s).*\"action_id\":\"nudge_not_blame\".*?\"value\":\"([^\"]+)\".*", "$1");
    assertTrue(value.matches("[a-z0-9-]+:[0-9a-f-]{36}"), value);
    String rule = value.substring(0, value.indexOf(':'));
    assertEquals(200, candor.requests.interaction(notBlame(value, "nb")).status());
    var replaced = slack.await("response_url", c -> "nb".equals(c.param("id")));
    assertTrue(replaced.body().contains("replace_original"), replaced.body());
    assertTrue(replaced.body().contains("Thanks"), replaced.body());
    var counts = new JdbcNudgeStore(candor.candor.database().dataSource()).counts();
    var row = counts.stream().filter(c -> c.ruleId().equals(rule)).findFirst().orElseThrow();
    assertEquals(1, row.notBlame());
    assertEquals(1, row.shown());

    assertEquals(200, candor.requests.interaction(notBlame(value, "nb2")).status()); // a double click
    var again = slack.await("response_url", c -> "nb2".equals(c.param("id")));
    assertTrue(again.body().contains("Already noted"), again.body());
    row = new JdbcNudgeStore(candor.candor.database().dataSource()).counts().stream()
        .filter(c -> c.ruleId().equals(rule)).findFirst().orElseThrow();
    assertEquals(1, row.notBlame(), "the same nudge counts once");
  }

  private Map<String, Object> notBlame(String value, String responseId) {
    return Map.of("type", "block_actions", "team", Map.of("id", FakeSlack.TEAM),
        "user", Map.of("id", "UBOB", "name", "bob"), "api_app_id", "ACANDOR", "token", "deprecated",
        "trigger_id", "trig-" + responseId, "response_url", slack.responseUrl(responseId),
        "container", Map.of("type", "message", "is_ephemeral", true, "channel_id", incident.channelId()),
        "channel", Map.of("id", incident.channelId(), "name", "x"),
        "actions", List.of(Map.of("action_id", "nudge_not_blame", "block_id", "b", "value", value, "type", "button",
            "action_ts", "1700000000.2")));
  }

  private void awaitRecorded(String messageTs) throws InterruptedException {
    var store = new JdbcTimelineStore(candor.candor.database().dataSource());
    long start = System.nanoTime();
    long end = start + Eventually.DEFAULT.toNanos();
    while (System.nanoTime() < end) {
      if (store.entries(incident.id()).stream().anyMatch(e -> e.ts().equals(messageTs))) {
        Eventually.tookLong(start, Eventually.DEFAULT, "message " + messageTs + " in the timeline");
        return;
      }
      Thread.sleep(20);
    }
    throw new AssertionError("message " + messageTs + " never reached the timeline");
  }
}
