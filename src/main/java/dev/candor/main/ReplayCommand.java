package dev.candor.main;

import dev.candor.config.BotConfig;
import dev.candor.config.ConfigException;
import dev.candor.config.DeclareSettings;
import dev.candor.incident.Durations;
import dev.candor.incident.Incident;
import dev.candor.incident.SeverityScale;
import dev.candor.nudge.BlameDetector;
import dev.candor.nudge.RuleSet;
import dev.candor.nudge.RulesException;
import dev.candor.replay.ExportChannel;
import dev.candor.replay.ExportProblem;
import dev.candor.replay.OutputFolder;
import dev.candor.replay.Replay;
import dev.candor.replay.ReplayDocuments;
import dev.candor.replay.ScratchReplay;
import dev.candor.replay.SlackExport;
import dev.candor.timeline.HashChain;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code candor replay <export> --channel <name>}: one channel of a Slack export through Candor's own services
 * over a temporary SQLite store (deleted afterwards), written as {@code timeline.md}, {@code timeline.json},
 * {@code nudges.md} and {@code postmortem.md} into a new folder; the documents people read name severities as the
 * team's {@code CANDOR_SEVERITIES} does.
 */
@Command(name = "replay",
    description = "Replay a channel of a Slack export (a .zip or its folder) with no Slack needed: writes "
        + "timeline.md, timeline.json, nudges.md and postmortem.md into a new folder.")
