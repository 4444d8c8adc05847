package dev.candor.main;

import dev.candor.nudge.Verdict;
import java.util.Locale;
import java.util.OptionalDouble;

/**
 * Precision, recall and F1 for one verdict over labelled messages, as {@code candor check} prints them: a figure
 * with nothing to divide by is "n/a", never a perfect 1.000 over 0/0.
 */
final class LabelScore {
  private final Verdict label;
  private int truePositives;
  private int predicted;
  private int actual;

  LabelScore(Verdict label) {
    this.label = label;
  }

  void add(Verdict gold, Verdict judged) {
    if (judged == label) {
      predicted++;
      if (gold == label) {
        truePositives++;
      }
    }
    if (gold == label) {
      actual++;
    }
  }

  /** Empty when no message was judged this label. */
  OptionalDouble precision() {
    return predicted == 0 ? OptionalDouble.empty() : OptionalDouble.of((double) truePositives / predicted);
  }

  /** Empty when no message was labelled this label. */
  OptionalDouble recall() {
    return actual == 0 ? OptionalDouble.empty() : OptionalDouble.of((double) truePositives / actual);
  }

  /** Empty when no message was judged or labelled this label; 0 when some were and none agreed. */
  OptionalDouble f1() {
    if (predicted == 0 && actual == 0) {
      return OptionalDouble.empty();
    }
    if (truePositives == 0) {
      return OptionalDouble.of(0);
    }
    double p = precision().getAsDouble();
    double r = recall().getAsDouble();
    return OptionalDouble.of(2 * p * r / (p + r));
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT, "%-10s precision %s (%d/%d)  recall %s (%d/%d)  F1 %s", label.label(),
        figure(precision()), truePositives, predicted, figure(recall()), truePositives, actual, figure(f1()));
  }

  private static String figure(OptionalDouble value) {
    return value.isPresent() ? String.format(Locale.ROOT, "%.3f", value.getAsDouble()) : "n/a";
  }
}
