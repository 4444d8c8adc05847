package dev.candor.insights;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.candor.followup.FollowUp;
import dev.candor.incident.Incident;
import dev.candor.incident.IncidentId;
import dev.candor.incident.IncidentState;
import dev.candor.store.JdbcFollowUpRepository;
import dev.candor.store.JdbcIncidentRepository;
import dev.candor.store.JdbcPostmortemRepository;
import dev.candor.testing.Eventually;
import dev.candor.testing.FakeSlack;
import dev.candor.testing.RunningCandor;
import dev.candor.testing.SlackEvents;
import dev.candor.testing.SlackPayloads;
import dev.candor.testing.TestClock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A record of incidents made as people make it: every declaration, message, mitigation, resolution, post-mortem
 * decision and follow-up sent to the real server as Slack sends it (signed), on a {@link TestClock} that the script
 * moves, so the same script always makes the same record. What the insights tests read, and what the README's
 * screenshot shows.
 *
 * <p>The scripted five (from Monday 2026-10-05, 09:00 UTC): INC-1 sev1 (its post-mortem held, facilitated by Carol;
 * a process and a software follow-up, the latter done; one blaming message nudged), INC-2 sev3 (no post-mortem
 * needed, for a reason naming Bob; a software follow-up), INC-3 sev2 (closed with no post-mortem: skipped; a
 * software follow-up), INC-4 sev4 (cancelled), INC-5 sev2 (still open; a blaming message nudged the week after it was declared). The clock ends at 2026-10-26
 * 09:00 UTC.
 */
public final class SampleIncidents {
  public static final Instant START = Instant.parse("2026-10-05T09:00:00Z");
  public static final Instant END = Instant.parse("2026-10-26T09:00:00Z");
  public static final String ALICE = "UALICE";
  public static final String BOB = "UBOB";
  public static final String CAROL = "UCAROL";
  public static final String DAN = "UDAN";
  public static final List<String> PEOPLE = List.of(ALICE, BOB, CAROL, DAN);
  public static final String NOT_NEEDED = "same cause as INC-1; @bob covered it with <@UBOB>'s fix";

  private final RunningCandor candor;
  private final FakeSlack slack;
  private final TestClock clock;
  private final JdbcIncidentRepository incidents;
  private final JdbcFollowUpRepository followUps;
  private final JdbcPostmortemRepository postmortems;
  private int declared;
  private int messages;

  private SampleIncidents(RunningCandor candor, TestClock clock) {
    this.candor = candor;
    this.slack = candor.slack;
    this.clock = clock;
    var data = candor.candor.database().dataSource();
    this.incidents = new JdbcIncidentRepository(data);
    this.followUps = new JdbcFollowUpRepository(data);
    this.postmortems = new JdbcPostmortemRepository(data);
  }

  /** The settings the sample's Candor runs with. */
  public static Map<String, String> settings() {
    return Map.of("CANDOR_JOBS_POLL", "1s", "CANDOR_STATUS_REMINDER", "30d", "CANDOR_POSTMORTEM_PROMPT_AFTER", "30d",
        "CANDOR_FOLLOWUP_LEVELS_AFTER", "30d");
  }

  /** A clock at {@link #START} for {@link RunningCandor#start(java.nio.file.Path, Map, java.time.Clock)}. */
  public static TestClock clock() {
    return new TestClock(START);
  }

  /** Plays the scripted five into {@code candor} (started on {@code clock} with {@link #settings()}). */
  public static void script(RunningCandor candor, TestClock clock) {
    new SampleIncidents(candor, clock).scripted();
  }

  /** Where {@link #quarter}'s clock starts: Monday 2026-07-06, 09:00 UTC. */
  public static final Instant QUARTER_START = Instant.parse("2026-07-06T09:00:00Z");

