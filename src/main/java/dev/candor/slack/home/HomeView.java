package dev.candor.slack.home;

import static com.slack.api.model.block.Blocks.actions;
import static com.slack.api.model.block.Blocks.context;
import static com.slack.api.model.block.Blocks.divider;
import static com.slack.api.model.block.Blocks.header;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static com.slack.api.model.block.element.BlockElements.button;

import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.view.View;
import dev.candor.followup.FollowUp;
import dev.candor.incident.Durations;
import dev.candor.incident.Incident;
import dev.candor.incident.SeverityScale;
import dev.candor.postmortem.Meeting;
import dev.candor.postmortem.Postmortem;
import dev.candor.slack.followup.FollowUpMessages;
import dev.candor.slack.platform.AppHome;
import dev.candor.slack.platform.Mrkdwn;
import dev.candor.trackers.TrackerIssue;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The App Home: my open incidents (only where I am a member), my follow-ups (overdue first), the post-mortems I
 * facilitate, each with its buttons; on top, what became of the last thing done here. Pure.
 */
public final class HomeView {
  /** A link to the incident channel; Slack still sends the click, which is only acknowledged. */
  public static final String OPEN_CHANNEL = "home_open_channel";
  /** Opens the status update form for the incident whose id is the button's value. */
  public static final String POST_UPDATE = AppHome.POST_UPDATE;
  /** Opens (or links) the post-mortem draft of the incident whose id is the button's value. */
  public static final String OPEN_POSTMORTEM = "home_postmortem_open";
  /** Opens the post-mortem's schedule form for the incident whose id is the button's value. */
  public static final String SCHEDULE_POSTMORTEM = "home_postmortem_schedule";

  static final int MAX_BLOCKS = 100;
  /**
   * Blocks that are not an item's: the notice and its divider, three headers, two dividers, the footer, and
   * per section either "none" or "…and N more".
   */
  static final int FRAME_BLOCKS = 11;
  /** This quarter's insights for a facilitator: a header, the figures, how to get the report, a divider. */
  static final int INSIGHT_BLOCKS = 4;
  /** Each item is a section and its buttons. */
  static final int BLOCKS_PER_ITEM = 2;
  static final int MAX_BUTTON_TEXT = 75;

  private HomeView() {}

  /** A post-mortem the viewer facilitates, with its incident. */
  public record Facilitated(Incident incident, Postmortem postmortem) {}

  /**
   * The home of one person. {@code teamId} makes the channel links; {@code notice} (mrkdwn, escaped by the caller,
   * or null) answers what they just did here, since the App Home has no place for a private reply.
   */
  public static View home(List<Incident> incidents, List<FollowUp> followUps, List<Facilitated> facilitated,
      Instant now, String teamId, String notice) {
    return home(incidents, followUps, facilitated, List.of(), "", now, teamId, notice);
  }

  /**
   * The home of one person, with this quarter's {@code insights} on top for a facilitator (plain lines; none for
   * anyone else) and the command that writes the report.
   */
  public static View home(List<Incident> incidents, List<FollowUp> followUps, List<Facilitated> facilitated,
      List<String> insights, String reportCommand, Instant now, String teamId, String notice) {
    return home(incidents, followUps, Map.of(), facilitated, insights, reportCommand, now, teamId, notice,
        i -> Optional.empty());
  }

  /**
   * {@link #home}, each follow-up with a link to its issue in the tracker where {@code issues} has one, each
   * incident with its call if any.
   */
  public static View home(List<Incident> incidents, List<FollowUp> followUps, Map<Long, TrackerIssue> issues,
      List<Facilitated> facilitated, List<String> insights, String reportCommand, Instant now, String teamId,
      String notice, Function<Incident, Optional<String>> calls) {
    return home(incidents, followUps, issues, facilitated, insights, reportCommand, now, teamId, notice, calls,
        SeverityScale.defaults());
  }

