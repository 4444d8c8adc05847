package dev.candor.slack.nudge;

import static com.slack.api.model.block.Blocks.actions;
import static com.slack.api.model.block.Blocks.context;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static com.slack.api.model.block.element.BlockElements.button;

import dev.candor.nudge.Finding;
import dev.candor.nudge.ModelWording;
import dev.candor.slack.platform.Mrkdwn;
import dev.candor.slack.platform.SlackMessage;
import dev.candor.slack.platform.SlackText;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/** The private replies to blame and self-blame, in Candor's own words. */
final class NudgeMessages {
  public static final String NOT_BLAME = "nudge_not_blame";
  /** Between the rule id and the nudge's token in the [Not blame] button's value. */
  public static final char TOKEN_MARK = ':';
  private static final Pattern DISTRESS = Pattern.compile(
      "(?i)\\b(?:i should (?:just )?quit|i(?:'m| am) done here|i want to disappear|i hate myself|"
          + "i can'?t do this anymore|i(?:'m| am) going to get fired|i(?:'ll| will) be fired)\\b");

  private NudgeMessages() {}

  /**
   * A nudge: the phrase, a blameless way to say it, why, and a way to say it was not blame.
   *
   * @param token this nudge's random token, so that its [Not blame] is counted once
   * @param nameOf the name to show for a mentioned user id: a nudge quotes people by name, never by id
   */
  public static SlackMessage nudge(Finding f, String token, UnaryOperator<String> nameOf) {
    // the words as the person typed them (Slack's escaping undone, mentions as @name), escaped once
    // the model points at no phrase: it says what it read the message as, and gives the category's wording
    String said = f.fromModel() ? "Read as a whole, your message may come across as " + ModelWording.described(f.category())
        : "\"" + Mrkdwn.escape(Mrkdwn.clip(SlackText.plain(f.match(), nameOf), 300)) + "\" may read as blame";
    String text = said + " — try: \"" + Mrkdwn.escape(SlackText.plain(f.rewrite(), nameOf)) + "\". " + Mrkdwn.escape(f.reason());
    return new SlackMessage(text, List.of(
        Mrkdwn.section(":seedling: " + text),
        context(c -> c.elements(List.of(markdownText("*Why am I seeing this?* Candor sends a private note when a "
            + "message in an incident channel might read as blaming a person. Only you can see it, nobody else "
            + "was told, and nothing about it is kept with your name. Blameless doesn't mean unaccountable: it "
            + "keeps people able to say everything they know.")))),
        actions(a -> a.elements(List.of(button(b -> b.actionId(NOT_BLAME).value(f.ruleId() + TOKEN_MARK + token)
            .text(plainText("Not blame"))))))));
  }

  /** Support for someone who blames themselves: no rule, no rewrite, no correction. */
  public static SlackMessage support(String message) {
    StringBuilder text = new StringBuilder(":handshake: Thanks for being upfront about this; it helps everyone here "
        + "work faster. If one change could do this much, the system let it happen: that's a finding about our "
        + "guardrails, not a verdict on you. It only looks obvious now that we know how it ended. Once things are "
        + "calm, what you saw and expected at the time is the most useful thing the review can have. Stay on it, "
        + "hand your part to someone, or step away for a breather: any of those is fine.");
    if (DISTRESS.matcher(message).find()) {
      text.append("\n\nIf this weighs on you beyond today, please talk to someone you trust — your manager, a "
          + "friend, or your company's support resources. This note went to you alone.");
    }
    String t = text.toString();
    return new SlackMessage(t, List.of(Mrkdwn.section(t),
        context(c -> c.elements(List.of(markdownText("Only you can see this. Candor keeps nothing about it "
            + "with your name."))))));
  }

  /** What replaces a nudge whose [Not blame] was counted before (a double click, say). */
  public static String feedbackCountedAlready() {
    return ":ok_hand: Already noted, thanks: it counts once.";
  }

  /** What replaces a nudge once its author says it was not blame. */
  public static String thanksForFeedback() {
    return ":ok_hand: Thanks — noted against that rule (no text, no name), so the team can see which rules misfire.";
  }
}
