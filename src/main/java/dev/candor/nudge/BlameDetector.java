package dev.candor.nudge;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.IntStream;

/**
 * Text in, findings out. Pure: no Slack, no storage, no clock.
 *
 * <p>A rule applies when one of its keywords is among the message's words (or it has none), one of its patterns
 * matches the message's prose ({@link Prose}) and none of its exceptions does; a rule for replies that quote
 * someone's self-blame applies only when the quoted lines hold self-blame. The match shown is the pattern's first,
 * as {@code find()} gives it. For speed ({@link RuleIndex}, {@link MessageScan}) the prose is read once by one
 * automaton, and each pattern is tried only where its anchors allow a match to start: the same findings as trying
 * every pattern everywhere, at a small part of the cost.
 *
 * <p>The hybrid: where no high-sureness rule speaks, the learned model ({@link LearnedJudge}), when one is given and
 * loaded, reads the message's prose as a whole and speaks above its threshold. The rules come first because they
 * point at the words, and give the rewrite and the reason; the model's findings quote nothing.
 */
public final class BlameDetector {
  private final RuleIndex index;
  private final List<Rule> rules;
  /** Indexes (in {@link #rules}) of the high self-blame rules, checked on quoted lines for pile-ons. */
  private final int[] selfBlameRules;
  /** The learned model, when loaded; empty while it loads, or when it is off or failed to load. */
  private final Supplier<Optional<LearnedJudge>> model;
  /** Where the rules hold the model back. */
  private final List<ModelHold> holds;

  /** A detector of {@code rules} alone; cheap after the first for the same rule set, whose index it shares. */
  public BlameDetector(RuleSet rules) {
    this(rules, Optional::empty);
  }

  /**
   * The hybrid of {@code rules} and the learned model that {@code model} gives once it is loaded (it is asked on
   * every message, and must answer at once).
   */
  public BlameDetector(RuleSet rules, Supplier<Optional<LearnedJudge>> model) {
    this.model = model;
    this.holds = rules.modelHolds();
    this.index = rules.index();
    this.rules = index.rules;
    this.selfBlameRules = IntStream.range(0, this.rules.size())
        .filter(i -> this.rules.get(i).category().isSelfBlame() && this.rules.get(i).sureness() == Rule.Sureness.HIGH)
        .toArray();
  }

  /** Every finding in {@code message}, high and medium sureness, in the order of the rules. */
  public List<Finding> findings(String message) {
    Message m = Message.of(message, index);
    if (m == null) {
      return List.of();
    }
    List<Finding> found = scan(m, Mode.ALL);
    if (verdict(found) == Verdict.NONE) {
      modelFinding(m).ifPresent(found::add);
    }
    return found;
  }

  /**
   * Every finding in a paragraph of a written document (a post-mortem): the rules as in {@link #findings}; where
   * they are silent, the model under its document threshold and target gate ({@link LearnedJudge}), at medium
   * sureness: counted, never shown. A document is told after the fact, in a register the model learned little of
   * (first-person narrative, "I thought", a team's review actions); on 183 published post-mortems the model's
   * findings alone were deserved in none of 4 cases, the rules' in all of 6 (README, "Published post-mortems").
   */
  public List<Finding> documentFindings(String paragraph) {
    Message m = Message.of(paragraph, index);
    if (m == null) {
      return List.of();
    }
    List<Finding> found = scan(m, Mode.ALL);
    if (verdict(found) == Verdict.NONE) {
      model.get().flatMap(judge -> judge.judgeDocumentText(LearnedJudge.ofProse(m.prose.text), () -> heldBack(m)))
          .map(Finding::asMedium).ifPresent(found::add);
    }
    return found;
  }

  /** Every finding of the rules alone in {@code message}, high and medium sureness, in the order of the rules. */
  public List<Finding> ruleFindings(String message) {
    Message m = Message.of(message, index);
    return m == null ? List.of() : scan(m, Mode.ALL);
  }

  /** The learned model's finding, if it is loaded and speaks. */
  private Optional<Finding> modelFinding(Message m) {
    return model.get().flatMap(judge -> judge.judgeText(LearnedJudge.ofProse(m.prose.text),
        LearnedJudge.noTarget(m.prose), () -> heldBack(m)));
  }

  /** The categories the rule set holds the learned model back from in {@code message} ({@link ModelHold}). */
  public Set<Category> modelHeldBack(String message) {
    Message m = Message.of(message, index);
    return m == null ? Set.of() : heldBack(m);
  }

  private Set<Category> heldBack(Message m) {
    Set<Category> held = EnumSet.noneOf(Category.class);
    for (ModelHold hold : holds) {
      if (!held.containsAll(hold.categories()) && hold.holds(m.prose.text)) {
        held.addAll(hold.categories());
      }
    }
    return held;
  }

  /**
   * What a live message needs, and no more: the finding its author would be shown (self-blame first, then
   * the first blame), and the medium findings, which are only counted. The same outcome as
   * {@link #findings} followed by {@link #shown}, without trying every high rule; the message is read once.
   */
  public Judgement judge(String message) {
    Message m = Message.of(message, index);
    if (m == null) {
      return new Judgement(Optional.empty(), List.of());
    }
    List<Finding> shown = scan(m, Mode.VERDICT);
    return new Judgement(shown.isEmpty() ? modelFinding(m) : Optional.of(shown.get(0)), scan(m, Mode.MEDIUM));
  }

