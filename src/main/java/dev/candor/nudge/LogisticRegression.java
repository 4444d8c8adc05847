package dev.candor.nudge;

import java.util.List;

/**
 * Multinomial logistic regression with an L2 penalty, fitted by L-BFGS over the whole training set at once:
 * deterministic (weights start at zero, samples are read in a fixed order, no randomness), so the same data gives
 * the same weights. It minimises {@code mean(-log p(y|x)) + lambda/2 * |W|^2} (the biases are not penalised);
 * scikit-learn's {@code C} is {@code 1 / (lambda * n)}.
 *
 * <p>Plain Java rather than a library: the whole fit is this class (a gradient and a textbook two-loop L-BFGS with
 * a backtracking line search), which a reader can check line by line, and it adds nothing to the jar.
 */
final class LogisticRegression {
  /** One sample: its features as sorted indexes and values, and its class. */
  record Sample(int[] index, float[] value, int label) {}

  /** Weights, {@code features × classes} row-major, and one bias per class. */
  record Fit(float[] weights, float[] bias, int iterations, double loss) {}

  private static final int HISTORY = 10;

  private LogisticRegression() {}

  static Fit fit(List<Sample> samples, int features, int classes, double lambda, int maxIterations) {
    int size = features * classes + classes;
    double[] x = new double[size];
    double[] g = new double[size];
    double f = lossAndGradient(samples, features, classes, lambda, x, g);
    double[][] s = new double[HISTORY][];
    double[][] y = new double[HISTORY][];
    double[] rho = new double[HISTORY];
    int stored = 0;
    int iteration = 0;
    double[] direction = new double[size];
    double[] next = new double[size];
    double[] nextGradient = new double[size];
    double[] alpha = new double[HISTORY];
    while (iteration < maxIterations && norm(g) > 1e-6) {
      // two-loop recursion: direction = -H g
      for (int i = 0; i < size; i++) {
        direction[i] = -g[i];
      }
      for (int j = stored - 1; j >= 0; j--) {
        alpha[j] = rho[j] * dot(s[j], direction);
        axpy(-alpha[j], y[j], direction);
      }
      if (stored > 0) {
        double gamma = dot(s[stored - 1], y[stored - 1]) / dot(y[stored - 1], y[stored - 1]);
        for (int i = 0; i < size; i++) {
          direction[i] *= gamma;
        }
      }
      for (int j = 0; j < stored; j++) {
        double beta = rho[j] * dot(y[j], direction);
        axpy(alpha[j] - beta, s[j], direction);
      }
      double slope = dot(g, direction);
      if (slope >= 0) { // not a descent direction: start the history again
        stored = 0;
        for (int i = 0; i < size; i++) {
          direction[i] = -g[i];
        }
        slope = dot(g, direction);
      }
      double step = iteration == 0 && stored == 0 ? 1 / Math.max(1, norm(g)) : 1;
      double nextF;
      int tries = 0;
      while (true) {
        for (int i = 0; i < size; i++) {
          next[i] = x[i] + step * direction[i];
        }
        nextF = lossAndGradient(samples, features, classes, lambda, next, nextGradient);
        if (nextF <= f + 1e-4 * step * slope || ++tries >= 40) {
          break;
        }
        step *= 0.5;
      }
      if (tries >= 40) {
        break;
      }
      double[] sNew = new double[size];
      double[] yNew = new double[size];
      for (int i = 0; i < size; i++) {
        sNew[i] = next[i] - x[i];
        yNew[i] = nextGradient[i] - g[i];
      }
      double sy = dot(sNew, yNew);
      if (sy > 1e-12) {
        if (stored == HISTORY) {
          System.arraycopy(s, 1, s, 0, HISTORY - 1);
          System.arraycopy(y, 1, y, 0, HISTORY - 1);
          System.arraycopy(rho, 1, rho, 0, HISTORY - 1);
          stored--;
        }
        s[stored] = sNew;
        y[stored] = yNew;
        rho[stored] = 1 / sy;
        stored++;
      }
      double[] t = x;
      x = next;
      next = t;
      t = g;
      g = nextGradient;
      nextGradient = t;
      boolean converged = Math.abs(f - nextF) < 1e-10 * Math.max(1, Math.abs(f));
      f = nextF;
      iteration++;
      if (converged) {
        break;
      }
    }
    float[] weights = new float[features * classes];
    float[] bias = new float[classes];
    for (int i = 0; i < weights.length; i++) {
      weights[i] = (float) x[i];
    }
    for (int k = 0; k < classes; k++) {
      bias[k] = (float) x[features * classes + k];
    }
    return new Fit(weights, bias, iteration, f);
  }

  /** The penalised mean loss at {@code w}, its gradient written into {@code g}. */
  private static double lossAndGradient(List<Sample> samples, int features, int classes, double lambda, double[] w,
      double[] g) {
    java.util.Arrays.fill(g, 0);
    int biasAt = features * classes;
    double loss = 0;
    double[] logits = new double[classes];
    double n = samples.size();
    for (Sample sample : samples) {
      for (int k = 0; k < classes; k++) {
        logits[k] = w[biasAt + k];
      }
      int[] index = sample.index();
      float[] value = sample.value();
      for (int j = 0; j < index.length; j++) {
        int row = index[j] * classes;
        double v = value[j];
        for (int k = 0; k < classes; k++) {
          logits[k] += v * w[row + k];
        }
      }
      double max = Double.NEGATIVE_INFINITY;
      for (double l : logits) {
        max = Math.max(max, l);
      }
      double sum = 0;
      for (int k = 0; k < classes; k++) {
        logits[k] = StrictMath.exp(logits[k] - max);
        sum += logits[k];
      }
      loss -= StrictMath.log(logits[sample.label()] / sum) / n;
      for (int k = 0; k < classes; k++) {
        logits[k] = (logits[k] / sum - (k == sample.label() ? 1 : 0)) / n; // now the error
      }
      for (int j = 0; j < index.length; j++) {
        int row = index[j] * classes;
        double v = value[j];
        for (int k = 0; k < classes; k++) {
          g[row + k] += v * logits[k];
        }
      }
      for (int k = 0; k < classes; k++) {
        g[biasAt + k] += logits[k];
      }
    }
    double penalty = 0;
    for (int i = 0; i < biasAt; i++) {
      penalty += w[i] * w[i];
      g[i] += lambda * w[i];
    }
    return loss + lambda / 2 * penalty;
  }

  private static double dot(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }

  private static void axpy(double a, double[] x, double[] y) {
    for (int i = 0; i < x.length; i++) {
      y[i] += a * x[i];
    }
  }

  private static double norm(double[] a) {
    return StrictMath.sqrt(dot(a, a));
  }
}
