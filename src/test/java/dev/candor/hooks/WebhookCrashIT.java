package dev.candor.hooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.candor.testing.CandorProcess;
import dev.candor.testing.Eventually;
import dev.candor.testing.FakeSlack;
import dev.candor.testing.FakeWebhookReceiver;
import dev.candor.testing.FakeWebhookReceiver.Delivery;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * At least once across a crash: the packaged jar in a child JVM is killed with SIGKILL while the receiver holds its
 * first webhook open (received, not answered); started again on the same database, Candor resumes the job and the
 * receiver gets the declaration again, with the same webhook-id and body, signed, and then the change made after the
 * restart, in order.
 */
class WebhookCrashIT {
  static final Duration WAIT = Duration.ofSeconds(60);
  @TempDir Path dir;
  FakeSlack fake;
  FakeWebhookReceiver receiver;
  CandorProcess candor;

  @AfterEach
  void cleanUp() throws InterruptedException {
    if (candor != null) {
      candor.close();
    }
    receiver.close();
    fake.close();
  }

  @Test
  @Timeout(value = 240, unit = TimeUnit.SECONDS) // two starts and a resumed delivery, at most
  void aWebhookInFlightWhenCandorIsKilled_isDeliveredAfterTheRestart_withTheSameId() throws Exception {
    fake = new FakeSlack();
    fake.addChannel("CGENERAL", "general", false, false, "UALICE", "UBOB");
    receiver = new FakeWebhookReceiver(Clock.systemUTC());
    candor = CandorProcess.in(fake, dir, Map.of("CANDOR_JOBS_POLL", "1s", "CANDOR_JOBS_LEASE", "2s",
        "CANDOR_STATUS_REMINDER", "3650d", "CANDOR_WEBHOOK_URLS", receiver.url("/hooks"),
        "CANDOR_WEBHOOK_SECRET", FakeWebhookReceiver.SECRET));
    receiver.holdNext();
    candor.start("first");
    candor.requests().command("UALICE", "CGENERAL", "declare checkout errors sev2");
    assertTrue(receiver.awaitHeld(WAIT), "the declaration's webhook reached the receiver");

    candor.kill9();
    receiver.release();
    candor.start("after-kill");
    Eventually.await(() -> receiver.accepted().size() == 1, "the declaration delivered after the restart", WAIT);
    String channel = fake.calls("conversations.invite").get(0).param("channel");
    candor.requests().command("UALICE", channel, "sev 1");
    Eventually.await(() -> receiver.accepted().size() == 2, "the severity delivered", WAIT);

    List<Delivery> all = receiver.deliveries();
    Delivery held = all.get(0);
    Delivery delivered = receiver.accepted().get(0);
    assertEquals("incident.declared", held.type());
    assertEquals(held.id(), delivered.id(), "the resumed delivery has the id of the one in flight: " + all);
    assertEquals(held.body(), delivered.body());
    assertTrue(held.verified() && delivered.verified(), "both signed: " + all);
    assertEquals(List.of("incident.declared", "incident.severity"),
        receiver.accepted().stream().map(Delivery::type).toList());
    for (Delivery d : all) {
      assertEquals(List.of(), WebhookSchema.problems(d.json()), d.body());
    }
  }
}