  /**
   * {@code more} incidents over the thirteen weeks from {@link #QUARTER_START} (of every severity, with their
   * messages, times, post-mortems and follow-ups drawn from a fixed seed), then the scripted five: a record that
   * looks like a team's quarter. {@code candor} runs on {@code clock}, at {@link #QUARTER_START}.
   */
  public static void quarter(RunningCandor candor, TestClock clock, int more) {
    SampleIncidents s = new SampleIncidents(candor, clock);
    s.slack.addChannel("CGENERAL", "general", false, false, ALICE, BOB, CAROL, DAN);
    s.generated(more);
    clock.set(START);
    s.scripted();
  }

  private void scripted() {
    if (slack.channel("CGENERAL") == null) {
      slack.addChannel("CGENERAL", "general", false, false, ALICE, BOB, CAROL, DAN);
    }
    int k = declared; // INC-(k+1) to INC-(k+5)
    // INC-1, sev1, week of Oct 5: nudged once, post-mortem held, a process follow-up and a software one (done)
    String one = declare(ALICE, "checkout errors sev1", k + 1);
    say(one, BOB, "errors spiking on checkout since the 08:55 deploy");
    say(one, DAN, "who broke prod?");
    slack.await("chat.postEphemeral", c -> one.equals(c.param("channel")), Duration.ofSeconds(15));
    say(one, BOB, "rolling back the deploy now");
    clock.advance(Duration.ofMinutes(18));
    change(one, "mitigated traffic back to normal", k + 1, null);
    clock.advance(Duration.ofMinutes(52));
    change(one, "resolve rolled back the config change", k + 1, IncidentState.RESOLVED);
    schedule(k + 1, LocalDate.of(2026, 10, 7), "14:00", CAROL);
    followUp(one, k + 1, BOB, "2026-10-20", "add a canary stage to the deploy pipeline #process");
    followUp(one, k + 1, DAN, "2026-10-12", "guard the null price in checkout #software");
    done(k + 1, DAN);

    // INC-2, sev3, week of Oct 12: not needed (a reason that names Bob), a software follow-up
    clock.set(Instant.parse("2026-10-13T10:00:00Z"));
    String two = declare(BOB, "search slow sev3", k + 2);
    say(two, BOB, "p95 search latency is 4s");
    say(two, CAROL, "index rebuild is running");
    clock.advance(Duration.ofHours(2));
    change(two, "mitigated rebuild finished", k + 2, null);
    clock.advance(Duration.ofHours(1));
    change(two, "resolve latency normal", k + 2, IncidentState.RESOLVED);
    notNeeded(k + 2, BOB, NOT_NEEDED);
    followUp(two, k + 2, BOB, "2026-10-30", "raise the search timeout alert #software");

    // INC-3, sev2, same week: closed without a post-mortem (skipped), a software follow-up
    clock.set(Instant.parse("2026-10-14T15:00:00Z"));
    String three = declare(ALICE, "login failures sev2", k + 3);
    say(three, DAN, "token service returns 500s");
    clock.advance(Duration.ofMinutes(30));
    change(three, "mitigated failed over to the standby", k + 3, null);
    clock.advance(Duration.ofMinutes(30));
    change(three, "resolve primary healthy again", k + 3, IncidentState.RESOLVED);
    followUp(three, k + 3, DAN, "2026-11-02", "retry the token fetch once #software");
    closeAnyway(three, k + 3, ALICE);

    // INC-4, sev4: cancelled, counted apart
    String four = declare(DAN, "disk alert sev4", k + 4);
    change(four, "cancel false alarm from a flaky probe", k + 4, IncidentState.CANCELLED);

    // INC-5, sev2, week of Oct 19: still open
    clock.set(Instant.parse("2026-10-21T11:00:00Z"));
    String five = declare(CAROL, "billing delay sev2", k + 5);
    say(five, CAROL, "invoices are 2h behind");

    // the week after: INC-5 still open, a blaming message nudged; counted in this week, not INC-5's first
    clock.set(END);
    say(five, DAN, "who broke billing?");
    slack.await("chat.postEphemeral", c -> five.equals(c.param("channel")), Duration.ofSeconds(15));
    settle();
  }

