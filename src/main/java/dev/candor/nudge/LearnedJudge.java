package dev.candor.nudge;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * The learned model at work: a message's prose (the rules' gates applied: code, logs, quotes and URLs blanked) is
 * read by the sentence encoder and the {@link BlameModel}, unless it refers to nobody who could be blamed
 * ({@link PersonReference}). Safe to share between threads if the encoder is.
 */
public final class LearnedJudge {
  private static final Pattern SPACES = Pattern.compile("\\s+");
  /** A Slack mention, channel link or broadcast as Slack sends it: {@code <@U0ABC|name>}, {@code <#C0ABC|inc-db>}, {@code <!here>}. */
  private static final Pattern SLACK_TOKEN = Pattern.compile("<([@#!])([A-Za-z0-9^]+)(?:\\|([^<>]*))?>");
  /**
   * The blame categories whose target may lie outside the words: a pile-on reply aims at the message it answers
   * ("yeah, we noticed"), and "human error", "fat finger" or "be more careful" at whoever slipped, unnamed.
   */
  private static final Set<Category> TARGET_OUTSIDE_THE_WORDS =
      EnumSet.of(Category.SARCASM_PILEON, Category.HUMAN_ERROR_CAUSE);
  private final BlameModel model;
  private final SentenceEncoder encoder;

  public LearnedJudge(BlameModel model, SentenceEncoder encoder) {
    if (!model.encoder().equals(encoder.name()) || model.dimension != encoder.dimension()) {
      throw new IllegalArgumentException("the model was trained on " + model.encoder() + " (" + model.dimension
          + " dimensions), not on " + encoder.name() + " (" + encoder.dimension() + ")");
    }
    this.model = model;
    this.encoder = encoder;
  }

  public BlameModel model() {
    return model;
  }

  /**
   * The words the model reads in a message: its prose, with Slack's mentions written as a person reads them, spaces
   * collapsed; empty when there is none. A user's id carries no meaning, so a mention reads {@code @colleague} (or
   * the name Slack put beside it): the model learns "@colleague broke checkout" once, not once per id.
   */
  public static String modelText(String message) {
    if (message == null || message.isBlank()) {
      return "";
    }
    return ofProse(Prose.of(message).text);
  }

  /** The words the model reads in prose the gates have already blanked: the one step training and judging share. */
  static String ofProse(String blanked) {
    return proseText(readable(blanked));
  }

  /** Slack's {@code <@U…>}, {@code <#C…|name>} and {@code <!here>} as a reader sees them. */
  static String readable(String prose) {
    return SLACK_TOKEN.matcher(prose).replaceAll(m -> {
      String label = m.group(3);
      String word = switch (m.group(1)) {
        case "@" -> "@" + (label == null || label.isBlank() ? "colleague" : label.strip());
        case "#" -> "#" + (label == null || label.isBlank() ? "channel" : label.strip());
        default -> label != null && !label.isBlank() ? "@" + label.strip().replaceFirst("^@", "")
            : "@" + m.group(2).replaceFirst("^subteam\\^.*", "team");
      };
      return java.util.regex.Matcher.quoteReplacement(word);
    });
  }

  static String proseText(String blanked) {
    return SPACES.matcher(blanked).replaceAll(" ").strip();
  }

  /** What the model makes of a message; empty when it has no prose or refers to nobody. */
  public Optional<BlameModel.Prediction> read(String message) {
    return readText(modelText(message));
  }

  Optional<BlameModel.Prediction> readText(String text) {
    if (text.isEmpty() || !PersonReference.mayBlame(text)) {
      return Optional.empty();
    }
    return Optional.of(model.predict(encoder.encode(text), text));
  }