  /** The finding to show, if any, and the medium findings to count. */
  public record Judgement(Optional<Finding> shown, List<Finding> counted) {}

  private enum Mode {
    ALL,
    VERDICT,
    MEDIUM
  }

  /** A message's prose, read once, and what its quoted lines hold (worked out when first needed). */
  private static final class Message {
    final String original;
    final Prose prose;
    final MessageScan scan;
    private final RuleIndex index;
    private MessageScan quoted;

    private Message(String original, Prose prose, RuleIndex index) {
      this.original = original;
      this.prose = prose;
      this.index = index;
      this.scan = new MessageScan(index, prose.text);
    }

    /** Null when there is nothing to judge. */
    static Message of(String message, RuleIndex index) {
      if (message == null || message.isBlank()) {
        return null;
      }
      Prose prose = Prose.of(message);
      return prose.isBlank() ? null : new Message(message, prose, index);
    }

    /** The quoted lines' prose, read once; null when there are none. */
    MessageScan quoted() {
      if (quoted == null && !prose.quoted.isBlank()) {
        quoted = new MessageScan(index, Prose.of(prose.quoted).text);
      }
      return quoted;
    }
  }

  /**
   * The rules' findings in the message. {@link Mode#VERDICT} gives only what the verdict needs: the high
   * self-blame rules first, then the other high rules until one matches (the same verdict, less work).
   */
  private List<Finding> scan(Message message, Mode mode) {
    boolean verdictOnly = mode == Mode.VERDICT;
    List<Finding> found = new ArrayList<>();
    Boolean quotesSelfBlame = null;
    MessageScan scan = message.scan;
    for (int pass = verdictOnly ? 0 : 1; pass < 2; pass++) {
      for (int i = 0; i < rules.size(); i++) {
        Rule rule = rules.get(i);
        if (verdictOnly && (rule.sureness() != Rule.Sureness.HIGH
            || rule.category().isSelfBlame() != (pass == 0))) {
          continue;
        }
        if (mode == Mode.MEDIUM && rule.sureness() != Rule.Sureness.MEDIUM) {
          continue;
        }
        if (!scan.mayApply(i)) {
          continue;
        }
        if (rule.afterQuotedSelfBlame()) {
          if (quotesSelfBlame == null) {
            quotesSelfBlame = message.quoted() != null && holdsSelfBlame(message.quoted());
          }
          if (!quotesSelfBlame) {
            continue;
          }
        }
        int matched = firstMatch(scan, i);
        // The exceptions veto the rule; they are tried only once a pattern matched (same outcome, less work).
        if (matched >= 0 && !vetoed(scan, i)) {
          int start = scan.find(matched);
          String match = message.original.substring(start, scan.end(matched)).strip();
          found.add(new Finding(rule.id(), rule.category(), rule.sureness(), start, scan.end(matched), match,
              rule.suggest().replace("{match}", match), rule.note()));
          if (verdictOnly) {
            return found;
          }
        }
      }
    }
    return found;
  }

  /** The first of the rule's patterns that matches (its id), or -1. */
  private int firstMatch(MessageScan scan, int rule) {
    for (int p : index.patternIds[rule]) {
      if (scan.find(p) >= 0) {
        return p;
      }
    }
    return -1;
  }

  private boolean vetoed(MessageScan scan, int rule) {
    for (int p : index.unlessIds[rule]) {
      if (scan.find(p) >= 0) {
        return true;
      }
    }
    return false;
  }

  /** Whether a high self-blame rule applies to the text, keywords aside. */
  private boolean holdsSelfBlame(MessageScan quoted) {
    for (int r : selfBlameRules) {
      if (!vetoed(quoted, r) && firstMatch(quoted, r) >= 0) {
        return true;
      }
    }
    return false;
  }

  /** What the message comes to, from its high-sureness findings: self-blame first, then blame. */
  public Verdict verdict(String message) {
    Message m = Message.of(message, index);
    if (m == null) {
      return Verdict.NONE;
    }
    Verdict ruled = verdict(scan(m, Mode.VERDICT));
    if (ruled != Verdict.NONE) {
      return ruled;
    }
    return modelFinding(m).map(f -> f.category().isSelfBlame() ? Verdict.SELF_BLAME : Verdict.BLAME)
        .orElse(Verdict.NONE);
  }

  public static Verdict verdict(List<Finding> findings) {
    boolean blame = false;
    for (Finding f : findings) {
      if (!f.shown()) {
        continue;
      }
      if (f.category().isSelfBlame()) {
        return Verdict.SELF_BLAME;
      }
      blame = true;
    }
    return blame ? Verdict.BLAME : Verdict.NONE;
  }

  /** The finding a person would be shown, if any: self-blame first, then the first blame. */
  public static Optional<Finding> shown(List<Finding> findings) {
    return findings.stream().filter(Finding::shown).filter(f -> f.category().isSelfBlame()).findFirst()
        .or(() -> findings.stream().filter(Finding::shown).findFirst());
  }
}
