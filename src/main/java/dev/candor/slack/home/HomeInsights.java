package dev.candor.slack.home;

import com.slack.api.app_backend.slash_commands.payload.SlashCommandPayload;
import com.slack.api.bolt.context.builtin.SlashCommandContext;
import com.slack.api.bolt.response.Response;
import dev.candor.incident.SeverityScale;
import dev.candor.insights.IncidentFacts;
import dev.candor.insights.Insights;
import dev.candor.insights.InsightsSource;
import dev.candor.insights.Period;
import dev.candor.insights.QuarterSummary;
import dev.candor.slack.platform.CommandReplies;
import dev.candor.slack.platform.KeptMembers;
import dev.candor.slack.platform.Mrkdwn;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * This quarter's insights for a facilitator, as text: on top of their App Home, and as the private answer to
 * {@code /incident insights} with how to get the report with charts. Public incidents count, and private ones only
 * for someone in their channel (as Candor keeps membership). Nobody else is shown figures.
 */
public final class HomeInsights {
  static final String WHAT = "This quarter";

  private final InsightsSource source;
  private final KeptMembers members;
  private final Clock clock;
  private final ZoneId zone;
  private final SeverityScale scale;

  public HomeInsights(InsightsSource source, KeptMembers members, Clock clock, ZoneId zone) {
    this(source, members, clock, zone, SeverityScale.defaults());
  }

  /** As above, the summary naming severities as the team's {@code scale} does. */
  public HomeInsights(InsightsSource source, KeptMembers members, Clock clock, ZoneId zone, SeverityScale scale) {
    this.scale = scale;
    this.source = source;
    this.members = members;
    this.clock = clock;
    this.zone = zone;
  }

  /** The summary's lines for {@code userId}, or empty when they facilitate nothing. */
  Optional<List<String>> linesFor(String userId) {
    if (!source.facilitates(userId)) {
      return Optional.empty();
    }
    Instant now = clock.instant();
    Period quarter = Period.quarterOf(LocalDate.ofInstant(now, zone), zone);
    List<IncidentFacts> facts = source.declaredSince(quarter.start());
    Set<String> in = members.channelsOf(userId, facts.stream().filter(IncidentFacts::privateChannel)
        .map(IncidentFacts::channelId).toList());
    List<IncidentFacts> visible = facts.stream().filter(f -> !f.privateChannel() || in.contains(f.channelId()))
        .toList();
    return Optional.of(QuarterSummary.lines(Insights.of(visible, quarter, now), WHAT, scale));
  }

  /** The command that writes the report for this quarter. */
  String reportCommand() {
    return "candor insights --since " + Period.quarterOf(LocalDate.ofInstant(clock.instant(), zone), zone).from();
  }

  /** {@code /incident insights}: the summary and how to get the report, or why there is none for this person. */
  public Response answer(SlashCommandPayload p, SlashCommandContext ctx) {
    Optional<List<String>> lines = linesFor(p.getUserId());
    String report = "The report with charts (one HTML file that opens offline): run " + Mrkdwn.code(reportCommand())
        + " where Candor runs; it writes `insights.html`.";
    if (lines.isEmpty()) {
      return CommandReplies.ephemeral(ctx, "Insights are for facilitators: whoever commands an incident or "
          + "facilitates a post-mortem sees this quarter's figures here and in Candor's App Home. " + report);
    }
    return CommandReplies.ephemeral(ctx, "*Insights*, in figures (never about a person):\n"
        + bullets(lines.get()) + "\n" + report);
  }

  static String bullets(List<String> lines) {
    StringBuilder out = new StringBuilder();
    for (String line : lines) {
      out.append(out.length() == 0 ? "" : "\n").append("• ").append(Mrkdwn.escape(line));
    }
    return out.toString();
  }
}