final class ReplayCommand implements Callable<Integer> {
  private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneOffset.UTC);

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", paramLabel = "EXPORT", description = "The export: the .zip Slack gives you, or its folder.")
  Path export;

  @Option(names = "--channel", required = true, paramLabel = "NAME", description = "The channel to replay (its name or id).")
  String channel;

  @Option(names = "--from", paramLabel = "DATE-TIME",
      description = "Only messages from then on: 2026-03-14, 2026-03-14T09:30 (UTC) or with an offset, 2026-03-14T09:30+01:00.")
  String from;

  @Option(names = "--to", paramLabel = "DATE-TIME", description = "Only messages up to then (a date alone includes that whole day).")
  String to;

  @Option(names = "--out", paramLabel = "DIR",
      description = "Where to write (a new or empty folder); default: a new folder named after the channel, here.")
  Path out;

  private final Clock clock;

  ReplayCommand() {
    this(Clock.systemUTC());
  }

  ReplayCommand(Clock clock) {
    this.clock = clock;
  }

  @Override
  public Integer call() {
    PrintWriter stdout = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Map<String, String> env = System.getenv();
    Replay.Range range;
    String keyEmoji;
    RuleSet rules;
    boolean model;
    Duration cooldown;
    ZoneId zone;
    SeverityScale scale;
    try {
      range = new Replay.Range(moment(from, "--from", false), moment(to, "--to", true));
      if (range.from() != null && range.to() != null && range.from().isAfter(range.to())) {
        return fail(err, "--from " + from + " is after --to " + to);
      }
      keyEmoji = BotConfig.keyEmojiFrom(env);
      cooldown = BotConfig.nudgeCooldownFrom(env);
      zone = BotConfig.zoneFrom(env);
      scale = DeclareSettings.severitiesIn(env);
      rules = BotConfig.nudgeRulesFrom(env).map(RuleSet::builtInAnd).orElseGet(RuleSet::builtIn);
      model = BotConfig.nudgeModelFrom(env);
    } catch (IllegalArgumentException | ConfigException | RulesException e) {
      return fail(err, e.getMessage());
    }
    OfflineStore.quietLogs();
    Consumer<String> warn = w -> {
      err.println("candor: warning: " + w);
      err.flush();
    };
    BlameDetector detector = new BlameDetector(rules, model ? NudgeModel.awaited(warn) : Optional::empty);
    OutputFolder folder = null;
    try (SlackExport slack = SlackExport.open(export)) {
      ExportChannel replayed = slack.channel(channel);
      folder = OutputFolder.claim(out != null ? out : OutputFolder.defaultFor(Path.of(""), replayed.name()));
      try (ScratchReplay replay = ScratchReplay.open(clock, detector, cooldown, keyEmoji, scale, warn)) {
        Replay.Result result = replay.run(slack, replayed, range);
        Map<String, String> names = new HashMap<>(result.botNames());
        names.putAll(slack.people(warn));
        ScratchReplay.Written documents = replay.writeVerified(folder.staging(), replayed.name(), result, names, zone);
        if (documents.chain() instanceof HashChain.Broken broken) {
          return fail(err, "the replayed timeline does not verify: " + broken.problem() + "; nothing was written");
        }
        Path written = folder.publish();
        report(stdout, slack, replayed, result, (HashChain.Intact) documents.chain(), written);
      }
      return Main.OK;
    } catch (ExportProblem e) {
      return fail(err, e.getMessage());
    } catch (IOException | RuntimeException e) {
      return fail(err, "replay failed: " + OfflineStore.rootMessage(e));
    } finally {
      if (folder != null) {
        folder.abandon();
      }
    }
  }

  private static void report(PrintWriter out, SlackExport slack, ExportChannel channel, Replay.Result r,
      HashChain.Intact chain, Path written) {
    Incident i = r.incident();
    out.println("Replayed #" + channel.name() + " from " + slack.where() + ": " + r.messages()
        + (r.messages() == 1 ? " message" : " messages") + " from " + r.dayFiles()
        + (r.dayFiles() == 1 ? " day file" : " day files") + ", " + chain.entries()
        + " timeline entries (hash chain verified).");
    out.println(i.id() + " \"" + i.title() + "\": started " + WHEN.format(i.times().started()) + " UTC"
        + r.mitigated().map(m -> ", mitigated after " + Durations.words(Duration.between(i.times().started(), m)))
            .orElse("")
        + ", resolved after " + Durations.words(i.duration(i.times().resolved()))
        + (r.end() == Replay.End.DETECTED ? " (a message said so)" : " (no message said so; its last message is taken as the end)")
        + ".");
    long self = r.nudges().stream().filter(n -> n.finding().category().isSelfBlame()).count();
    out.println("Blame language: " + (r.nudges().size() - self) + " blame, " + self + " self-blame in "
        + r.judged() + (r.judged() == 1 ? " message" : " messages") + " by people (live, Candor would have sent "
        + r.answeredNudges() + (r.answeredNudges() == 1 ? " nudge" : " nudges") + " and " + r.answeredSupport()
        + (r.answeredSupport() == 1 ? " note of support" : " notes of support") + ").");
    out.println("Wrote " + written + ": " + String.join(", ", ReplayDocuments.TIMELINE_MD,
        ReplayDocuments.TIMELINE_JSON, ReplayDocuments.NUDGES_MD, ReplayDocuments.POSTMORTEM_MD) + ".");
    out.flush();
  }

  /** {@code 2026-03-14}, {@code 2026-03-14T09:30[:00]} or with a space, in UTC, or with an offset; null stays null. */
  static Instant moment(String text, String option, boolean endOfDay) {
    if (text == null || text.isBlank()) {
      return null;
    }
    String t = text.strip().replace(' ', 'T');
    try {
      if (t.length() == 10) {
        LocalDate day = LocalDate.parse(t);
        return endOfDay ? day.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC).minusNanos(1)
            : day.atStartOfDay().toInstant(ZoneOffset.UTC);
      }
      if (t.endsWith("Z") || t.matches(".*[+-]\\d{2}:?\\d{2}$")) {
        return OffsetDateTime.parse(t).toInstant();
      }
      return LocalDateTime.parse(t).toInstant(ZoneOffset.UTC);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(option + " must be a date or a date and time such as 2026-03-14 or "
          + "2026-03-14T09:30 (UTC) or 2026-03-14T09:30+01:00, not \"" + text + "\"");
    }
  }

  private static int fail(PrintWriter err, String line) {
    err.println("candor: " + line);
    err.flush();
    return Main.USAGE;
  }
}
