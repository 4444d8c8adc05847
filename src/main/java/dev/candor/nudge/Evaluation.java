package dev.candor.nudge;

import java.util.Locale;

/** Precision, recall and F1 for one label over labelled messages. */
public final class Evaluation {
  private final Verdict label;
  private int truePositives;
  private int predicted;
  private int actual;

  public Evaluation(Verdict label) {
    this.label = label;
  }

  public void add(Verdict gold, Verdict predictedVerdict) {
    if (predictedVerdict == label) {
      predicted++;
      if (gold == label) {
        truePositives++;
      }
    }
    if (gold == label) {
      actual++;
    }
  }

  public double precision() {
    return predicted == 0 ? 1.0 : (double) truePositives / predicted;
  }

  public double recall() {
    return actual == 0 ? 1.0 : (double) truePositives / actual;
  }

  public double f1() {
    double p = precision();
    double r = recall();
    return p + r == 0 ? 0 : 2 * p * r / (p + r);
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT, "%-10s precision %.3f (%d/%d)  recall %.3f (%d/%d)  F1 %.3f", label.label(),
        precision(), truePositives, predicted, recall(), truePositives, actual, f1());
  }
}
