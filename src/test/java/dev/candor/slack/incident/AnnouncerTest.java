package dev.candor.slack.incident;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import com.slack.api.methods.MethodsClient;
import com.slack.api.model.block.Blocks;
import com.slack.api.model.block.composition.BlockCompositions;
import dev.candor.jobs.Job;
import dev.candor.jobs.RetryLater;
import dev.candor.slack.platform.SlackGateway;
import dev.candor.slack.platform.SlackJobMessages;
import dev.candor.slack.platform.SlackMessage;
import dev.candor.testing.FakeSlack;
import dev.candor.testing.fakes.InMemorySendLog;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** An announcement job against a fake Slack that keeps what is posted: each part once, whatever the retries. */
class AnnouncerTest {
  static final Instant T0 = Instant.parse("2026-12-01T12:00:00Z");
  static final String KEY = "announce:42:0f6b";
  static final SlackMessage STATUS = new SlackMessage(":memo: *Identified* — update from <@UBOB>",
      List.of(Blocks.section(s -> s.text(BlockCompositions.markdownText(":memo: *Identified* — update from <@UBOB>")))));
  static final SlackMessage RESOLVED = new SlackMessage(":white_check_mark: *INC-42: Checkout* was resolved",
      List.of());
  static final Announcement ANNOUNCEMENT = new Announcement("INC-42", "CINC1", STATUS, "Identified · SEV2",
      new Announcement.Copy("CINCIDENTS", RESOLVED));

  static final ObjectMapper JSON = new ObjectMapper();

  final InMemorySendLog sends = new InMemorySendLog();
  final FakeSlack fake = new FakeSlack();
  final FakeSlack.Channel channel = fake.addChannel("CINC1", "inc-checkout", false, true, "UALICE");
  final FakeSlack.Channel incidents = fake.addChannel("CINCIDENTS", "incidents", false, true);
  final Announcer announcer = new Announcer(new SlackJobMessages(new SlackGateway(client()).once(),
      sends, Clock.fixed(T0, ZoneOffset.UTC)),
      new SlackGateway(client()).once(), incident -> true);

  AnnouncerTest() {
    channel.keepsPosts = true;
    incidents.keepsPosts = true;
  }

  @AfterEach
  void close() {
    fake.close();
  }

  private MethodsClient client() {
    SlackConfig config = new SlackConfig();
    config.setMethodsEndpointUrlPrefix(fake.apiUrl());
    config.setStatsEnabled(false);
    return Slack.getInstance(config).methods("xoxb-test");
  }

  static Job job(Announcement a, int attempts, boolean resumed) {
    return new Job(9, Announcements.KIND, KEY, a.toJson(), T0, attempts, resumed, 1, "runner-1");
  }

  @Test
  void anAnnouncement_postsItsMessage_setsTheTopic_andPostsItsCopy_eachMarkedWithTheJob() {
    announcer.run(job(ANNOUNCEMENT, 0, false));

    List<String> calls = fake.calls().stream().map(c -> c.method() + " " + c.param("channel")).toList();
    assertEquals(List.of("chat.postMessage CINC1", "conversations.setTopic CINC1", "chat.postMessage CINCIDENTS"),
        calls);
    assertEquals(1, channel.fromJob(KEY).size());
    assertEquals(STATUS.text(), channel.fromJob(KEY).get(0).path("text").asText());
    assertTrue(fake.await("chat.postMessage").json("blocks").contains("Identified"));
    assertEquals("Identified · SEV2", channel.topic);
    assertEquals(1, incidents.fromJob(KEY).size());
  }

  @Test
  void aRetry_afterItsMessageWentOutAndTheCopyFailed_postsOnlyTheCopy() {
    // the first run posted the message (Slack keeps it, with the job's metadata), then the copy met a 503
    channel.say("1796126400.000100", null, STATUS.text(), "bot_id", "BCANDOR").set("metadata", JSON.createObjectNode()
        .put("event_type", "candor_job").set("event_payload", JSON.createObjectNode().put("job_id", KEY)
            .put("job_run", "1")));
    sends.begin(job(ANNOUNCEMENT, 0, false), "CINC1", T0); // what the first run recorded before each post
    sends.begin(job(ANNOUNCEMENT, 0, false), "CINCIDENTS", T0);

    announcer.run(job(ANNOUNCEMENT, 1, false));

    assertEquals(List.of("CINCIDENTS"), fake.calls("chat.postMessage").stream().map(c -> c.param("channel")).toList(),
        "only the copy is posted");
    assertEquals(1, channel.fromJob(KEY).size());
    assertEquals(1, incidents.fromJob(KEY).size());
    assertEquals(List.of("CINC1", "CINCIDENTS"),
        fake.calls("conversations.history").stream().map(c -> c.param("channel")).toList(), "it looked in both first");
    assertEquals("Identified · SEV2", channel.topic);
  }

  @Test
  void aTemporaryFailure_retriesTheWholeJob() {
    fake.script("chat.postMessage", FakeSlack.json(503, "{}"));

    RetryLater e = assertThrows(RetryLater.class, () -> announcer.run(job(ANNOUNCEMENT, 0, false)));

    assertEquals("chat.postMessage failed: http_503", e.why());
    assertEquals(List.of(), fake.calls("conversations.setTopic"), "nothing after the part that must be retried");
    assertEquals(0, channel.fromJob(KEY).size());
  }

  @Test
  void aFailureNoRetryMends_givesThatPartUp_andDoesTheRest() {
    fake.script("chat.postMessage", FakeSlack.error("is_archived"));

    announcer.run(job(ANNOUNCEMENT, 0, false));

    assertEquals(0, channel.fromJob(KEY).size());
    assertEquals("Identified · SEV2", channel.topic);
    assertEquals(1, incidents.fromJob(KEY).size());
  }

  @Test
  void aPayloadThatIsNoAnnouncement_isDropped_soItHoldsUpNothing() {
    announcer.run(new Job(9, Announcements.KIND, KEY, "{\"channel\":\"CINC1\"}", T0, 0, false, 1, "runner-1"));

    assertEquals(List.of(), fake.calls().stream().filter(c -> !c.method().equals("auth.test")).toList());
  }

  @Test
  void aRetriedCopy_inAChannelCandorIsNotIn_joinsItToLook_andPostsOnce() {
    incidents.botIsMember = false; // it posted there through chat:write.public
    announcer.run(job(ANNOUNCEMENT, 0, false));
    assertEquals(1, incidents.fromJob(KEY).size());
    assertEquals(List.of(), fake.calls("conversations.join"));

    // the process died before the job was marked done; the resumed run looks in both channels
    announcer.run(job(ANNOUNCEMENT, 1, true));

    assertEquals("CINCIDENTS", fake.await("conversations.join").param("channel"));
    assertEquals(1, incidents.fromJob(KEY).size(), "found after joining, not posted again");
    assertEquals(1, channel.fromJob(KEY).size());
    assertEquals(2, fake.calls("chat.postMessage").size(), fake.describe());
  }
}
