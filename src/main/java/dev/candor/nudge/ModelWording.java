package dev.candor.nudge;

/**
 * What a nudge from the learned model says. The model points at no phrase and knows no facts of the incident, so
 * it gives the category's blameless wording (blame-language.md, section 3) and says that it read the message as a
 * whole.
 */
public final class ModelWording {
  private ModelWording() {}

  static String rewrite(Category category) {
    return switch (category) {
      case PERSON_AS_CAUSE -> "errors started right after the change; rolling it back";
      case CULPRIT_HUNT -> "who has context on the change? we need to know if it's safe to roll back";
      case COUNTERFACTUAL -> "what did things look like when the step was taken? what made it seem fine then?";
      case CHARACTER_JUDGMENT -> "describe the act and what made it easy to do: what did the person see at the time?";
      case HUMAN_ERROR_CAUSE -> "a manual step hit the wrong target and nothing caught it; what made that possible?";
      case BLAME_SHIFTING -> "what we've ruled out so far, and who can check the next part?";
      case SARCASM_PILEON -> "usually, don't post it; if thanks are due, say thanks plainly";
      case SELF_BLAME -> "";
    };
  }

  static String reason(Category category) {
    return switch (category) {
      case PERSON_AS_CAUSE -> "Naming the change instead of the person keeps attention on what happened, and keeps "
          + "the people with context talking.";
      case CULPRIT_HUNT -> "Asking who can help brings people in; asking who did it makes them go quiet.";
      case COUNTERFACTUAL -> "'Should have' describes a world that didn't happen; asking what the person saw at the "
          + "time is how we learn.";
      case CHARACTER_JUDGMENT -> "Labels for people don't explain the incident; describing the conditions does.";
      case HUMAN_ERROR_CAUSE -> "'Human error' is where the inquiry stops, not where it ends; it points at conditions "
          + "worth fixing.";
      case BLAME_SHIFTING -> "Ruling things out helps; handing out fault puts everyone on the defensive.";
      case SARCASM_PILEON -> "Jokes at someone's expense land harder mid-incident and teach everyone to hide the next "
          + "slip.";
      case SELF_BLAME -> "";
    };
  }

  /** The category in words, for a nudge that quotes no phrase: "hunting for a culprit". */
  public static String described(Category category) {
    return switch (category) {
      case PERSON_AS_CAUSE -> "naming a person as the cause";
      case CULPRIT_HUNT -> "hunting for a culprit";
      case COUNTERFACTUAL -> "judging in hindsight what someone should have done";
      case CHARACTER_JUDGMENT -> "judging a person rather than the act";
      case HUMAN_ERROR_CAUSE -> "giving human error as the cause";
      case BLAME_SHIFTING -> "shifting fault onto someone";
      case SARCASM_PILEON -> "sarcasm aimed at a person";
      case SELF_BLAME -> "blaming yourself";
    };
  }
}
