package dev.candor.paging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.candor.incident.Incident;
import dev.candor.jobs.Job;
import dev.candor.store.JdbcIncidentRepository;
import dev.candor.store.JdbcJobStore;
import dev.candor.testing.Eventually;
import dev.candor.testing.FakePagerDuty;
import dev.candor.testing.FakePagerDuty.Event;
import dev.candor.testing.FakeSlack;
import dev.candor.testing.RunningCandor;
import dev.candor.testing.TestClock;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Paging through PagerDuty's Events API v2, through the real server with signed Slack requests, against a fake
 * PagerDuty written from its documentation: a declaration at CANDOR_PAGE_AT pages and a resolution resolves, with one
 * dedup_key per incident; a severity raised past the threshold pages then (once); /incident page pages a named service;
 * a throttled event is retried; a key PagerDuty refuses is said once in the channel and holds nothing else up.
 */
class PagingIT {
  static final String ON_CALL_KEY = "R0ncallR0ncallR0ncallR0ncall0001";
  static final String PAYMENTS_KEY = "Paym3ntsPaym3ntsPaym3ntsPaym3nt2";
  @TempDir Path dir;
  TestClock clock = TestClock.at("2026-12-01T12:00:00Z");
  FakePagerDuty pagerDuty = new FakePagerDuty(ON_CALL_KEY, PAYMENTS_KEY);
  RunningCandor candor;
  FakeSlack slack;

  void start(String routingKey) {
    Map<String, String> env = new HashMap<>(Map.of("CANDOR_JOBS_POLL", "1s", "CANDOR_STATUS_REMINDER", "3650d",
        "PAGERDUTY_ROUTING_KEY", routingKey, "CANDOR_PAGE_AT", "sev2", "PAGERDUTY_SERVICES",
        "payments=" + PAYMENTS_KEY, "PAGERDUTY_EVENTS_URL", pagerDuty.eventsUrl()));
    candor = RunningCandor.start(dir, env, clock);
    slack = candor.slack;
    slack.keepPostsInNewChannels();
    slack.addChannel("CGENERAL", "general", false, false, "UALICE", "UBOB");
  }

  @AfterEach
  void stop() {
    if (candor != null) {
      candor.close();
    }
    pagerDuty.close();
  }

  Incident declare(String text) {
    candor.requests.command("UALICE", "CGENERAL", text);
    String channel = slack.await("conversations.invite").param("channel");
    return new JdbcIncidentRepository(candor.candor.database().dataSource()).byChannel(channel).orElseThrow();
  }

  String command(Incident incident, String text) {
    return candor.requests.command("UALICE", incident.channelId(), text).text();
  }

  /** Waits for the incident channel's post containing {@code words}, and answers its text. */
  String posted(Incident incident, String words) {
    return slack.await("chat.postMessage", c -> incident.channelId().equals(c.param("channel"))
        && c.param("text").contains(words)).param("text");
  }

  long postsSaying(Incident incident, String words) {
    return slack.calls("chat.postMessage").stream()
        .filter(c -> incident.channelId().equals(c.param("channel")) && c.param("text").contains(words)).count();
  }

  void awaitAccepted(int n) {
    Eventually.await(() -> pagerDuty.accepted().size() >= n, n + " events accepted: " + pagerDuty.events());
  }

  @Test
  void declaringAtTheThreshold_pages_andResolvingResolves_withOneDedupKey() {
    start(ON_CALL_KEY);
    Incident incident = declare("declare checkout errors sev2");
    awaitAccepted(1);
    Event trigger = pagerDuty.accepted().get(0);
    assertEquals("trigger", trigger.action());
    assertEquals(ON_CALL_KEY, trigger.routingKey());
    assertEquals("candor-" + incident.id().toString().toLowerCase(), trigger.dedupKey());
    assertEquals("error", trigger.severity());
    assertEquals(incident.id() + " SEV2: checkout errors", trigger.summary());
    assertEquals("candor", trigger.json().path("payload").path("source").asText());
    String said = posted(incident, "Paged the on-call through PagerDuty");
    assertTrue(said.contains("PagerDuty answered success") && said.contains("Event processed")
        && said.contains(trigger.dedupKey()), said);

    command(incident, "resolve all clear");
    awaitAccepted(2);
    Event resolve = pagerDuty.accepted().get(1);
    assertEquals("resolve", resolve.action());
    assertEquals(trigger.dedupKey(), resolve.dedupKey());
    assertEquals(ON_CALL_KEY, resolve.routingKey());
    posted(incident, "Resolved the PagerDuty page to the on-call");
    candor.awaitJobsIdle();
    assertEquals(2, pagerDuty.events().size(), pagerDuty.events().toString());
  }

