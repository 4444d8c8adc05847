package dev.candor.slack.followup;

import static com.slack.api.model.block.Blocks.actions;
import static com.slack.api.model.block.Blocks.context;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static com.slack.api.model.block.element.BlockElements.button;

import com.slack.api.model.block.LayoutBlock;
import dev.candor.followup.FollowUp;
import dev.candor.followup.LevelsQuestion;
import dev.candor.followup.WeeklyDigest;
import dev.candor.slack.platform.Mrkdwn;
import dev.candor.slack.platform.SlackMessage;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** What a facilitator is sent: the question about follow-up levels, and the weekly digest. Pure. */
final class FacilitatorMessages {
  static final int MAX_DIGEST_ITEMS = 60;
  private static final int ITEMS_PER_SECTION = 10;
  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEE d MMM", Locale.ENGLISH);

  private FacilitatorMessages() {}

  /** Every follow-up of the incident is about the software: ask what above the code made it likely. */
  public static SlackMessage levelsQuestion(LevelsQuestion.Ask ask) {
    var incident = ask.incident();
    int n = ask.followUps().size();
    String text = ":thinking_face: " + (n == 1 ? "The one follow-up" : "All " + n + " follow-ups") + " of "
        + incident.id() + " (" + Mrkdwn.words(incident.title()) + ") " + (n == 1 ? "is" : "are")
        + " at the software level. What organization, culture or process made this incident likely? "
        + "A follow-up there keeps it from coming back in another form.";
    StringBuilder list = new StringBuilder();
    for (FollowUp f : ask.followUps().subList(0, Math.min(n, 10))) {
      list.append("• ").append(Mrkdwn.words(Mrkdwn.clip(f.title(), 150))).append('\n');
    }
    if (n > 10) {
      list.append("…and ").append(n - 10).append(" more\n");
    }
    String questions = "_Were the people involved set up to succeed (ownership, staffing, priorities)? "
        + "Was it safe to raise the risk earlier? Which review, rollout or on-call step could have caught it?_";
    List<LayoutBlock> blocks = List.of(
        Mrkdwn.section(text),
        Mrkdwn.section(list.toString().strip()),
        context(c -> c.elements(List.of(markdownText(questions)))),
        actions(a -> a.elements(List.of(button(b -> b.actionId(FollowUpMessages.ADD).value(incident.channelId())
            .text(plainText("Add a follow-up")))))),
        context(c -> c.elements(List.of(markdownText("Or in " + Mrkdwn.channel(incident.channelId())
            + ": `/incident followup @owner friday &lt;what&gt; #process` (or #organization, #culture)")))));
    return new SlackMessage(text, blocks);
  }

  /** The weekly digest: the open follow-ups of the incidents {@code digest.recipient()} facilitates. */
  public static SlackMessage digest(WeeklyDigest.Digest digest) {
    List<WeeklyDigest.Item> items = digest.items();
    long incidents = items.stream().map(i -> i.incident().id()).distinct().count();
    long overdue = digest.overdue();
    String text = ":spiral_calendar_pad: Your weekly follow-ups: " + items.size() + " open across " + incidents
        + (incidents == 1 ? " incident" : " incidents") + (overdue > 0 ? ", " + overdue + " overdue" : "") + ".";
    List<LayoutBlock> blocks = new ArrayList<>();
    blocks.add(Mrkdwn.section(text));
    List<WeeklyDigest.Item> shown = items.subList(0, Math.min(items.size(), MAX_DIGEST_ITEMS));
    for (int from = 0; from < shown.size(); from += ITEMS_PER_SECTION) {
      StringBuilder lines = new StringBuilder();
      for (WeeklyDigest.Item item : shown.subList(from, Math.min(shown.size(), from + ITEMS_PER_SECTION))) {
        lines.append(line(digest, item)).append('\n');
      }
      String body = lines.toString().strip();
      blocks.add(Mrkdwn.section(body));
    }
    if (items.size() > shown.size()) {
      blocks.add(context(c -> c.elements(List.of(markdownText("…and " + (items.size() - shown.size())
          + " more; `/incident followups` in each incident channel lists them all.")))));
    }
    blocks.add(context(c -> c.elements(List.of(markdownText("You get this on Mondays as the facilitator of these "
        + "incidents. Owners get their own reminders.")))));
    return new SlackMessage(text, blocks);
  }

  private static String line(WeeklyDigest.Digest digest, WeeklyDigest.Item item) {
    FollowUp f = item.followUp();
    long late = digest.daysOverdue(item);
    String due = late > 0 ? ":warning: overdue by " + late + (late == 1 ? " day" : " days")
        : late == 0 ? "due today" : "due " + DAY.format(f.due());
    return "• *" + Mrkdwn.words(Mrkdwn.clip(f.title(), 120)) + "* — " + Mrkdwn.user(f.owner()) + " · "
        + f.level().label() + " · " + due + " · " + item.incident().id() + " "
        + Mrkdwn.channel(item.incident().channelId());
  }
}
