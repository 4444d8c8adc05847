package dev.candor.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import dev.candor.incident.Incident;
import dev.candor.jobs.Job;
import dev.candor.slack.platform.ChannelMembers;
import dev.candor.slack.platform.MemberRefresh;
import dev.candor.slack.platform.SlackGateway;
import dev.candor.store.JdbcIncidentRepository;
import dev.candor.store.JdbcJobStore;
import dev.candor.testing.Eventually;
import dev.candor.testing.FakeSlack;
import dev.candor.testing.RunningCandor;
import dev.candor.testing.SlackEvents;
import dev.candor.testing.TestClock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What looking at incidents costs in Slack calls (issue 14, item 7); not a timed test, and not run by
 * {@code mvn verify}. Run it with {@code mvn -B -q -Pbench test -Dbench=MembershipBenchmark}.
 *
 * <p>The production Candor on SQLite against the fake Slack: {@code bench.incidents} (200) incidents declared
 * through the real server, {@code bench.people} (1,000) people each in a twentieth of their channels, then every
 * person opens App Home once, as signed {@code app_home_opened} events. It counts Slack's calls by method in each
 * phase — declaring (with the seed read of each channel), the hourly read of every channel, the looks — and, in
 * the same run, what the way before (a {@code conversations.members} read per open incident per look) costs for
 * {@code bench.oldPeople} (10) of them. It fails only when someone is shown an incident whose channel they are not
 * in, or not shown one whose channel they are in, never on a count or on speed.
 */
class MembershipBenchmark {
  /** Slack's Tier 4 (conversations.members, views.publish): 100+ calls a minute, per workspace. */
  private static final int TIER4_PER_MINUTE = 100;
  private static final Pattern SHOWN = Pattern.compile("\"action_id\":\"home_post_update\",\"value\":\"(INC-\\d+)\"");

  private final int incidentCount = Integer.getInteger("bench.incidents", 200);
  private final int people = Integer.getInteger("bench.people", 1_000);
  private final int oldPeople = Integer.getInteger("bench.oldPeople", 10);
  /** Each person is in the channels whose number is theirs modulo this: people / groups members a channel. */
  private final int groups = 20;

  @TempDir Path dir;

