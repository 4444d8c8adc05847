package dev.candor.nudge;

import java.util.regex.Pattern;

/**
 * The cheap test before the learned model: blame needs someone to blame (blame-language.md, section 2, gate 3), so
 * a message that refers to no person, team, role, "you" or the author is not read by the model. A reference is an
 * @mention, a pronoun, a word for people or a role, a possessive ({@code ahmed's}), or a capitalised word that may
 * be a name; and, since a name in lower case ("marcus took down auth") cannot be told from other words cheaply, a
 * word that blames whoever it is said of (caused, forgot, should've, rookie, again…). It errs towards reading.
 */
final class PersonReference {
  private static final Pattern REFERENCE = Pattern.compile(
      "<@[A-Z0-9]+(?:\\|[^>]*)?>|(?<![\\w.])@[\\w.-]+"
          + "|(?i:\\b(?:i|i'm|i've|i'd|i'll|im|ive|me|my|mine|myself|we|we're|us|our|ours|ourselves|you|you're|youre|your|"
          + "yours|yourself|u|ur|ya|y'all|yall|he|him|his|she|her|hers|they|them|their|theirs|someone|somebody|"
          + "anyone|anybody|whoever|who|whom|whose|everyone|everybody|nobody|no one|people|person|persons|guy|guys|"
          + "folks|team|teams|squad|dev|devs|developer|developers|engineer|engineers|engineering|ops|devops|sre|sres|"
          + "dba|dbas|qa|intern|interns|contractor|contractors|vendor|vendors|manager|managers|management|lead|"
          + "leads|owner|owners|oncall|on-call|admin|admins|operator|operators|human|humans|staff|colleague|"
          + "colleagues|reviewer|reviewers|approver|author|new hire|junior|senior|genius|hero|idiot|clown|"
          + "careful|sorry|apologi[sz]e|apologies|oops|culprit|fault|blame|fired|pebkac|layer 8|fat.?finger\\w*|"
          + "support|sales|security|netops|network|networking|platform|infra|backend|frontend|"
          + "product|marketing|legal|finance|customer|customers|client|clients|boss|cto|ceo|vp|pm|"
          + "broke|breaks|caused?|took (?:down|out)|nuked|killed|tanked|wrecked|trashed|torched|should'?ve|"
          + "should have|could'?ve|could have|would'?ve|would have|ought|supposed|forgot|neglected|bother|failed|"
          + "didn'?t|rookie|cowboy|lazy|sloppy|careless|reckless|stupid|dumb|liability|idiot|id10t|incompetent|"
          + "clueless|amateur|classic|again|usual|nice work|great job|well done|thanks a lot|shock\\w*|skill issue|"
          + "approves|rubber|not it|error|rc|root cause|causa|raiz|erro)\\b)"
          + "|\\b(?!(?i:it|that|what|there|here|let|who|where|how|this|one|today|everything|nothing)['’])\\w+['’]s\\b|\\b\\p{Lu}\\p{Ll}{2,}\\b");

  private PersonReference() {}

  /** Whether the prose may refer to someone who could be blamed. */
  static boolean mayBlame(String prose) {
    return REFERENCE.matcher(prose).find();
  }
}
