package dev.candor.nudge;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Locale;

/**
 * The probabilities at or above which the learned model speaks: one for blame (summed over its seven categories),
 * one for self-blame, in chat. They are apart because they cost different things when wrong: an undeserved blame
 * nudge tells someone off, an undeserved supportive note only offers support. And one for written documents
 * ({@code check} on a post-mortem), never below the other two: a document is told after the fact, in a narrative
 * where "the engineer ran the script" is neutral, so the model alone must be surer there.
 */
public record Thresholds(double blame, double selfBlame, double document) {
  public Thresholds {
    if (!(blame > 0 && blame <= 1 && selfBlame > 0 && selfBlame <= 1 && document > 0 && document <= 1)) {
      throw new IllegalArgumentException("thresholds are probabilities above 0: " + blame + ", " + selfBlame + ", "
          + document);
    }
    if (document < Math.max(blame, selfBlame)) {
      throw new IllegalArgumentException("the document threshold " + document + " is below the chat thresholds "
          + blame + ", " + selfBlame);
    }
  }

  /** Chat thresholds, and the higher of them for documents. */
  public Thresholds(double blame, double selfBlame) {
    this(blame, selfBlame, Math.max(blame, selfBlame));
  }

  /** One threshold for all. */
  public static Thresholds both(double threshold) {
    return new Thresholds(threshold, threshold, threshold);
  }

  /** These chat thresholds, with {@code document} for documents (raised to the chat thresholds if below them). */
  public Thresholds withDocument(double document) {
    return new Thresholds(blame, selfBlame, Math.max(document, Math.max(blame, selfBlame)));
  }

  void write(DataOutput d) throws IOException {
    d.writeDouble(blame);
    d.writeDouble(selfBlame);
    d.writeDouble(document);
  }

  static Thresholds read(DataInput d) throws IOException {
    try {
      return new Thresholds(d.readDouble(), d.readDouble(), d.readDouble());
    } catch (IllegalArgumentException e) {
      throw new IOException("the model's " + e.getMessage(), e);
    }
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT, "blame %.2f, self-blame %.2f, document %.2f", blame, selfBlame, document);
  }
}
