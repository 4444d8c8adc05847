package dev.candor.slack.command;

import dev.candor.slack.platform.Mrkdwn;
import java.util.ArrayList;
import java.util.List;

/**
 * The answer to {@code /incident help}: first the five commands used while an incident runs, then the rest in
 * groups, each with an example. Every command and example is escaped as code ({@link Mrkdwn#code}), so a
 * placeholder such as {@code <commander|comms|scribe>} shows as typed instead of reading as a link.
 */
final class HelpText {
  private HelpText() {}

  /** One line: the command (placeholders and all), what it does, and an example when it takes words. */
  private record Line(String command, String what, String example) {
    String render() {
      return "• " + Mrkdwn.code(command) + " — " + what + (example.isEmpty() ? "" : ": " + Mrkdwn.code(example));
    }
  }

  private record Group(String title, List<Line> lines) {}

  private static final List<Group> GROUPS = List.of(
      new Group("*During an incident* (in its channel)", List.of(
          new Line("/incident status [investigating|identified|monitoring] <update>", "a status update",
              "/incident status identified EU cache node saturated"),
          new Line("/incident sev <1-4>", "change the severity", "/incident sev 1"),
          new Line("/incident role <commander|comms|scribe> <@person>", "give someone a role",
              "/incident role comms @sam"),
          new Line("/incident note <text>", "a note for the record",
              "/incident note restarted api-7 to clear the stuck pool"),
          new Line("/incident resolve [summary]", "it is over", "/incident resolve rolled back the config change"))),
      new Group("*Declare and find*", List.of(
          new Line("/incident", "a form to declare an incident (title, severity, lead, impact, private or public, "
              + "this channel or a new one)", ""),
          new Line("/incident declare <title> [sev1..sev4]", "a new incident channel, you as commander",
              "/incident declare checkout errors sev2"),
          new Line("/incident list", "open incidents in channels you are in", ""))),
      new Group("*More while it runs*", List.of(
          new Line("/incident mitigated [note]", "impact has stopped", "/incident mitigated traffic moved to us-east"),
          new Line("/incident title <text>", "rename it", "/incident title Checkout latency on EU shards"),
          new Line("/incident summary <text>", "say what is going on",
              "/incident summary Card payments failed for 20% of EU users"),
          new Line("/incident reopen", "it came back", ""),
          new Line("/incident cancel <reason>", "it turned out not to be an incident (thank you for raising it)",
              "/incident cancel false alarm from a flaky probe"),
          new Line("/incident timeline", "everything that happened, in order, paged", ""),
          new Line("/incident catchup", "where it stands, the latest updates, key events and open follow-ups, "
              + "only for you (people who join the channel later get it by DM)", ""),
          new Line("/incident page <service or routing key> [message]", "page someone through PagerDuty",
              "/incident page payments checkout is down"),
          new Line("/incident nudges off|on", "Candor's private notes about blaming language in this channel", ""),
          new Line("/incident redact <entry> <reason>", "the commander who holds the record, or an admin",
              "/incident redact 42 contained a card number"))),
      new Group("*Afterwards: learning and follow-ups*", List.of(
          new Line("/incident postmortem", "open the post-mortem draft (the channel's canvas), built from the record",
              ""),
          new Line("/incident followup <@owner> <due> <title> [#level]", "due: 2026-12-01, today, tomorrow, friday, "
              + "in 3 days; level: #organization #culture #process #engineering #software (default)",
              "/incident followup @alex friday add a pre-deploy check #process"),
          new Line("/incident followup", "the same as a form", ""),
          new Line("/incident followups", "this incident's follow-ups, numbered", ""),
          new Line("/incident followup drop <number> <reason>", "drop one, with why",
              "/incident followup drop 12 covered by the platform migration"),
          new Line("/incident close", "after resolving: the record becomes final and the summary is published",
              ""),
          new Line("/incident insights", "for facilitators: this quarter's figures (only you see them) and how to "
              + "get the report with charts", ""))));

  public static String text() {
    List<String> out = new ArrayList<>();
    out.add("*Candor — `/incident` commands*");
    for (Group g : GROUPS) {
      out.add(g.title());
      g.lines().forEach(l -> out.add(l.render()));
    }
    out.add("Every change is announced in the incident's channel and kept with who made it and when.");
    return String.join("\n", out);
  }
}
