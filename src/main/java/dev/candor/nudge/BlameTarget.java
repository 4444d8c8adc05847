package dev.candor.nudge;

import java.util.regex.Pattern;

/**
 * Whom a document's prose could blame (blame-language.md, section 2, gate 3), for the learned model's findings in a
 * written document, where no rule points at the words. A post-mortem is told after the fact by its authors, as "we",
 * in a narrative where "the deploy failed" and "a node was deleted" are neutral; so there, blame from the model
 * alone needs someone else as its target: an @mention, "you", "he" or "she", "someone", "whoever" or "who", a role
 * or team ("the engineer", "the DBA team", "the vendor"), a possessive ({@code Leila's}), or a capitalised word
 * inside a sentence that may be a name. The writers' own "we" is no target, nor are "people" and "everyone" at
 * large, nor a blame word alone (unlike {@link PersonReference}, the prefilter, which errs towards reading). And
 * self-blame needs the author: "I", "me", "my", "we", "our" or "us".
 */
final class BlameTarget {
  /** Capitalised words that open sentences and are no one's name: pronouns, determiners, connectives. */
  private static final String NOT_A_NAME = "(?:It|That|What|There|Here|Let|Who|Where|When|How|Why|This|These|"
      + "Those|The|One|Today|Everything|Nothing|Everyone|Everybody|Nobody|Somebody|Someone|Anyone|Anybody|"
      + "Some|All|Most|Many|Each|Every|Both|Any|None|Our|Their|Its|His|Her|Your|My|After|Before|During|While|"
      + "Since|Because|Once|Then|Also|But|And|However|Which|Nothing|Something|Everything|Yesterday|Tomorrow)";
  private static final Pattern SOMEONE_ELSE = Pattern.compile(
      "<@[A-Z0-9]+(?:\\|[^>]*)?>|(?<![\\w.])@[\\w.-]+"
          + "|(?i:\\b(?:you|you're|youre|your|yours|yourself|yourselves|y'all|yall|he|him|his|she|her|hers|"
          + "they|them|their|theirs|someone|somebody|anyone|anybody|whoever|who|whom|whose|"
          + "team|teams|squad|crew|group|department|guys|folks|devs|developers?|engineers?|operators?|admins|"
          + "administrators?|reviewers?|approvers?|author|owners?|managers?|management|leadership|contractors?|"
          + "vendors?|suppliers?|msp|interns?|staff|employees?|colleagues?|co-?workers?|person|on-?call|oncaller|"
          + "sres?|dbas?|ops|devops|netops|secops|qa|sales|finance|marketing|legal|support|new hire|junior|"
          + "release manager|incident commander)\\b)"
          // a possessive that may be a name: Leila's (not it's, that's, what's...)
          + "|\\b(?!" + NOT_A_NAME + "['’])\\p{Lu}\\p{Ll}+['’]s\\b"
          // a capitalised word inside a sentence: a name, or a product (this errs towards reading)
          + "|(?<=[\\p{Ll}\\d,)]\\s{1,3})\\p{Lu}\\p{Ll}{2,}\\b"
          // a capitalised word that opens a sentence and is followed by what someone did: Dmitri deleted
          + "|\\b(?!" + NOT_A_NAME + "\\b)\\p{Lu}\\p{Ll}{2,}\\s+(?:\\p{Ll}+ly\\s+)?(?:\\p{Ll}{2,}ed|did|didn['’]?t|"
          + "does|doesn['’]?t|was|wasn['’]?t|is|isn['’]?t|has|hasn['’]?t|had|hadn['’]?t|should|shouldn['’]?t|"
          + "could|couldn['’]?t|would|never|forgot|broke|took|made|ran|wrote|knew|missed|said|told|left|put|"
          + "let|set|got|went|saw|thought)\\b");
  private static final Pattern AUTHOR =
      Pattern.compile("(?i:\\b(?:i|i'm|i've|i'd|i'll|im|ive|me|my|mine|myself|we|we're|we've|we'd|us|our|ours|"
          + "ourselves)\\b)");

  private BlameTarget() {}

  /** Whether the prose refers to someone other than its authors whom it could blame. */
  static boolean namesSomeoneElse(String prose) {
    return SOMEONE_ELSE.matcher(prose).find();
  }

  /** Whether the prose refers to its author (or authors), whom self-blame is about. */
  static boolean namesTheAuthor(String prose) {
    return AUTHOR.matcher(prose).find();
  }
}