  @Test
  void appHomeLooks_costNoMemberReads() throws Exception {
    TestClock clock = TestClock.at("2026-12-01T12:00:00Z");
    List<String> out = new ArrayList<>();
    try (RunningCandor candor = RunningCandor.start(dir, Map.of("CANDOR_JOBS_POLL", "1s",
        "CANDOR_STATUS_REMINDER", "30d"), clock)) {
      FakeSlack slack = candor.slack;
      slack.addChannel("CGENERAL", "general", false, false, "UDECLARER");
      JdbcJobStore jobs = new JdbcJobStore(candor.candor.database().dataSource(), clock);
      var repository = new JdbcIncidentRepository(candor.candor.database().dataSource());

      // 1. declare: each channel made, its declarer invited, its members read once (the seed)
      Map<String, Integer> before = byMethod(slack);
      long started = System.nanoTime();
      for (int n = 0; n < incidentCount; n++) {
        candor.requests.command("UDECLARER", "CGENERAL", "declare outage number " + n + " sev3");
      }
      Eventually.await(() -> repository.open().size() == incidentCount, "every incident declared",
          Duration.ofMinutes(5));
      List<Incident> open = repository.open();
      Eventually.await(() -> open.stream().allMatch(i -> jobs.find(MemberRefresh.key(i.channelId()))
          .filter(j -> j.status() == Job.Status.PENDING && j.runAt().isAfter(clock.instant())).isPresent()),
          "every channel's seed read", Duration.ofMinutes(5));
      candor.awaitJobsIdle();
      out.add(String.format(Locale.ROOT, "declared %d incidents in %.1f s; Slack calls: %s", incidentCount,
          (System.nanoTime() - started) / 1e9, diff(before, byMethod(slack))));

      // 2. people join the channels (their events not sent: the hourly read finds them all)
      Map<String, Set<String>> expected = new HashMap<>();
      for (int p = 0; p < people; p++) {
        String person = person(p);
        expected.put(person, new TreeSet<>());
        for (Incident i : open) {
          if (i.id().value() % groups == p % groups) {
            slack.channel(i.channelId()).members.add(person);
            expected.get(person).add(i.id().toString());
          }
        }
      }
      before = byMethod(slack);
      started = System.nanoTime();
      clock.advance(MemberRefresh.EVERY);
      Eventually.await(() -> open.stream().allMatch(i -> jobs.find(MemberRefresh.key(i.channelId()))
          .filter(j -> j.status() == Job.Status.PENDING && j.runAt().equals(clock.instant().plus(MemberRefresh.EVERY)))
          .isPresent()), "every channel read again", Duration.ofMinutes(5));
      candor.awaitJobsIdle();
      Map<String, Integer> refresh = diff(before, byMethod(slack));
      out.add(String.format(Locale.ROOT, "the hourly read of %d channels (%d members each) in %.1f s; Slack calls: %s",
          incidentCount, people / groups + 1, (System.nanoTime() - started) / 1e9, refresh));

      // 3. every person opens App Home once
      before = byMethod(slack);
      int published = slack.calls("views.publish").size();
      started = System.nanoTime();
      ExecutorService senders = Executors.newFixedThreadPool(4);
      for (int p = 0; p < people; p++) {
        String person = person(p);
        senders.execute(() -> candor.requests.event(SlackEvents.envelope(SlackEvents.newEventId(), Map.of(
            "type", "app_home_opened", "user", person, "channel", "D" + person, "tab", "home",
            "event_ts", SlackEvents.newTs(clock.instant()))), Map.of()));
      }
      senders.shutdown();
      senders.awaitTermination(5, TimeUnit.MINUTES);
      Eventually.await(() -> slack.calls("views.publish").size() >= published + people, "every App Home published",
          Duration.ofMinutes(5));
      double lookSeconds = (System.nanoTime() - started) / 1e9;
      Map<String, Integer> looks = diff(before, byMethod(slack));
      out.add(String.format(Locale.ROOT, "%d App Home looks in %.1f s (%.0f a second); Slack calls: %s", people,
          lookSeconds, people / lookSeconds, looks));

      int wrong = 0;
      for (var call : slack.calls("views.publish").subList(published, slack.calls("views.publish").size())) {
        Set<String> shown = new TreeSet<>();
        Matcher m = SHOWN.matcher(call.json("view"));
        while (m.find()) {
          shown.add(m.group(1));
        }
        if (!shown.equals(expected.get(call.param("user_id")))) {
          wrong++;
        }
      }

      // 4. the way before, for a few of them: a conversations.members read per open incident, per look
      SlackConfig config = new SlackConfig();
      config.setMethodsEndpointUrlPrefix(slack.apiUrl());
      config.setStatsEnabled(false);
      SlackGateway gateway = new SlackGateway(Slack.getInstance(config).methods("xoxb-test"), d -> { }, 1);
      int membersBefore = slack.calls("conversations.members").size();
      for (int p = 0; p < oldPeople; p++) {
        for (Incident i : open) {
          ChannelMembers.listsMember(gateway, i.channelId(), person(p));
        }
      }
      double oldPerLook = (slack.calls("conversations.members").size() - membersBefore) / (double) oldPeople;
      out.add(String.format(Locale.ROOT, "the way before (measured on %d looks): %.0f conversations.members calls a "
          + "look, so %,.0f for the %d looks (%.0f minutes of Slack's Tier 4 at %d a minute)", oldPeople, oldPerLook,
          oldPerLook * people, people, oldPerLook * people / TIER4_PER_MINUTE, TIER4_PER_MINUTE));
      out.add(String.format(Locale.ROOT, "now: %d conversations.members calls for the %d looks; %d views.publish (one "
          + "a look, as before); the hourly read: %d conversations.members calls an hour (%.1f a minute, %.0f%% of "
          + "Tier 4)", looks.getOrDefault("conversations.members", 0), people, looks.getOrDefault("views.publish", 0),
          refresh.getOrDefault("conversations.members", 0), refresh.getOrDefault("conversations.members", 0) / 60.0,
          100.0 * refresh.getOrDefault("conversations.members", 0) / 60.0 / TIER4_PER_MINUTE));
      out.add("App Homes showing the wrong incidents: " + wrong + " of " + people);
      out.forEach(System.out::println);
      write(out);
      assertEquals(0, wrong, "every person sees exactly the incidents of the channels they are in");
    }
  }

  private static String person(int p) {
    return String.format("UPERSON%04d", p);
  }

  private static Map<String, Integer> byMethod(FakeSlack slack) {
    Map<String, Integer> counts = new TreeMap<>();
    slack.calls().forEach(c -> counts.merge(c.method(), 1, Integer::sum));
    return counts;
  }

  private static Map<String, Integer> diff(Map<String, Integer> before, Map<String, Integer> after) {
    Map<String, Integer> d = new TreeMap<>();
    after.forEach((method, n) -> {
      int more = n - before.getOrDefault(method, 0);
      if (more > 0) {
        d.put(method, more);
      }
    });
    return d;
  }

  private static void write(List<String> lines) throws IOException {
    Path file = Path.of("target/bench/membership.txt");
    Files.createDirectories(file.getParent());
    Files.write(file, lines);
  }
}
