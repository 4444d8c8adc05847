package dev.candor.slack.command;

/** The answer to {@code /incident help}: every subcommand with an example. */
final class HelpText {
  private HelpText() {}

  public static String text() {
    return String.join("\n",
        "*Candor — `/incident` commands*",
        "• `/incident` — open a form to declare an incident (title, severity, summary, private or public, this channel or a new one)",
        "• `/incident declare <title> [sev1..sev4]` — a new incident channel, you as commander: `/incident declare checkout errors sev2`",
        "• `/incident status [investigating|identified|monitoring] <update>` — `/incident status identified EU cache node saturated`",
        "• `/incident mitigated [note]` — impact has stopped: `/incident mitigated traffic moved to us-east`",
        "• `/incident sev <1-4>` — `/incident sev 1`",
        "• `/incident role <commander|comms|scribe> <@person>` — `/incident role comms @sam`",
        "• `/incident title <text>` — `/incident title Checkout latency on EU shards`",
        "• `/incident summary <text>` — `/incident summary Card payments failed for 20% of EU users`",
        "• `/incident resolve [summary]` — `/incident resolve rolled back the config change`",
        "• `/incident reopen` — it came back: `/incident reopen`",
        "• `/incident cancel <reason>` — declared by mistake: `/incident cancel false alarm from a flaky probe`",
        "• `/incident note <text>` — for the record: `/incident note restarted api-7 to clear the stuck pool`",
        "• `/incident timeline` — everything that happened, in order, paged",
        "• `/incident redact <entry> <reason>` — the commander who holds the record, or an admin: `/incident redact 42 contained a card number`",
        "• `/incident nudges off|on` — Candor's private notes about blaming language in this channel: `/incident nudges off`",
        "• `/incident followup <@owner> <due> <title> [#level]` — due: 2026-12-01, today, tomorrow, friday, in 3 days; "
            + "level: #organization #culture #process #engineering #software (default): "
            + "`/incident followup @alex friday add a pre-deploy check #process`",
        "• `/incident followup` — the same as a form (owner, due date, what, level)",
        "• `/incident followups` — this incident's follow-ups, numbered",
        "• `/incident followup drop <number> <reason>` — `/incident followup drop 12 covered by the platform migration`",
        "• `/incident postmortem` — open the post-mortem draft (the channel's canvas), built from the record",
        "• `/incident close` — after resolving: the record becomes final and the summary is published",
        "• `/incident list` — open incidents in channels you are in",
        "Everything but `declare`, `list` and `help` works inside an incident channel; every change is announced there "
            + "and kept with who made it and when.");
  }
}
