package dev.candor.nudge;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Locale;

/**
 * The probabilities at or above which the learned model speaks: one for blame (summed over its seven categories),
 * one for self-blame. They are apart because they cost different things when wrong: an undeserved blame nudge
 * tells someone off, an undeserved supportive note only offers support.
 */
public record Thresholds(double blame, double selfBlame) {
  public Thresholds {
    if (!(blame > 0 && blame <= 1 && selfBlame > 0 && selfBlame <= 1)) {
      throw new IllegalArgumentException("thresholds are probabilities above 0: " + blame + ", " + selfBlame);
    }
  }

  /** One threshold for both. */
  public static Thresholds both(double threshold) {
    return new Thresholds(threshold, threshold);
  }

  void write(DataOutput d) throws IOException {
    d.writeDouble(blame);
    d.writeDouble(selfBlame);
  }

  static Thresholds read(DataInput d) throws IOException {
    try {
      return new Thresholds(d.readDouble(), d.readDouble());
    } catch (IllegalArgumentException e) {
      throw new IOException("the model's " + e.getMessage(), e);
    }
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT, "blame %.2f, self-blame %.2f", blame, selfBlame);
  }
}
