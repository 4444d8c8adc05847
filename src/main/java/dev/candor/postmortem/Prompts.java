package dev.candor.postmortem;

import dev.candor.followup.Level;
import java.util.List;

/**
 * The questions a draft asks. They look for the conditions that made each action reasonable at the
 * time, at every level from the organization down to the software, and never for a person to blame:
 * how and what, not who and why.
 */
final class Prompts {
  private Prompts() {}

  static final String SUMMARY = "In a few paragraphs, tell the story for someone who was not there: what happened,"
      + " how it was noticed, how the response unfolded and what it took to recover. Write it together, after the"
      + " meeting; this draft leaves it to you on purpose.";

  static final List<String> IMPACT = List.of(
      "Who was affected, and how did it show up for them?",
      "How many customers, requests or systems, and for how long?",
      "What did we hear from customers or other teams, and through which channels?",
      "What did it cost the people who responded: time, sleep, plans, stress? What do they need now?");

  static final String FACTORS = "Look for the conditions that made each action reasonable at the time it was taken."
      + " Ask how and what, not who and why: \"human error\" is where an inquiry stops, not where it ends.";

  /** Two or three questions for each level, in the order the levels are listed. */
  static List<String> factors(Level level) {
    return switch (level) {
      case ORGANIZATION -> List.of(
          "How did priorities, staffing or deadlines shape the choices people had, in the weeks before and during"
              + " the incident?",
          "Where did ownership between teams leave a gap this incident fell into?",
          "What would have to be decided or funded above the team to make this less likely?");
      case CULTURE -> List.of(
          "How safe did people feel raising a concern, asking for help or stopping a change, before and during"
              + " the incident?",
          "What did people expect would happen if they spoke up, and how did that shape what they said?",
          "Which invisible work kept this from being worse, and is that work noticed here?");
      case PROCESS -> List.of(
          "Which steps did the change or the response pass through (review, rollout, handover, escalation), and"
              + " how did each make the path taken look reasonable?",
          "Where did the process rely on someone remembering something, rather than doing it itself?",
          "How did responders find out whom to call and what to do, and how long did that take?");
      case ENGINEERING -> List.of(
          "What did the people involved see at the time, and what would have told them more?",
          "How do our testing, deploy and rollback practices catch a change like this, and what let it through"
              + " here?",
          "Which alerts, dashboards and runbooks helped, and which were missing, noisy or out of date?");
      case SOFTWARE -> List.of(
          "Which technical conditions had to line up for this to happen, and which of them did we know about?",
          "Where did the system allow a risky action without a guardrail, a confirmation or a safe default?",
          "What in the design made recovery slower, or faster, than it needed to be?");
    };
  }

  static final String WENT_WELL = "What helped: people, tools, practices, decisions? Who should be thanked, and for"
      + " what?";

  static final String LUCKY = "What could have made this much worse, and what kept it from happening? Which of"
      + " those protections were luck rather than design?";

  static final String NO_FOLLOW_UPS = "No follow-ups yet. Add them in the channel, for example"
      + " `/incident followup @owner friday Add a canary step #process`; learning above the code (organization,"
      + " culture, process) counts as much as a fix in it.";

  static final String ALL_SOFTWARE = "Every follow-up so far is at the software level. What in the organization,"
      + " the culture or the process made this incident likely? A follow-up there can prevent more than one kind"
      + " of incident.";

  static final String TALK = "Nudges go privately to the person who wrote the message, and Candor keeps no names."
      + " How did the way we talked to each other help or hinder the response?";
}
