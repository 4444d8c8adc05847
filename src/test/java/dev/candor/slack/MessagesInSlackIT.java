package dev.candor.slack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.candor.followup.FollowUp;
import dev.candor.followup.Level;
import dev.candor.incident.Incident;
import dev.candor.store.JdbcFollowUpRepository;
import dev.candor.store.JdbcIncidentRepository;
import dev.candor.testing.Eventually;
import dev.candor.testing.FakeSlack;
import dev.candor.testing.RunningCandor;
import dev.candor.testing.SignedSlack.Answer;
import dev.candor.testing.SlackEvents;
import dev.candor.testing.SlackLimits;
import dev.candor.testing.SlackPayloads;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every message as people see it in Slack, through the real server with requests signed as Slack signs them,
 * against the fake Slack: placeholders shown as typed, mentions that stay mentions and pings that never happen,
 * a level read from a channel link, resolving as one message, and Slack's limits and escaping on all Candor sends.
 */
class MessagesInSlackIT {
  static final String ALICE = "UALICE";
  static final String BOB = "U0RESP2";

  @TempDir Path dir;
  RunningCandor candor;
  FakeSlack slack;
  JdbcIncidentRepository incidents;
  /** Every answer Candor gave in a command's ack, as Slack received it. */
  final List<Answer> acks = new ArrayList<>();

  @BeforeEach
  void start() {
    candor = RunningCandor.start(dir, Map.of("CANDOR_JOBS_POLL", "1s", "INCIDENTS_CHANNEL", "CINCIDENTS",
        "CANDOR_CALL_URL", "https://meet.example.com/{slug}-{number}"));
    slack = candor.slack;
    slack.addChannel("CGENERAL", "general", false, false, ALICE, BOB);
    slack.addChannel("CINCIDENTS", "incidents", false, true);
    incidents = new JdbcIncidentRepository(candor.candor.database().dataSource());
  }

  @AfterEach
  void stop() {
    candor.close();
  }

  private Answer command(String user, String channel, String text) {
    Answer a = candor.requests.command(user, channel, text);
    assertEquals(200, a.status(), text);
    acks.add(a);
    return a;
  }

  private Incident declare(String text) {
    command(ALICE, "CGENERAL", text);
    String channel = slack.await("conversations.invite").param("channel");
    slack.await("conversations.setTopic", c -> channel.equals(c.param("channel")));
    return incidents.byChannel(channel).orElseThrow();
  }

  private FakeSlack.Call posted(Incident incident, String containing) {
    return slack.await("chat.postMessage", c -> incident.channelId().equals(c.param("channel"))
        && c.param("text").contains(containing));
  }

  @Test
  void help_showsEveryPlaceholderAsTyped_andLeadsWithTheFiveCommandsUsedMidIncident() {
    String help = command(ALICE, "CGENERAL", "help").text();

    assertTrue(help.contains("`/incident role &lt;commander|comms|scribe&gt; &lt;@person&gt;`"), help);
    assertTrue(help.contains("`/incident declare &lt;title&gt; [sev1..sev4]`"), help);
    assertFalse(help.contains("<") || help.contains(">"), "no markup Slack would read as a link: " + help);
    List<String> lines = help.lines().toList();
    List<String> firstFive = lines.subList(2, 7);
    for (String sub : List.of("status", "sev", "role", "note", "resolve")) {
      assertTrue(firstFive.stream().anyMatch(l -> l.startsWith("• `/incident " + sub + " ")), sub + " in " + firstFive);
    }
    assertEquals(List.of(), SlackLimits.messageProblems("help", candor.requests.command(ALICE, "CGENERAL", "help")
        .body()));
  }

  @Test
  void peoplesWords_keepMentionsOfPeopleAndLinksToChannels_butHereChannelEveryoneAndGroupsNeverPing() {
    Incident incident = declare("declare db latency sev2");
    command(ALICE, incident.channelId(), "status <@U0RESP2|alice> and <@U0RESP2> rolled back in "
        + "<#C0DEPLOYS|deploys> <!here> <!channel> <!everyone> <!subteam^S0SRE|@sre> &lt;b&gt; &amp; co");

    var post = posted(incident, "rolled back");
    for (String shown : List.of(post.param("text"), post.json("blocks"))) {
      assertTrue(shown.contains("<@U0RESP2> and <@U0RESP2> rolled back in <#C0DEPLOYS|deploys> @here @channel "
          + "@everyone @sre &lt;b&gt; &amp; co"), shown);
      for (String ping : List.of("<!here", "<!channel", "<!everyone", "<!subteam")) {
        assertFalse(shown.contains(ping), ping + " in " + shown);
      }
    }
    assertEquals(List.of(), SlackLimits.problems(post));
  }