  @Test
  void belowTheThreshold_noPage_untilTheSeverityIsRaisedPastIt_thenOnce() {
    start(ON_CALL_KEY);
    Incident incident = declare("declare slow search sev3");
    slack.await("conversations.setTopic", c -> incident.channelId().equals(c.param("channel")));
    candor.awaitJobsIdle();
    assertEquals(List.of(), pagerDuty.events(), "sev3 pages no one");

    command(incident, "sev 1");
    awaitAccepted(1);
    assertEquals("critical", pagerDuty.accepted().get(0).severity());
    posted(incident, "Paged the on-call");
    command(incident, "sev 2");
    command(incident, "status identified bad index");
    posted(incident, "bad index");
    candor.awaitJobsIdle();
    assertEquals(1, pagerDuty.events().size(), "paged once: " + pagerDuty.events());
  }

  @Test
  void pagingByHand_pagesTheNamedService_andAnUnknownOneIsExplained() {
    start(ON_CALL_KEY);
    Incident incident = declare("declare slow search sev4");
    String unknown = command(incident, "page billing-team help");
    assertTrue(unknown.contains("billing-team") && unknown.contains("payments") && unknown.contains("oncall"), unknown);

    String reply = command(incident, "page payments the card db is on fire");
    assertTrue(reply.contains("Paging payments"), reply);
    awaitAccepted(1);
    Event page = pagerDuty.accepted().get(0);
    assertEquals(PAYMENTS_KEY, page.routingKey());
    assertEquals(incident.id() + " SEV4: slow search — the card db is on fire", page.summary());
    String said = posted(incident, "Paged payments");
    assertTrue(said.contains("<@UALICE>"), "says who asked: " + said);

    command(incident, "resolve fixed");
    awaitAccepted(2);
    assertEquals(List.of("trigger", "resolve"), pagerDuty.accepted().stream().map(Event::action).toList());
    assertEquals(PAYMENTS_KEY, pagerDuty.accepted().get(1).routingKey());
  }

  @Test
  void aThrottledEvent_isRetriedAfterItsRetryAfter_andSaidOnce() {
    start(ON_CALL_KEY);
    pagerDuty.failNext(FakePagerDuty.throttled(5));
    Incident incident = declare("declare checkout errors sev1");
    Eventually.await(() -> pagerDuty.events().size() == 1, "the throttled trigger");
    var store = new JdbcJobStore(candor.candor.database().dataSource(), clock);
    Eventually.await(() -> store.list(Paging.prefix(incident.id())).get(0).attempts() == 1, "its failed run recorded");
    clock.advance(Duration.ofSeconds(31));
    awaitAccepted(1);
    posted(incident, "Paged the on-call");
    candor.awaitJobsIdle();
    assertEquals(List.of(429, 202), pagerDuty.events().stream().map(Event::answered).toList());
    assertEquals(1, postsSaying(incident, "Paged the on-call"));
  }

  @Test
  void aRefusedKey_isSaidOnceInTheChannel_andHoldsNothingUp() {
    start("Unkn0wnUnkn0wnUnkn0wnUnkn0wn0003");
    Incident incident = declare("declare checkout errors sev1");
    String said = posted(incident, "PagerDuty refused the page to the on-call");
    assertTrue(said.contains("400") && said.contains("Invalid routing key"), said);
    var store = new JdbcJobStore(candor.candor.database().dataSource(), clock);
    Eventually.await(() -> store.list(Paging.prefix(incident.id())).get(0).status() == Job.Status.FAILED,
        "the refused page given up");

    command(incident, "status identified bad deploy");
    posted(incident, "bad deploy");
    command(incident, "resolve all clear");
    posted(incident, "all clear");
    candor.awaitJobsIdle();
    assertEquals(1, pagerDuty.events().size(), "nothing to resolve: the refused trigger paged no one");
    assertEquals(1, postsSaying(incident, "PagerDuty refused"), "said once");
    assertFalse(said.contains("Unkn0wn"), "the key is never said: " + said);
  }
}
