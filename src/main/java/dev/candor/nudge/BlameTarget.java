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
 * self-blame needs the author: "I", "me", "my", "we", "our" or "us". In chat ({@link #noTargetInChat}) the model's
 * blame needs a target too, but more counts as one there (lower-case names, chat's "u", people at large), since chat
 * is terse and often lower case.
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
          + "ourselves)\\b(?![-‐]\\w))");

  /** Lower-case words that may stand before a verb and are no one's name: pronouns, fillers, things. */
  private static final String NOT_A_SUBJECT = "i|we|it|this|that|these|those|which|what|who|there|here|one|all|both|"
      + "something|nothing|everything|anything|thing|stuff|he|she|they|you|u|also|just|still|then|really|only|"
      + "never|again|now|even|kinda|sorta|somehow|must|might|may|def|prob|oops|whoops|ugh|welp|sorry|yeah|yep|"
      + "nope|ok|okay|lol|lmao|ngl|tbh|fr|well|so|and|but|or|because|bc|cuz|as|when|if|prod|staging|build|deploy|"
      + "deploys|change|changes|job|cron|script|config|alert|alerts|pipeline|release|migration|update|patch";
  /** What blames whoever it is said of, as the predicate after a subject. */
  private static final String BLAMING_VERB = "broke|breaks|break|caused|causes|took|takes|nuked|killed|tanked|"
      + "wrecked|trashed|torched|messed|screwed|borked|hosed|fat-?fingered|deleted|dropped|wiped|truncated|pushed|"
      + "merged|deployed|shipped|ran|skipped|ignored|missed|forgot|forgets|neglected|failed|didn['’]?t|did|does|"
      + "doesn['’]?t|should['’]?ve|should|shouldn['’]?t|could['’]?ve|could|would['’]?ve|approved|rubber-?stamped|"
      + "rushed|changed|removed|overwrote|disabled|misconfigured|left|let|strikes|keeps|kept|touched|committed|"
      + "flipped|bumped|rolled|restarted|hardcoded|had|hadn['’]?t|would|wouldn['’]?t|never|told|said|signed|"
      + "wrote|is (?:an?|such|the)|was (?:an?|such|the|supposed)|is supposed";
  /**
   * In chat, more may be someone else than in a written document: the chat spellings of "you"; people at large
   * ("everyone", "nobody", "some of us"), who in chat are often a thinly veiled colleague; humans, users and
   * customers; a team by its trade ("infra", "networking", "the night shift"); a word that labels a person
   * ("amateur", "genius") or thanks one; a capitalised word after a colon or dash; a possessive in lower case
   * ({@code raj's deploy}); and a lower-case word, not after a determiner or preposition, that does what blames
   * whoever does it ({@code marcus forgot}, {@code because sofia deleted}, {@code from jake would've}): chat is often
   * written in lower case, and such a word may be a name ("the cert expired", "our deploy broke" are not).
   */
  private static final Pattern SOMEONE_ELSE_IN_CHAT = Pattern.compile(
      "(?i:\\b(?:u|ur|ya|ppl|everyone|everybody|nobody|no one|people|some of us|rest of us|humans?|users?|"
          + "customers?|clients?|boss|bosses|lead|leads|cto|ceo|vp|pm|company|names?|idiots?|morons?|clowns?|"
          + "amateurs?|rookies?|cowboys?|genius|geniuses|heroes|hero|lazy|sloppy|careless|reckless|negligent|"
          + "incompetent|clueless|useless|irresponsible|captains?|ic|scribe|responders?|commander|"
          + "thanks|thank you|thx|ty|kudos|props|cheers|"
          + "nice work|great job|good job|well done|great work|nice one|infra|platform|network|networking|"
          + "frontend|backend|mobile|security|product|eng|engineering|cs|service desk|tier \\d|(?:night|day|"
          + "weekend|morning|evening) shift)\\b)"
          + "|(?<=[:–—(\"“]\\s{0,3})\\p{Lu}\\p{Ll}{2,}\\b"
          + "|\\b(?!(?i:it|that|what|there|here|let|who|where|how|he|she|this|one|today|everything|nothing|"
          + "something|name|life)['’])\\p{Ll}+['’]s\\b"
          + "|(?<![\\p{L}'’-])(?<!\\b(?:the|a|an|this|that|these|those|our|my|its|their|your|his|her|some|any|no|"
          + "every|each|one|new|old|of|in|on|at|for|by|with)\\s)(?!(?:" + NOT_A_SUBJECT + ")\\b)(?!\\p{Ll}+ly\\b)"
          + "\\p{Ll}{2,}\\s+(?:(?:\\p{Ll}+ly|just|also|never|totally|kinda)\\s+)?(?:" + BLAMING_VERB + ")\\b");

  /**
   * A system as the subject of what went wrong (blame-language.md, gate 3: "if the subject is a deploy, change,
   * config, job or system, it is not blame"): a word for a change or a machine right before a verb that blames
   * whoever does it ({@code the cron job took down}, {@code the config change wrecked}, {@code that backfill took
   * out}, {@code the retry storm is what killed}).
   */
  private static final Pattern SYSTEM_AS_SUBJECT = Pattern.compile("(?i:\\b(?:deploy|deployment|release|rollout|"
      + "change|update|upgrade|patch|migration|job|cron|script|config|flag|backfill|query|bug|storm|retry|retries|"
      + "cache|load|traffic|spike|build|pipeline|commit|pr|push|merge|hotfix|fix|cert|certificate|dns|failover|"
      + "restart|node|pod|cluster|replica|db|database|disk|server|service|sdk|library|dependency|api|endpoint|"
      + "rebalance|compaction|leak|rotation|sync|timeout|alert|process|worker|workers|operator|controller|"
      + "autoscaler|gc)s?\\s+(?:\\p{Ll}+ly\\s+|just\\s+|is what\\s+(?:\\p{Ll}+ly\\s+)?)?(?:broke|caused|took|"
      + "nuked|killed|tanked|wrecked|trashed|torched|messed|screwed|borked|hosed|deleted|dropped|wiped|"
      + "truncated|changed|removed|overwrote|disabled|failed)\\b)");

  private BlameTarget() {}

  /** Whether the prose refers to someone other than its authors whom it could blame. */
  static boolean namesSomeoneElse(String prose) {
    return SOMEONE_ELSE.matcher(prose).find();
  }

  /**
   * Whether a chat message's prose gives blame no target (blame-language.md, gate 3): it refers to no one it could
   * blame ({@link #namesSomeoneElse}, and what more chat may name: {@link #SOMEONE_ELSE_IN_CHAT}), and either refers
   * to its author (I, we: what the author aims at themselves is self-blame, 3.3) or has a system as the subject of
   * what went wrong.
   */
  static boolean noTargetInChat(String prose) {
    return !namesSomeoneElse(prose) && !SOMEONE_ELSE_IN_CHAT.matcher(prose).find()
        && (namesTheAuthor(prose) || SYSTEM_AS_SUBJECT.matcher(prose).find());
  }

  /** Whether the prose refers to its author (or authors), whom self-blame is about. */
  static boolean namesTheAuthor(String prose) {
    return AUTHOR.matcher(prose).find();
  }
}