  @Test
  void aFollowUpLevel_isReadFromAChannelLinkNamedAfterIt() {
    Incident incident = declare("declare db latency sev2");
    command(ALICE, incident.channelId(), "followup <@U0RESP2|bob> tomorrow add a pool size alert <#C0ENG|engineering>");
    command(ALICE, incident.channelId(), "followup <@U0RESP2|bob> tomorrow tell <#C0DEPLOYS|deploys>");

    var followUps = new JdbcFollowUpRepository(candor.candor.database().dataSource());
    Eventually.await(() -> followUps.forIncident(incident.id()).size() == 2, "both follow-ups stored");
    List<FollowUp> stored = followUps.forIncident(incident.id());
    FollowUp engineering = stored.stream().filter(f -> f.title().startsWith("add")).findFirst().orElseThrow();
    assertEquals("add a pool size alert", engineering.title());
    assertEquals(Level.ENGINEERING, engineering.level(), "not the default, software");
    FollowUp other = stored.stream().filter(f -> f.title().startsWith("tell")).findFirst().orElseThrow();
    assertEquals("tell <#C0DEPLOYS|deploys>", other.title(), "a link to another channel is part of the title");
    assertEquals(Level.SOFTWARE, other.level());
  }

  @Test
  void resolving_isOneMessage_withThePostmortemButtonsAttached() {
    Incident incident = declare("declare db latency sev2");
    command(ALICE, incident.channelId(), "resolve rolled back the pool change");

    var resolved = posted(incident, "*resolved*");
    assertTrue(resolved.param("text").contains("A post-mortem turns what happened into learning"),
        resolved.param("text"));
    String blocks = resolved.json("blocks");
    assertTrue(blocks.contains("postmortem_schedule") && blocks.contains("postmortem_not_needed")
        && blocks.contains("postmortem_remind_tomorrow"), blocks);
    candor.awaitJobsIdle();
    candor.awaitJobsIdle();
    List<FakeSlack.Call> aboutIt = slack.calls("chat.postMessage").stream()
        .filter(c -> incident.channelId().equals(c.param("channel")))
        .filter(c -> c.param("text").contains("resolved") || c.param("text").contains("post-mortem"))
        .toList();
    assertEquals(1, aboutIt.size(), "one message, not the news and a pitch: " + aboutIt);
  }

  @Test
  void aRoleForSomeoneOutsideTheChannel_invitesThem_andTellsThemWhy() {
    Incident incident = declare("declare db latency sev2");
    assertFalse(slack.channel(incident.channelId()).members.contains(BOB));
    command(ALICE, incident.channelId(), "role comms <@U0RESP2|bob>");

    var invite = slack.await("conversations.invite", c -> incident.channelId().equals(c.param("channel"))
        && c.param("users").contains(BOB));
    assertTrue(invite.param("users").equals(BOB), invite.param("users"));
    var dm = slack.await("chat.postMessage", c -> ("D" + BOB).equals(c.param("channel")));
    String text = dm.param("text");
    for (String said : List.of("<@UALICE> made you *comms*", incident.id() + ": db latency", "<#" + incident.channelId()
        + ">", "invited you")) {
      assertTrue(text.contains(said), said + " in " + text);
    }
    assertEquals(List.of(), SlackLimits.problems(dm));

    // someone already in the channel is neither invited again nor sent a DM
    command(ALICE, incident.channelId(), "role scribe <@U0RESP2|bob>");
    posted(incident, "*scribe*");
    candor.awaitJobsIdle();
    assertEquals(1, slack.calls("chat.postMessage").stream().filter(c -> ("D" + BOB).equals(c.param("channel")))
        .count());
    assertEquals(1, slack.calls("conversations.invite").stream().filter(c -> c.param("users").contains(BOB)).count());
  }

  @Test
  void theWords_severityWordsAreRead_mistakesEchoTheCommandCorrected_andEachKindOfMessageHasItsOwnMark() {
    String typo = command(ALICE, "CGENERAL", "decalre db down").text();
    assertTrue(typo.contains("Did you mean `/incident declare db down`?"), typo);
    String badSeverity = command(ALICE, "CGENERAL", "declare db down sevx").text();
    assertTrue(badSeverity.contains("`/incident declare db down sev2`"), badSeverity);

    Incident incident = declare("declare DB down P1");
    assertEquals("DB down", incident.title());
    assertEquals(dev.candor.incident.Severity.SEV1, incident.severity(), "P1 is read, not silently sev3");
    assertTrue(posted(incident, "declared").json("blocks").contains(":rotating_light:"));
    command(ALICE, incident.channelId(), "sev 2");
    String lowered = posted(incident, "set severity").param("text");
    assertFalse(lowered.contains(":rotating_light:"), "a downgrade is no declaration: " + lowered);

    command(ALICE, incident.channelId(), "mitigated traffic moved");
    String mitigated = posted(incident, "*mitigated*").param("text");
    assertTrue(mitigated.contains("*Monitoring*"), mitigated);
    assertTrue(slack.await("conversations.setTopic", c -> incident.channelId().equals(c.param("channel"))
        && c.param("topic").startsWith("Monitoring")).param("topic").startsWith("Monitoring"));

    slack.channel(incident.channelId()).members.add(BOB);
    command(BOB, incident.channelId(), "cancel the probe was flaky");
    String cancelled = posted(incident, "*cancelled*").param("text");
    assertTrue(cancelled.contains("Thank you, <@UALICE>"), cancelled);
    assertFalse(cancelled.contains("mistake"), cancelled);
    String copy = slack.await("chat.postMessage", c -> "CINCIDENTS".equals(c.param("channel"))
        && c.param("text").contains("was cancelled")).param("text");
    assertTrue(copy.startsWith(":no_entry_sign:"), "not the resolved mark: " + copy);
  }

