package dev.candor.nudge;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * The learned half of the blame detector: a multinomial logistic regression over a message's sentence embedding and
 * its word and character n-grams (tf-idf), trained by {@link ModelTrainer}. It gives nine probabilities: none,
 * the seven blame categories and self-blame; blame is their sum over the seven. It speaks only at or above its
 * {@link #thresholds}, chosen on the validation split for precision.
 *
 * <p>Stored as gzipped float32 (big-endian, {@link DataOutputStream}): a header, then per kept n-gram bucket its
 * idf and weights, then the embedding's weights and the biases.
 */
public final class BlameModel {
  /** Class 0 is none; class {@code c.ordinal() + 1} is category {@code c} (self-blame last). */
  static final int CLASSES = Category.values().length + 1;
  private static final String MAGIC = "candor-blame-model";
  private static final int VERSION = 3;

  final String encoder;
  final int dimension;
  /** Kept n-gram buckets, ascending; their idf. */
  final int[] buckets;
  final float[] idf;
  /** (dimension + buckets.length) × CLASSES, row-major: the embedding's rows first. */
  final float[] weights;
  final float[] bias;
  final Thresholds thresholds;
  /** What training measured on the validation split, recorded with the weights (see {@link ModelTrainer.Figures}). */
  final ModelTrainer.Figures figures;

  BlameModel(String encoder, int dimension, int[] buckets, float[] idf, float[] weights, float[] bias,
      Thresholds thresholds, ModelTrainer.Figures figures) {
    this.encoder = encoder;
    this.dimension = dimension;
    this.buckets = buckets;
    this.idf = idf;
    this.weights = weights;
    this.bias = bias;
    this.thresholds = thresholds;
    this.figures = figures;
  }

  /** The probabilities at or above which the model speaks. */
  public Thresholds thresholds() {
    return thresholds;
  }

  /** The name of the encoder the weights were trained on. */
  public String encoder() {
    return encoder;
  }

  public ModelTrainer.Figures figures() {
    return figures;
  }

  /**
   * The largest difference between this model's weights (and idf, biases) and {@code other}'s; infinite when they
   * keep different n-grams or dimensions.
   */
  public double largestWeightDifference(BlameModel other) {
    if (dimension != other.dimension || !Arrays.equals(buckets, other.buckets)) {
      return Double.POSITIVE_INFINITY;
    }
    double most = 0;
    for (float[][] pair : new float[][][] {{weights, other.weights}, {bias, other.bias}, {idf, other.idf}}) {
      for (int i = 0; i < pair[0].length; i++) {
        most = Math.max(most, Math.abs(pair[0][i] - pair[1][i]));
      }
    }
    return most;
  }

  /** What the model makes of a message: the probabilities of blame and self-blame, and the likeliest category. */
  public record Prediction(double blame, double selfBlame, Category category) {
    /** The verdict at {@code thresholds}: the likelier of blame and self-blame, if it reaches its threshold. */
    public Verdict verdict(Thresholds thresholds) {
      if (selfBlame > blame) {
        return selfBlame >= thresholds.selfBlame() ? Verdict.SELF_BLAME : Verdict.NONE;
      }
      return blame >= thresholds.blame() ? Verdict.BLAME : Verdict.NONE;
    }

    /**
     * The verdict in a written document: the likelier of blame and self-blame, if it reaches the document threshold
     * (the target a document's finding also needs is {@link LearnedJudge}'s to check).
     */
    public Verdict documentVerdict(Thresholds thresholds) {
      if (Math.max(blame, selfBlame) < thresholds.document()) {
        return Verdict.NONE;
      }
      return selfBlame > blame ? Verdict.SELF_BLAME : Verdict.BLAME;
    }

    /**
     * This reading with the categories in {@code held} taken away ({@link ModelHold}): no self-blame if self-blame is
     * held, no blame if the likeliest blame category is.
     */
    public Prediction without(Set<Category> held) {
      if (held.isEmpty()) {
        return this;
      }
      return new Prediction(held.contains(category) ? 0 : blame, held.contains(Category.SELF_BLAME) ? 0 : selfBlame,
          category);
    }

    /** The probability of what {@link #verdict} says. */
    public double probability() {
      return Math.max(blame, selfBlame);
    }
  }

  /** The model's reading of {@code text}, whose sentence embedding is {@code embedding}. */
  public Prediction predict(float[] embedding, String text) {
    Features f = features(embedding, NgramFeatures.of(text));
    double[] p = probabilities(f.index, f.value);
    double blame = 0;
    int best = -1;
    for (Category c : Category.values()) {
      if (c.isSelfBlame()) {
        continue;
      }
      double q = p[c.ordinal() + 1];
      blame += q;
      if (best < 0 || q > p[best + 1]) {
        best = c.ordinal();
      }
    }
    return new Prediction(blame, p[Category.SELF_BLAME.ordinal() + 1], Category.values()[best]);
  }

  double[] probabilities(int[] index, float[] value) {
    double[] logits = new double[CLASSES];
    for (int k = 0; k < CLASSES; k++) {
      logits[k] = bias[k];
    }
    for (int j = 0; j < index.length; j++) {
      int row = index[j] * CLASSES;
      for (int k = 0; k < CLASSES; k++) {
        logits[k] += value[j] * weights[row + k];
      }
    }
    return softmax(logits);
  }

  static double[] softmax(double[] logits) {
    double max = Arrays.stream(logits).max().orElse(0);
    double sum = 0;
    for (int k = 0; k < logits.length; k++) {
      logits[k] = StrictMath.exp(logits[k] - max);
      sum += logits[k];
    }
    for (int k = 0; k < logits.length; k++) {
      logits[k] /= sum;
    }
    return logits;
  }

  /** Sparse features, indexes ascending: the embedding (unit length), then each kind of n-gram (unit length). */
  record Features(int[] index, float[] value) {}

  Features features(float[] embedding, NgramFeatures.Counts counts) {
    return features(embedding, counts, dimension, buckets, idf);
  }

  static Features features(float[] embedding, NgramFeatures.Counts counts, int dimension, int[] buckets,
      float[] idf) {
    if (embedding.length != dimension) {
      throw new IllegalArgumentException("an embedding of " + embedding.length + ", the model takes " + dimension);
    }
    int[] index = new int[dimension + counts.words().size() + counts.chars().size()];
    float[] value = new float[index.length];
    double norm = 0;
    for (float e : embedding) {
      norm += e * e;
    }
    float scale = norm > 0 ? (float) (1 / StrictMath.sqrt(norm)) : 0;
    for (int i = 0; i < dimension; i++) {
      index[i] = i;
      value[i] = embedding[i] * scale;
    }
    int n = dimension;
    // words and characters each scaled to unit length over the kept buckets; the rows sorted by bucket
    int[] rows = new int[index.length - dimension];
    float[] vals = new float[rows.length];
    int m = 0;
    for (Map<Integer, Float> kind : java.util.List.of(counts.words(), counts.chars())) {
      int from = m;
      double sum = 0;
      for (int b : NgramFeatures.sortedKeys(kind)) {
        int at = Arrays.binarySearch(buckets, b);
        if (at < 0) {
          continue;
        }
        float v = kind.get(b) * idf[at];
        rows[m] = at;
        vals[m] = v;
        sum += v * v;
        m++;
      }
      float s = sum > 0 ? (float) (1 / StrictMath.sqrt(sum)) : 0;
      for (int i = from; i < m; i++) {
        vals[i] *= s;
      }
    }
    // a bucket can be both a word and a character n-gram (a hash collision): add the two
    long[] order = new long[m];
    for (int i = 0; i < m; i++) {
      order[i] = ((long) rows[i] << 32) | i;
    }
    Arrays.sort(order);
    for (int i = 0; i < m; i++) {
      int row = (int) (order[i] >>> 32);
      float v = vals[(int) order[i]];
      if (n > dimension && index[n - 1] == dimension + row) {
        value[n - 1] += v;
      } else {
        index[n] = dimension + row;
        value[n] = v;
        n++;
      }
    }
    return new Features(Arrays.copyOf(index, n), Arrays.copyOf(value, n));
  }

  /** Writes the model, gzipped. */
  public void write(OutputStream out) throws IOException {
    GZIPOutputStream zip = new GZIPOutputStream(out);
    DataOutputStream d = new DataOutputStream(zip);
    d.writeUTF(MAGIC);
    d.writeInt(VERSION);
    d.writeUTF(encoder);
    d.writeInt(dimension);
    d.writeInt(NgramFeatures.BITS);
    d.writeInt(CLASSES);
    thresholds.write(d);
    figures.write(d);
    d.writeInt(buckets.length);
    for (int i = 0; i < buckets.length; i++) {
      d.writeInt(buckets[i]);
      d.writeFloat(idf[i]);
    }
    for (float w : weights) {
      d.writeFloat(w);
    }
    for (float b : bias) {
      d.writeFloat(b);
    }
    d.flush();
    zip.finish();
  }

  /** Reads a model {@link #write} wrote; an {@link IOException} says what is wrong with the data. */
  public static BlameModel read(InputStream in) throws IOException {
    DataInputStream d = new DataInputStream(new GZIPInputStream(in));
    if (!MAGIC.equals(d.readUTF()) || d.readInt() != VERSION) {
      throw new IOException("not a blame model of version " + VERSION);
    }
    String encoder = d.readUTF();
    int dimension = d.readInt();
    if (d.readInt() != NgramFeatures.BITS || d.readInt() != CLASSES) {
      throw new IOException("the model was trained with other n-gram buckets or classes");
    }
    Thresholds thresholds = Thresholds.read(d);
    ModelTrainer.Figures figures = ModelTrainer.Figures.read(d);
    int kept = d.readInt();
    if (dimension <= 0 || dimension > 100_000 || kept < 0 || kept > NgramFeatures.BUCKETS) {
      throw new IOException("the model's sizes are out of range");
    }
    int[] buckets = new int[kept];
    float[] idf = new float[kept];
    for (int i = 0; i < kept; i++) {
      buckets[i] = d.readInt();
      idf[i] = d.readFloat();
    }
    float[] weights = new float[(dimension + kept) * CLASSES];
    for (int i = 0; i < weights.length; i++) {
      weights[i] = d.readFloat();
    }
    float[] bias = new float[CLASSES];
    for (int k = 0; k < CLASSES; k++) {
      bias[k] = d.readFloat();
    }
    return new BlameModel(encoder, dimension, buckets, idf, weights, bias, thresholds, figures);
  }
}
