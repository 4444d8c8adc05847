package dev.candor.nudge;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Trains the {@link BlameModel} from the corpus: on the train split only, with its threshold chosen on the
 * validation split only (the test split is never read here). Deterministic: the same corpus and embeddings give the
 * same weights.
 *
 * <p>Steps: each message's prose ({@link LearnedJudge#modelText}) is embedded by the encoder, and its embedding
 * rounded to bfloat16 (so that a cached copy, {@link EmbeddingCache}, trains the very same weights); n-gram buckets
 * seen in at least two train messages are kept, with a smoothed idf; a nine-class logistic regression is fitted
 * with {@code C = 8}; then the thresholds for blame and for self-blame are the pair, on a grid of 0.50 to 0.99, at
 * which the whole detector (the rules, then the model where they are silent) finds the most blame and self-blame on
 * validation while its responding precision stays at or above {@value #TARGET_PRECISION}, the model alone
 * answers at most {@value #FAMILY_SHARE} of any one none family, and its self-blame threshold is above its
 * {@linkplain #selfBlameFloor floor}; of equal pairs, the higher. The target is half a point above the 0.97 Candor
 * promises, because validation comes from the same writers as train, and text from people the model never read is
 * harder. Last, the {@linkplain #documentThreshold document threshold}, on validation's written-register rows.
 */
public final class ModelTrainer {
  public static final double C = 8;
  public static final double TARGET_PRECISION = 0.975;
  /**
   * The largest share of any one none family on validation that the model alone may answer: precision comes first
   * in every kind of message, so the model may not buy recall with the hard negatives (blameless framing, a system as
   * the subject, thanks) while the easy ones keep its average precision up.
   */
  public static final double FAMILY_SHARE = 0.02;
  /**
   * The none families of what self-blame is not (blame-language.md, 3.8 "Not"): chat-level apologies and owning a
   * task, guilt-free reports of what one did, plans. A supportive note on "my bad, wrong channel" tells its author
   * they caused the incident, and a note is to be rare (section 4): the model alone answers none of them.
   */
  public static final java.util.Set<String> NOT_SELF_BLAME =
      java.util.Set.of("trivial_apology_or_task", "neutral_action_report", "modal_future_or_system");
  private static final int MAX_ITERATIONS = 400;

  private ModelTrainer() {}

  /**
   * A labelled message: {@code category} is the blame category, {@link Category#SELF_BLAME}, or null for none;
   * {@code family} is a none message's family (blame-language.md, section 6), or null; {@code written}: it is
   * written prose (a sentence of a published post-mortem, a formal review), not chat.
   */
  public record Example(String id, String text, Verdict label, Category category, String family, boolean written) {
    public Example(String id, String text, Verdict label, Category category, String family) {
      this(id, text, label, category, family, false);
    }

    public Example(String id, String text, Verdict label, Category category) {
      this(id, text, label, category, null);
    }

    int classIndex() {
      return label == Verdict.NONE ? 0 : category.ordinal() + 1;
    }
  }

  /**
   * What training measured on validation: responding precision (a response to a message labelled blame or
   * self-blame counts as right) and recall of blame and of self-blame, for the rules, the model alone and the
   * hybrid; how precise the model's own findings were and how many; the share of none messages the prefilter
   * skipped; and the model's own findings on the written-register rows read as a document (threshold and target
   * gate), and how precise they were.
   */
  public record Figures(Thresholds thresholds, Score rules, Score model, Score hybrid, double modelOnlyPrecision,
      int modelOnlyFindings, double prefilterSkipsNone, int iterations, double trainLoss, int documentFindings,
      double documentPrecision) {
    void write(DataOutput d) throws IOException {
      thresholds.write(d);
      for (Score s : List.of(rules, model, hybrid)) {
        s.write(d);
      }
      d.writeDouble(modelOnlyPrecision);
      d.writeInt(modelOnlyFindings);
      d.writeDouble(prefilterSkipsNone);
      d.writeInt(iterations);
      d.writeDouble(trainLoss);
      d.writeInt(documentFindings);
      d.writeDouble(documentPrecision);
    }

    static Figures read(DataInput d) throws IOException {
      return new Figures(Thresholds.read(d), Score.read(d), Score.read(d), Score.read(d), d.readDouble(), d.readInt(),
          d.readDouble(), d.readInt(), d.readDouble(), d.readInt(), d.readDouble());
    }

    @Override
    public String toString() {
      return String.format(Locale.ROOT, "thresholds: %s (validation)%n  rules   %s%n  model   %s%n  hybrid  %s%n"
              + "  the model's own findings (rules silent): %d, responding precision %.3f%n"
              + "  in documents (written-register rows): the model's own findings: %d, responding precision %.3f%n"
              + "  prefilter skips %.1f%% of none messages%n  training: %d L-BFGS iterations, loss %.4f",
          thresholds, rules, model, hybrid, modelOnlyFindings, modelOnlyPrecision, documentFindings,
          documentPrecision, 100 * prefilterSkipsNone, iterations, trainLoss);
    }
  }

  /** Responding precision, blame precision and recall, self-blame recall. */
  public record Score(double respondingPrecision, double blamePrecision, double blameRecall,
      double selfBlameRecall) {
    void write(DataOutput d) throws IOException {
      d.writeDouble(respondingPrecision);
      d.writeDouble(blamePrecision);
      d.writeDouble(blameRecall);
      d.writeDouble(selfBlameRecall);
    }

    static Score read(DataInput d) throws IOException {
      return new Score(d.readDouble(), d.readDouble(), d.readDouble(), d.readDouble());
    }

    static Score of(List<Example> gold, List<Verdict> judged) {
      int responded = 0;
      int rightResponses = 0;
      int saidBlame = 0;
      int rightBlame = 0;
      int blame = 0;
      int self = 0;
      int rightSelf = 0;
      for (int i = 0; i < gold.size(); i++) {
        Verdict g = gold.get(i).label();
        Verdict v = judged.get(i);
        if (v != Verdict.NONE) {
          responded++;
          rightResponses += g != Verdict.NONE ? 1 : 0;
        }
        if (v == Verdict.BLAME) {
          saidBlame++;
          rightBlame += g == Verdict.BLAME ? 1 : 0;
        }
        blame += g == Verdict.BLAME ? 1 : 0;
        self += g == Verdict.SELF_BLAME ? 1 : 0;
        rightSelf += g == Verdict.SELF_BLAME && v == Verdict.SELF_BLAME ? 1 : 0;
      }
      return new Score(ratio(rightResponses, responded), ratio(rightBlame, saidBlame), ratio(rightBlame, blame),
          ratio(rightSelf, self));
    }

    @Override
    public String toString() {
      return String.format(Locale.ROOT, "responding precision %.3f, blame precision %.3f, blame recall %.3f, "
          + "self-blame recall %.3f", respondingPrecision, blamePrecision, blameRecall, selfBlameRecall);
    }
  }

  private static double ratio(int a, int b) {
    return b == 0 ? Double.NaN : (double) a / b;
  }

  /** The model trained on {@code train}, its threshold chosen on {@code validation}, next to {@code rules}. */
  public static BlameModel train(List<Example> train, List<Example> validation, SentenceEncoder encoder,
      BlameDetector rules) {
    return trainWithC(train, validation, encoder, rules, C);
  }

  static BlameModel trainWithC(List<Example> train, List<Example> validation, SentenceEncoder encoder,
      BlameDetector rules, double c) {
    List<Example> usable = new ArrayList<>();
    List<String> texts = new ArrayList<>();
    for (Example e : train) {
      String t = LearnedJudge.modelText(e.text());
      if (!t.isEmpty()) {
        usable.add(e);
        texts.add(t);
      }
    }
    List<String> validationTexts = validation.stream().map(e -> LearnedJudge.modelText(e.text())).toList();
    Map<String, float[]> embeddings = embed(encoder, texts, validationTexts);
    List<NgramFeatures.Counts> counts = texts.stream().map(NgramFeatures::of).toList();
    Map<Integer, Integer> df = new HashMap<>();
    for (NgramFeatures.Counts count : counts) {
      java.util.Set<Integer> seen = new java.util.HashSet<>(count.words().keySet());
      seen.addAll(count.chars().keySet());
      seen.forEach(b -> df.merge(b, 1, Integer::sum));
    }
    int[] buckets = df.entrySet().stream().filter(e -> e.getValue() >= 2).mapToInt(Map.Entry::getKey).sorted()
        .toArray();
    float[] idf = new float[buckets.length];
    int n = texts.size();
    for (int i = 0; i < buckets.length; i++) {
      idf[i] = (float) (StrictMath.log((1.0 + n) / (1.0 + df.get(buckets[i]))) + 1);
    }
    int dimension = encoder.dimension();
    List<LogisticRegression.Sample> samples = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      BlameModel.Features f = BlameModel.features(embeddings.get(texts.get(i)), counts.get(i), dimension, buckets,
          idf);
      samples.add(new LogisticRegression.Sample(f.index(), f.value(), usable.get(i).classIndex()));
    }
    LogisticRegression.Fit fit = LogisticRegression.fit(samples, dimension + buckets.length, BlameModel.CLASSES,
        1 / (c * n), MAX_ITERATIONS);
    BlameModel unthresholded = new BlameModel(encoder.name(), dimension, buckets, idf, fit.weights(), fit.bias(),
        Thresholds.both(1), null);
    // validation: rules, then the model where they are silent
    List<Verdict> ruled = new ArrayList<>();
    List<BlameModel.Prediction> predicted = new ArrayList<>();
    List<Boolean> noTarget = new ArrayList<>();
    int none = 0;
    int skipped = 0;
    for (int i = 0; i < validation.size(); i++) {
      ruled.add(rules.verdict(validation.get(i).text()));
      noTarget.add(LearnedJudge.noTarget(Prose.of(validation.get(i).text())));
      String t = validationTexts.get(i);
      boolean read = !t.isEmpty() && PersonReference.mayBlame(t);
      if (validation.get(i).label() == Verdict.NONE) {
        none++;
        skipped += read || t.isEmpty() ? 0 : 1;
      }
      predicted.add(read
          ? unthresholded.predict(embeddings.get(t), t).without(rules.modelHeldBack(validation.get(i).text()))
          : null);
    }
    Thresholds chat = thresholds(validation, ruled, predicted, noTarget);
    Thresholds thresholds = chat.withDocument(documentThreshold(validation, ruled, predicted, validationTexts, chat));
    List<Verdict> model = new ArrayList<>();
    List<Verdict> hybrid = new ArrayList<>();
    int own = 0;
    int ownRight = 0;
    for (int i = 0; i < validation.size(); i++) {
      Verdict m = modelVerdict(predicted.get(i), noTarget.get(i), thresholds);
      model.add(m);
      hybrid.add(hybridVerdict(ruled.get(i), predicted.get(i), noTarget.get(i), thresholds));
      if (ruled.get(i) == Verdict.NONE && m != Verdict.NONE) {
        own++;
        ownRight += validation.get(i).label() != Verdict.NONE ? 1 : 0;
      }
    }
    int documentOwn = 0;
    int documentRight = 0;
    for (int i = 0; i < validation.size(); i++) {
      if (validation.get(i).written() && ruled.get(i) == Verdict.NONE
          && documentVerdict(predicted.get(i), validationTexts.get(i), thresholds) != Verdict.NONE) {
        documentOwn++;
        documentRight += validation.get(i).label() != Verdict.NONE ? 1 : 0;
      }
    }
    Figures figures = new Figures(thresholds, Score.of(validation, ruled), Score.of(validation, model),
        Score.of(validation, hybrid), ratio(ownRight, own), own, ratio(skipped, none), fit.iterations(),
        fit.loss(), documentOwn, ratio(documentRight, documentOwn));
    return new BlameModel(encoder.name(), dimension, buckets, idf, fit.weights(), fit.bias(), thresholds, figures);
  }

  /** Each distinct text's embedding, rounded to bfloat16. */
  private static Map<String, float[]> embed(SentenceEncoder encoder, List<String> train, List<String> validation) {
    List<String> distinct = new ArrayList<>(new java.util.LinkedHashSet<>(
        java.util.stream.Stream.concat(train.stream(), validation.stream()).filter(t -> !t.isEmpty()).toList()));
    List<float[]> vectors = encoder.encodeAll(distinct);
    Map<String, float[]> out = new HashMap<>();
    for (int i = 0; i < distinct.size(); i++) {
      out.put(distinct.get(i), EmbeddingCache.bfloat16(vectors.get(i)));
    }
    return out;
  }

  /**
   * The model's verdict on a chat message it read ({@code null}: it did not read it), as {@link LearnedJudge} gives
   * it; {@code noTarget}: the message gives blame no target ({@link LearnedJudge#noTarget}).
   */
  private static Verdict modelVerdict(BlameModel.Prediction p, boolean noTarget, Thresholds t) {
    return p == null ? Verdict.NONE : LearnedJudge.chatVerdict(p, noTarget, t);
  }

  /** The whole detector's verdict, as {@link BlameDetector} gives it: the rules', else the model's. */
  private static Verdict hybridVerdict(Verdict ruled, BlameModel.Prediction p, boolean noTarget, Thresholds t) {
    return ruled != Verdict.NONE ? ruled : modelVerdict(p, noTarget, t);
  }

  /**
   * The largest share of one none family's messages (blame-language.md, section 6) that the model alone, where the
   * rules are silent, answers at {@code t}: 0 when no message has a family. {@code noTarget}: whether each message
   * gives blame no target ({@link LearnedJudge#noTarget}).
   */
  static double worstFamilyShare(List<Example> gold, List<Verdict> ruled, List<BlameModel.Prediction> predicted,
      List<Boolean> noTarget, Thresholds t) {
    Map<String, int[]> families = new HashMap<>();
    for (int i = 0; i < gold.size(); i++) {
      Example e = gold.get(i);
      if (e.label() != Verdict.NONE || e.family() == null) {
        continue;
      }
      int[] count = families.computeIfAbsent(e.family(), f -> new int[2]);
      count[0]++;
      count[1] += ruled.get(i) == Verdict.NONE && modelVerdict(predicted.get(i), noTarget.get(i), t) != Verdict.NONE
          ? 1 : 0;
    }
    double worst = 0;
    for (int[] count : families.values()) {
      worst = Math.max(worst, (double) count[1] / count[0]);
    }
    return worst;
  }

  /**
   * The self-blame threshold's floor: the highest self-blame probability the model gives, where the rules are
   * silent and it reads self-blame, to a none message of the families self-blame is not ({@link #NOT_SELF_BLAME});
   * the threshold must be above it. 0 when there is none.
   */
  static double selfBlameFloor(List<Example> gold, List<Verdict> ruled, List<BlameModel.Prediction> predicted) {
    double floor = 0;
    for (int i = 0; i < gold.size(); i++) {
      BlameModel.Prediction p = predicted.get(i);
      Example e = gold.get(i);
      if (p != null && ruled.get(i) == Verdict.NONE && e.label() == Verdict.NONE && p.selfBlame() > p.blame()
          && NOT_SELF_BLAME.contains(e.family())) {
        floor = Math.max(floor, p.selfBlame());
      }
    }
    return floor;
  }

  /**
   * The document threshold: the lowest, on the grid from the chat thresholds to 0.99, at which the model alone, read
   * as in a document ({@link LearnedJudge#documentVerdict}: that threshold and the target gate), answers none of
   * validation's written-register none messages where the rules are silent: in a document, where real blame is
   * rare, a model's finding should be deserved. 1 (never) when no threshold on the grid does; the higher chat
   * threshold when validation holds no written prose. {@code texts}: each message's model text.
   */
  static double documentThreshold(List<Example> gold, List<Verdict> ruled, List<BlameModel.Prediction> predicted,
      List<String> texts, Thresholds chat) {
    double lowest = Math.max(chat.blame(), chat.selfBlame());
    if (gold.stream().noneMatch(Example::written)) {
      return lowest;
    }
    for (int d = (int) Math.ceil(lowest * 100 - 1e-9); d <= 99; d++) {
      Thresholds t = chat.withDocument(d / 100.0);
      boolean silent = true;
      for (int i = 0; i < gold.size() && silent; i++) {
        silent = !gold.get(i).written() || gold.get(i).label() != Verdict.NONE || ruled.get(i) != Verdict.NONE
            || documentVerdict(predicted.get(i), texts.get(i), t) == Verdict.NONE;
      }
      if (silent) {
        return t.document();
      }
    }
    return 1;
  }

  private static Verdict documentVerdict(BlameModel.Prediction p, String text, Thresholds t) {
    return p == null ? Verdict.NONE : LearnedJudge.documentVerdict(p, text, t);
  }

  /**
   * The thresholds at which the hybrid finds the most while precise enough (see the class comment); {@code noTarget}:
   * whether each message gives blame no target ({@link LearnedJudge#noTarget}).
   */
  static Thresholds thresholds(List<Example> gold, List<Verdict> ruled, List<BlameModel.Prediction> predicted,
      List<Boolean> noTarget) {
    Thresholds best = Thresholds.both(0.99);
    int bestFound = -1;
    double selfBlameFloor = selfBlameFloor(gold, ruled, predicted);
    for (int b = 99; b >= 50; b--) {
      for (int s = 99; s >= 50; s--) {
        if (s / 100.0 <= selfBlameFloor) {
          continue;
        }
        Thresholds t = new Thresholds(b / 100.0, s / 100.0);
        int responded = 0;
        int right = 0;
        int found = 0;
        for (int i = 0; i < gold.size(); i++) {
          Verdict v = hybridVerdict(ruled.get(i), predicted.get(i), noTarget.get(i), t);
          Verdict g = gold.get(i).label();
          if (v != Verdict.NONE) {
            responded++;
            right += g != Verdict.NONE ? 1 : 0;
          }
          found += v == g && g != Verdict.NONE ? 1 : 0;
        }
        if (responded > 0 && right >= TARGET_PRECISION * responded && found > bestFound
            && worstFamilyShare(gold, ruled, predicted, noTarget, t) <= FAMILY_SHARE) {
          best = t;
          bestFound = found;
        }
      }
    }
    return best;
  }


}