  /**
   * Drives what a new user would do — declare, help, mistakes, updates, roles, follow-ups, the timeline, the
   * catch-up (asked for, and by DM on joining late), the forms, App Home, resolve, the post-mortem's buttons,
   * reopen, cancel — with words that hold every character
   * Slack treats specially, then checks everything Candor sent.
   */
  @Test
  void everythingCandorSends_staysWithinSlacksLimits_andLeavesNoMarkupButRealMentionsAndLinks() {
    String tricky = "db &lt;primary&gt; &amp; <!here> <@U0RESP2|bob> <#C0DEPLOYS|deploys> <!subteam^S1|@sre> "
        + "<https://status.example.com|status>";
    command(ALICE, "CGENERAL", "help");
    command(ALICE, "CGENERAL", "");
    command(ALICE, "CGENERAL", "frobnicate the &lt;thing&gt;");
    command(ALICE, "CGENERAL", "declare");
    command(ALICE, "CGENERAL", "declare db down sev9");
    command(ALICE, "CGENERAL", "declare " + "x".repeat(300));
    command(ALICE, "CGENERAL", "status all good");
    command(ALICE, "CGENERAL", "list");
    Incident incident = declare("declare " + tricky + " sev2");
    String c = incident.channelId();
    for (String text : List.of("declare again", "status investigating " + tricky, "status", "sev 1", "sev x",
        "role comms <@U0RESP2|bob>", "role scribe someone", "role", "mitigated " + tricky, "note " + tricky,
        "title " + tricky + " now", "summary " + tricky, "followup <@U0RESP2|bob> tomorrow fix " + tricky,
        "followup <@U0RESP2|bob> someday fix it", "followup bob tomorrow x", "followups", "timeline", "nudges off",
        "nudges on", "nudges maybe", "redact x", "followup drop 1 " + tricky, "close", "list", "help", "catchup",
        "catchpu")) {
      command(ALICE, c, text);
    }
    // the incident card's buttons open its forms (and the status form); someone outside is refused
    int opened = slack.calls("views.open").size();
    for (String button : List.of("card_severity", "card_roles", "card_resolve", "card_post_update")) {
      candor.requests.interaction(SlackPayloads.buttonInChannel(slack, ALICE, c, button,
          String.valueOf(incident.id().value()), "card-" + button));
    }
    candor.requests.interaction(SlackPayloads.buttonInChannel(slack, "UOUTSIDER", c, "card_severity",
        String.valueOf(incident.id().value()), "card-outsider"));
    Eventually.await(() -> slack.calls("views.open").size() >= opened + 4, "the card's four forms opened");
    slack.await("response_url", r -> "card-outsider".equals(r.param("id")));
    Eventually.await(() -> slack.calls("chat.update").stream().anyMatch(u -> c.equals(u.param("channel"))),
        "the card edited");
    // someone joins late: their catch-up by DM, with the updates, notes and follow-up above in it
    candor.joins(c, "U0LATE");
    slack.await("chat.postMessage", call -> "DU0LATE".equals(call.param("channel"))
        && call.param("text").contains("Catching up on"));
    Eventually.await(() -> slack.calls("response_url").stream().anyMatch(call -> call.body().contains("Catching up on")),
        "the catch-up asked for");
    home(ALICE);
    command(ALICE, c, "resolve " + tricky);
    posted(incident, "*resolved*");
    candor.requests.interaction(SlackPayloads.buttonInChannel(slack, ALICE, c, "postmortem_not_needed",
        incident.id().toString(), "r1"));
    command(ALICE, c, "reopen");
    command(ALICE, c, "cancel " + tricky);
    posted(incident, "*cancelled*");
    candor.awaitJobsIdle();
    home(BOB);
    Eventually.await(() -> slack.calls("views.publish").size() >= 2, "both App Homes published");
    candor.awaitJobsIdle();

    List<String> problems = new ArrayList<>();
    int checked = 0;
    for (FakeSlack.Call call : slack.calls()) {
      problems.addAll(SlackLimits.problems(call));
      checked++;
    }
    for (Answer a : acks) {
      problems.addAll(SlackLimits.messageProblems("ack", a.body()));
    }
    assertTrue(checked > 40, "the sweep saw what Candor sent: " + checked + " calls");
    for (String method : List.of("chat.postMessage", "chat.update", "conversations.setTopic", "views.open",
        "views.publish", "response_url")) {
      assertFalse(slack.calls(method).isEmpty(), method + " was among them");
    }
    assertEquals(List.of(), problems);
  }

  private void home(String user) {
    var event = Map.<String, Object>of("type", "app_home_opened", "user", user, "channel", "D" + user, "tab", "home",
        "event_ts", "1700000000.1");
    assertEquals(200, candor.requests.event(SlackEvents.envelope(SlackEvents.newEventId(), event), Map.of()).status());
  }
}
