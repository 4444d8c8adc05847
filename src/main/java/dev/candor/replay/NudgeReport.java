package dev.candor.replay;

import dev.candor.incident.Durations;
import dev.candor.nudge.Finding;
import dev.candor.slack.SlackText;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

/**
 * {@code nudges.md}: what the blame detector finds in a replayed channel, message by message: when, which
 * timeline entry, the category, the words, and the blameless rewrite (or, for self-blame, that support is
 * the answer). No names and no tally per person: the report is about language, as live nudges are.
 */
final class NudgeReport {
  private static final DateTimeFormatter WHEN =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

  private NudgeReport() {}

  static void write(Writer out, String channelName, Replay.Result result, Duration cooldown) {
    List<Replay.Nudge> blame = result.nudges().stream().filter(n -> !n.finding().category().isSelfBlame()).toList();
    List<Replay.Nudge> self = result.nudges().stream().filter(n -> n.finding().category().isSelfBlame()).toList();
    StringBuilder md = new StringBuilder(4096);
    md.append("# Blame language in #").append(oneLine(channelName)).append("\n\n");
    md.append("What Candor's blame detector finds in the channel's messages, through the same gates as live nudges: ")
        .append("only people's messages are judged (not bots, not Candor), and code, quotes, log lines and URLs ")
        .append("are left out. Live, each author alone would have had a private note, at most one per person per ")
        .append("channel every ").append(Durations.words(cooldown)).append(". The report names nobody and counts ")
        .append("nobody; the entry number (`#17`) finds the message in `timeline.md`.\n\n");
    md.append("Times are UTC. ").append(count(result.judged(), "message by people was", "messages by people were"))
        .append(" judged: ").append(count(blame.size(), "may read as blame", "may read as blame")).append(", ")
        .append(count(self.size(), "is self-blame", "are self-blame")).append(". Candor was not in the channel, so ")
        .append("nobody was sent anything; live, it would have sent ")
        .append(count(result.answered(), "private note", "private notes")).append(".\n");

    md.append("\n## Blame\n\n");
    if (blame.isEmpty()) {
      md.append("None found.\n");
    }
    for (Replay.Nudge n : blame) {
      Finding f = n.finding();
      md.append("- ").append(WHEN.format(n.at())).append(" · #").append(n.seq()).append(" · ")
          .append(f.category().id()).append(" · “").append(words(f.match())).append("”\n")
          .append("  - try: “").append(words(f.rewrite())).append("”\n")
          .append("  - why: ").append(oneLine(f.reason())).append('\n')
          .append("  - live: ").append(live(n, cooldown)).append('\n');
    }

    md.append("\n## Self-blame\n\n");
    if (self.isEmpty()) {
      md.append("None found.\n");
    } else {
      md.append("Candor answers self-blame with support, never a correction: the system let a reasonable person do ")
          .append("this, and what they saw and expected is what the review needs most.\n\n");
    }
    for (Replay.Nudge n : self) {
      Finding f = n.finding();
      md.append("- ").append(WHEN.format(n.at())).append(" · #").append(n.seq()).append(" · ")
          .append(f.category().id()).append(" · “").append(words(f.match())).append("”\n")
          .append("  - live: ").append(live(n, cooldown)).append('\n');
    }

    md.append("\n## Counted, never shown\n\n");
    if (result.countedByRule().isEmpty()) {
      md.append("No medium-sureness findings.\n");
    } else {
      md.append("Medium-sureness findings are never shown to anyone; live, they are only counted per rule ")
          .append("(no text, no person), so a team can see which rules fire.\n\n| rule | count |\n|---|---|\n");
      result.countedByRule().entrySet().stream().sorted(Map.Entry.comparingByKey())
          .forEach(e -> md.append("| ").append(e.getKey()).append(" | ").append(e.getValue()).append(" |\n"));
    }
    try {
      out.write(md.toString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String live(Replay.Nudge n, Duration cooldown) {
    if (!n.answered()) {
      return "no note: its author had one less than " + Durations.words(cooldown) + " before";
    }
    return n.finding().category().isSelfBlame() ? "a private note of support to its author"
        : "a private nudge to its author";
  }

  private static String count(long n, String one, String many) {
    return n + " " + (n == 1 ? one : many);
  }

  /** Words as typed (Slack's escaping undone, mentions as @name), on one line. */
  private static String words(String text) {
    return oneLine(SlackText.plain(text));
  }

  private static String oneLine(String text) {
    return text == null ? "" : text.replaceAll("\\s*[\\r\\n]+\\s*", " ").strip();
  }
}