  /**
   * The model's finding in {@code text} (model text) of a chat message, if it reaches its threshold and, for blame,
   * has a target ({@link #chatVerdict}); {@code noTarget}: {@link #noTarget} of the message; {@code held}: the
   * categories the rules hold the model back from in it ({@link ModelHold}), asked only if the model could speak.
   */
  Optional<Finding> judgeText(String text, boolean noTarget, Supplier<Set<Category>> held) {
    Thresholds t = model.thresholds();
    return readText(text).map(p -> withoutHeld(p, Math.min(t.blame(), t.selfBlame()), held))
        .flatMap(p -> finding(p, chatVerdict(p, noTarget, t)));
  }

  /**
   * {@code p} without the categories the rules hold back; {@code held} is asked only when {@code p} reaches
   * {@code lowest}, the lowest threshold at which it could speak at all: holding back only lowers probabilities, and
   * the holds' patterns cost more than the rules' verdict, so most messages are spared them.
   */
  private static BlameModel.Prediction withoutHeld(BlameModel.Prediction p, double lowest,
      Supplier<Set<Category>> held) {
    return p.probability() < lowest ? p : p.without(held.get());
  }

  /**
   * Whether a chat message gives blame no target (blame-language.md, gate 3): its prose refers to its author alone
   * (I, we), or to no one with a system as the subject of what went wrong ({@link BlameTarget#noTargetInChat}), and
   * it replies to no quoted line (whose writer a reply may aim at).
   */
  static boolean noTarget(Prose prose) {
    return prose.quoted.isBlank() && BlameTarget.noTargetInChat(ofProse(prose.text));
  }

  /**
   * A chat message's verdict, read as {@code p}: the likelier of blame and self-blame at its threshold; but blame
   * from the model alone needs a target other than the author, so a message with none ({@code noTarget}) is at most
   * self-blame (if that reaches its own threshold: what the author aims at themselves is self-blame, 3.3), unless
   * the model reads a category whose target may lie outside the words ({@link #TARGET_OUTSIDE_THE_WORDS}). The one
   * rule for {@link BlameDetector} and the trainer.
   */
  static Verdict chatVerdict(BlameModel.Prediction p, boolean noTarget, Thresholds thresholds) {
    Verdict v = p.verdict(thresholds);
    if (v != Verdict.BLAME || !noTarget || TARGET_OUTSIDE_THE_WORDS.contains(p.category())) {
      return v;
    }
    return p.selfBlame() >= thresholds.selfBlame() ? Verdict.SELF_BLAME : Verdict.NONE;
  }

  /**
   * The model's finding in {@code text} (model text) of a written document's paragraph: the probability must reach
   * the document threshold, and the finding needs its target (blame-language.md, gate 3) in the words themselves
   * ({@link BlameTarget}): blame someone other than the writers, self-blame the writer; {@code held}: as for chat.
   */
  Optional<Finding> judgeDocumentText(String text, Supplier<Set<Category>> held) {
    Thresholds t = model.thresholds();
    return readText(text).map(p -> withoutHeld(p, t.document(), held))
        .flatMap(p -> finding(p, documentVerdict(p, text, t)));
  }

  /** A document's verdict on {@code text}, read as {@code p}: {@link #judgeDocumentText}'s rule, for the trainer too. */
  static Verdict documentVerdict(BlameModel.Prediction p, String text, Thresholds thresholds) {
    Verdict v = p.documentVerdict(thresholds);
    return switch (v) {
      case BLAME -> BlameTarget.namesSomeoneElse(text) ? v : Verdict.NONE;
      case SELF_BLAME -> BlameTarget.namesTheAuthor(text) ? v : Verdict.NONE;
      case NONE -> v;
    };
  }

  private static Optional<Finding> finding(BlameModel.Prediction p, Verdict v) {
    return switch (v) {
      case BLAME -> Optional.of(Finding.ofModel(p.category(), p.blame()));
      case SELF_BLAME -> Optional.of(Finding.ofModel(Category.SELF_BLAME, p.selfBlame()));
      case NONE -> Optional.empty();
    };
  }
}