  /** {@link #home}, each incident's severity named as the team's {@code scale} does. */
  public static View home(List<Incident> incidents, List<FollowUp> followUps, Map<Long, TrackerIssue> issues,
      List<Facilitated> facilitated, List<String> insights, String reportCommand, Instant now, String teamId,
      String notice, Function<Incident, Optional<String>> calls, SeverityScale scale) {
    int insightBlocks = insights.isEmpty() ? 0 : INSIGHT_BLOCKS;
    int[] shown = shares((MAX_BLOCKS - FRAME_BLOCKS - insightBlocks) / BLOCKS_PER_ITEM, incidents.size(),
        followUps.size(), facilitated.size());
    List<LayoutBlock> blocks = new ArrayList<>();
    if (notice != null && !notice.isBlank()) {
      blocks.add(Mrkdwn.section(Mrkdwn.clip(notice, 3_000)));
      blocks.add(divider());
    }
    if (!insights.isEmpty()) {
      blocks.add(header(h -> h.text(plainText(HomeInsights.WHAT))));
      blocks.add(Mrkdwn.section(Mrkdwn.clip(HomeInsights.bullets(insights), 3_000)));
      blocks.add(context(c -> c.elements(List.of(markdownText("Figures, never about a person. "
          + Mrkdwn.code("/incident insights") + " repeats them; " + Mrkdwn.code(reportCommand)
          + " where Candor runs writes the report with charts.")))));
      blocks.add(divider());
    }
    blocks.add(header(h -> h.text(plainText("Your open incidents"))));
    if (incidents.isEmpty()) {
      blocks.add(Mrkdwn.section("None in channels you are in. " + Mrkdwn.code("/incident declare <title>") + " "
          + "opens one."));
    }
    for (Incident i : incidents.subList(0, shown[0])) {
      String line = Mrkdwn.channel(i.channelId()) + " *" + i.id() + ": " + Mrkdwn.words(Mrkdwn.clip(i.title(), 150))
          + "*\n" + Mrkdwn.words(scale.level(i.severity()).name()) + " · " + i.state().word() + " for " + Durations.words(i.duration(now))
          + " · commander " + Mrkdwn.user(i.roles().commander())
          + calls.apply(i).map(link -> " · <" + link + "|join the call>").orElse("");
      blocks.add(Mrkdwn.section(line));
      blocks.add(incidentButtons(i, teamId));
    }
    more(blocks, incidents.size() - shown[0], " `/incident list` shows them all.");
    blocks.add(divider());
    blocks.add(header(h -> h.text(plainText("Your follow-ups"))));
    if (followUps.isEmpty()) {
      blocks.add(Mrkdwn.section("Nothing open. :tada:"));
    }
    for (FollowUp f : followUps.subList(0, shown[1])) {
      LocalDate today = LocalDate.ofInstant(now, f.ownerZone());
      long overdue = f.daysOverdue(today);
      String due = overdue > 0 ? ":warning: overdue by " + overdue + (overdue == 1 ? " day" : " days")
          : overdue == 0 ? "due today" : "due " + f.due();
      String line = "*" + Mrkdwn.words(Mrkdwn.clip(f.title(), 200)) + "*\n" + f.incidentId() + " · "
          + f.level().label() + " · " + due
          + (issues.containsKey(f.id()) ? " · " + FollowUpMessages.issueLink(issues.get(f.id())) : "");
      blocks.add(Mrkdwn.section(line));
      blocks.add(FollowUpMessages.buttons(f, false));
    }
    more(blocks, followUps.size() - shown[1], "");
    blocks.add(divider());
    blocks.add(header(h -> h.text(plainText("Post-mortems you facilitate"))));
    if (facilitated.isEmpty()) {
      blocks.add(Mrkdwn.section("None right now. When someone schedules a post-mortem with you "
          + "as facilitator, it shows here."));
    }
    for (Facilitated f : facilitated.subList(0, shown[2])) {
      blocks.add(Mrkdwn.section(facilitatedLine(f, now)));
      blocks.add(postmortemButtons(f));
    }
    more(blocks, facilitated.size() - shown[2], "");
    blocks.add(context(c -> c.elements(List.of(markdownText("Updated " + LocalDate.ofInstant(now, ZoneOffset.UTC)
        + ".")))));
    return View.builder().type("home").blocks(blocks).build();
  }

  /**
   * How many of each list fit in {@code room} items: one each in turn while room is left, so a long list
   * never crowds out a short one.
   */
  static int[] shares(int room, int... wanted) {
    int[] got = new int[wanted.length];
    boolean gave = true;
    while (room > 0 && gave) {
      gave = false;
      for (int i = 0; i < wanted.length && room > 0; i++) {
        if (got[i] < wanted[i]) {
          got[i]++;
          room--;
          gave = true;
        }
      }
    }
    return got;
  }

  /**
   * A link to {@code channelId} that opens it in whichever Slack client follows it, desktop, mobile or the
   * browser (Slack's {@code app_redirect}; a {@code slack://} link needs an installed client).
   */
  public static String channelLink(String teamId, String channelId) {
    return "https://slack.com/app_redirect?channel=" + channelId + (teamId == null ? "" : "&team=" + teamId);
  }

  private static LayoutBlock incidentButtons(Incident i, String teamId) {
    String id = i.id().toString();
    return actions(a -> a.blockId("home_incident_" + i.id().value()).elements(List.of(
        button(b -> b.actionId(OPEN_CHANNEL).value(id).url(channelLink(teamId, i.channelId()))
            .text(plainText("Open channel"))),
        button(b -> b.actionId(POST_UPDATE).value(id).text(plainText("Post update"))))));
  }

  private static String facilitatedLine(Facilitated f, Instant now) {
    Incident i = f.incident();
    Meeting m = f.postmortem().meeting();
    String when = m == null ? "not scheduled"
        : (f.postmortem().heldBy(now) ? "held " : "") + Mrkdwn.date(m.start(), "{date_short_pretty} at {time}");
    String doc = f.postmortem().openedDocument().filter(d -> d.link() != null && !d.link().isBlank())
        .map(d -> " · <" + d.link() + "|the draft>").orElse(" · no draft yet");
    return Mrkdwn.channel(i.channelId()) + " *" + i.id() + ": " + Mrkdwn.words(Mrkdwn.clip(i.title(), 150))
        + "*\n" + when + doc;
  }

  private static LayoutBlock postmortemButtons(Facilitated f) {
    String id = f.incident().id().toString();
    String schedule = f.postmortem().scheduledMeeting().isPresent() ? "Reschedule" : "Schedule";
    return actions(a -> a.blockId("home_postmortem_" + f.incident().id().value()).elements(List.of(
        button(b -> b.actionId(OPEN_POSTMORTEM).value(id).text(plainText("Open post-mortem"))),
        button(b -> b.actionId(SCHEDULE_POSTMORTEM).value(id).text(plainText(schedule))))));
  }

  private static void more(List<LayoutBlock> blocks, int left, String hint) {
    if (left > 0) {
      blocks.add(context(c -> c.elements(List.of(markdownText("…and " + left + " more." + hint)))));
    }
  }
}
