package dev.candor.replay;

import dev.candor.incident.Durations;
import dev.candor.nudge.Finding;
import dev.candor.timeline.MarkdownText;
import dev.candor.timeline.SlackMarkup;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * {@code nudges.md}: what the blame detector finds in a replayed channel, message by message: when, which
 * timeline entry, the category, the words, and the blameless rewrite (or, for self-blame, that support is
 * the answer). No authors and no tally per person: the report is about language, as live nudges are.
 */
final class NudgeReport {
  private static final DateTimeFormatter WHEN =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

  private NudgeReport() {}

  /** {@code people} writes a user id mentioned in a message as Markdown ({@code @name}, escaped). */
  static void write(Writer out, String channelName, Replay.Result result, Duration cooldown,
      Function<String, String> people) {
    List<Replay.Nudge> blame = result.nudges().stream().filter(n -> !n.finding().category().isSelfBlame()).toList();
    List<Replay.Nudge> self = result.nudges().stream().filter(n -> n.finding().category().isSelfBlame()).toList();
    StringBuilder md = new StringBuilder(4096);
    md.append("# Blame language in #").append(MarkdownText.escape(channelName)).append("\n\n");
    md.append("What Candor's blame detector finds in the channel's messages, through the same gates as live nudges: ")
        .append("only people's messages are judged (not bots, not Candor), and code, quotes, log lines and URLs ")
        .append("are left out. Live, each author alone would have had a private note, at most one per person per ")
        .append("channel every ").append(Durations.words(cooldown)).append(". The report says nothing of who ")
        .append("wrote what and keeps no tally per person (the quoted words name whoever the messages named); the ")
        .append("entry number (`#17`) finds the message in `timeline.md`.\n\n");
    md.append("Times are UTC. ").append(count(result.judged(), "message by people was", "messages by people were"))
        .append(" judged: ").append(count(blame.size(), "may read as blame", "may read as blame")).append(", ")
        .append(count(self.size(), "is self-blame", "are self-blame")).append(". Candor was not in the channel, so ")
        .append("nobody was sent anything; live, it would have sent ")
        .append(count(result.answeredNudges(), "private nudge", "private nudges"))
        .append(result.answeredSupport() == 0 ? ""
            : " and " + count(result.answeredSupport(), "private note of support", "private notes of support"))
        .append(".\n");

    md.append("\n## Blame\n\n");
    if (blame.isEmpty()) {
      md.append("None found.\n");
    }
    for (Replay.Nudge n : blame) {
      Finding f = n.finding();
      md.append("- ").append(WHEN.format(n.at())).append(" · #").append(n.seq()).append(" · ")
          .append(f.category().id()).append(" · ").append(quoted(f, people)).append("\n")
          .append("  - try: “").append(words(f.rewrite(), people)).append("”\n")
          .append("  - why: ").append(MarkdownText.escape(f.reason())).append('\n')
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
          .append(f.category().id()).append(" · ").append(quoted(f, people)).append("\n")
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

  /** The words a rule matched, quoted; the model quotes none: it read the message as a whole. */
  private static String quoted(Finding f, Function<String, String> people) {
    return f.fromModel()
        ? String.format(java.util.Locale.ROOT, "the message as a whole (model, p=%.2f)", f.probability().getAsDouble())
        : "“" + words(f.match(), people) + "”";
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

  /** Words as typed (Slack's markup read, mentions as names), on one line, escaped for Markdown. */
  private static String words(String text, Function<String, String> people) {
    return SlackMarkup.toMarkdown(text, people, Integer.MAX_VALUE);
  }
}