  private void generated(int more) {
    Random random = new Random(17);
    String[] titles = {"api latency", "payment retries", "queue backlog", "cache misses", "deploy stuck",
        "webhook failures", "dns errors", "slow reports", "email delays", "search errors"};
    String[] levels = {"#organization", "#culture", "#process", "#engineering", "#software", "#software"};
    List<String> chatter = List.of("looking at the dashboards", "error rate is climbing", "rolled back",
        "who approved this change?", "checking the logs", "it looks better now", "adding more capacity",
        "you should have tested this", "the alert fired at 09:02", "customers report timeouts");
    int n = 0;
    for (int i = 0; i < more; i++) {
      clock.set(QUARTER_START.plus(Duration.ofHours((long) i * 12 * 7 * 24 / Math.max(1, more))));
      n++;
      String user = PEOPLE.get(random.nextInt(PEOPLE.size()));
      int sev = new int[] {3, 3, 3, 2, 2, 4, 4, 1}[random.nextInt(8)];
      String channel = declare(user, titles[random.nextInt(titles.length)] + " sev" + sev, n);
      int said = 2 + random.nextInt(5);
      for (int m = 0; m < said; m++) {
        say(channel, PEOPLE.get(random.nextInt(PEOPLE.size())), chatter.get(random.nextInt(chatter.size())));
        clock.advance(Duration.ofMinutes(1 + random.nextInt(4)));
      }
      clock.advance(Duration.ofMinutes((long) (5 * sev + random.nextInt(40 * sev))));
      change(channel, "mitigated", n, null);
      clock.advance(Duration.ofMinutes((long) (10 + random.nextInt(90 * sev))));
      change(channel, "resolve", n, IncidentState.RESOLVED);
      int pm = random.nextInt(10);
      if (pm < 5) {
        LocalDate day = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).plusDays(2);
        schedule(n, day, "15:00", CAROL);
      } else if (pm < 8) {
        notNeeded(n, user, List.of("known issue, tracked already", "a one-off vendor outage",
            "same cause as last week's").get(random.nextInt(3)));
      }
      int count = random.nextInt(3);
      for (int f = 0; f < count; f++) {
        LocalDate due = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).plusDays(3 + random.nextInt(20));
        followUp(channel, n, PEOPLE.get(random.nextInt(PEOPLE.size())), due.toString(),
            "follow-up " + (f + 1) + " of this incident " + levels[random.nextInt(levels.length)]);
      }
      if (pm == 9 && count == 0) {
        closeAnyway(channel, n, user);
      }
    }
    settle();
  }

  /**
   * Waits until the job runner has run all that is due and found nothing more, as {@link RunningCandor#awaitJobsIdle}
   * does, for longer: a clock moved by weeks makes many reminders and member reads due at once.
   */
  private void settle() {
    var jobs = candor.candor.jobs();
    long begun = jobs.passesBegun();
    jobs.wake();
    Eventually.await(() -> jobs.lastIdlePass() > begun, "the job runner to run what is due", Duration.ofMinutes(3));
  }

  /** {@code who} declares {@code text} in #general; answers the new incident's channel. */
  private String declare(String who, String text, int number) {
    assertEquals(200, candor.requests.command(who, "CGENERAL", "declare " + text).status());
    Eventually.await(() -> incident(number) != null, "INC-" + number + " declared");
    declared = number;
    String channel = incident(number).channelId();
    for (String person : PEOPLE) {
      slack.channel(channel).members.add(person);
    }
    return channel;
  }

  private Incident incident(int number) {
    return incidents.byId(new IncidentId(number)).orElse(null);
  }

  private void say(String channel, String who, String text) {
    messages++;
    String ts = String.format("%d.%06d", clock.instant().getEpochSecond(), messages);
    candor.heard(SlackEvents.message(channel, ts, who, text));
  }

  /** {@code /incident <words>} in the incident's channel, then waits for the change to be stored. */
  private void change(String channel, String words, int number, IncidentState then) {
    long version = incident(number).version();
    assertEquals(200, candor.requests.command(incident(number).roles().commander(), channel, words).status());
    Eventually.await(() -> incident(number).version() > version
        && (then == null || incident(number).state() == then), "INC-" + number + ": " + words);
  }

  private void followUp(String channel, int number, String owner, String due, String titleAndLevel) {
    int before = followUps.forIncident(new IncidentId(number)).size();
    assertEquals(200, candor.requests.command(incident(number).roles().commander(), channel,
        "followup <@" + owner + "|" + owner.substring(1).toLowerCase() + "> " + due + " " + titleAndLevel).status());
    Eventually.await(() -> followUps.forIncident(new IncidentId(number)).size() > before,
        "a follow-up of INC-" + number);
  }

  private void done(int number, String owner) {
    FollowUp f = followUps.forIncident(new IncidentId(number)).stream().filter(u -> owner.equals(u.owner()))
        .findFirst().orElseThrow();
    candor.requests.interaction(SlackPayloads.button(slack, owner, "followup_done", Long.toString(f.id()),
        "done-" + f.id()));
    Eventually.await(() -> followUps.byId(f.id()).orElseThrow().status() == FollowUp.Status.DONE,
        "follow-up " + f.id() + " done");
  }

  private void schedule(int number, LocalDate date, String time, String facilitator) {
    Map<String, Object> values = new LinkedHashMap<>();
    Map<String, Object> who = new LinkedHashMap<>();
    who.put("type", "users_select");
    who.put("selected_user", facilitator);
    values.put("facilitator", Map.of("value", who));
    values.put("date", Map.of("value", Map.of("type", "datepicker", "selected_date", date.toString())));
    values.put("time", Map.of("value", Map.of("type", "timepicker", "selected_time", time)));
    values.put("length", Map.of("value", Map.of("type", "static_select",
        "selected_option", Map.of("text", Map.of("type", "plain_text", "text", "1 h"), "value", "60"))));
    values.put("attendees", Map.of("value", Map.of("type", "multi_users_select", "selected_users", List.of())));
    values.put("where", text("Room 4"));
    candor.requests.interaction(submission(incident(number).roles().commander(), "postmortem_schedule_form",
        number + "|UTC|0", values));
    Eventually.await(() -> postmortems.find(new IncidentId(number)).map(p -> p.scheduledMeeting().isPresent())
        .orElse(false), "INC-" + number + "'s post-mortem scheduled");
  }

  private void notNeeded(int number, String who, String reason) {
    candor.requests.interaction(submission(who, "postmortem_not_needed_form", Integer.toString(number),
        Map.of("reason", text(reason))));
    Eventually.await(() -> postmortems.find(new IncidentId(number))
        .map(p -> p.decision() == dev.candor.postmortem.Decision.NOT_NEEDED).orElse(false),
        "INC-" + number + ": no post-mortem needed");
  }

  private void closeAnyway(String channel, int number, String who) {
    candor.requests.command(who, channel, "close");
    candor.requests.interaction(SlackPayloads.buttonInChannel(slack, who, channel, "postmortem_close_anyway",
        "INC-" + number, "close-" + number));
    Eventually.await(() -> incident(number).state() == IncidentState.CLOSED, "INC-" + number + " closed");
  }

  private static Map<String, Object> text(String value) {
    Map<String, Object> v = new LinkedHashMap<>();
    v.put("type", "plain_text_input");
    v.put("value", value);
    return Map.of("value", v);
  }

  private static Map<String, Object> submission(String user, String callback, String metadata,
      Map<String, Object> values) {
    return Map.of("type", "view_submission", "team", Map.of("id", FakeSlack.TEAM, "domain", "candor-test"),
        "user", Map.of("id", user, "name", user.toLowerCase(), "team_id", FakeSlack.TEAM), "api_app_id", "ACANDOR",
        "token", "deprecated", "trigger_id", "trig-view",
        "view", Map.of("id", "VPM", "team_id", FakeSlack.TEAM, "type", "modal", "callback_id", callback,
            "private_metadata", metadata, "hash", "h1", "state", Map.of("values", values)));
  }

  /** How many incidents were declared. */
  int declared() {
    return declared;
  }
}
