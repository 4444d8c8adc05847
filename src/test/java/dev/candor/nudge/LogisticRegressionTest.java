package dev.candor.nudge;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The plain-Java logistic regression learns, deterministically; a model survives writing and reading. */
class LogisticRegressionTest {
  /** Three classes, each the one feature that is on, with some noise features on too. */
  static List<LogisticRegression.Sample> samples() {
    List<LogisticRegression.Sample> out = new ArrayList<>();
    for (int i = 0; i < 90; i++) {
      int label = i % 3;
      int noise = 3 + (i * 7) % 5;
      out.add(new LogisticRegression.Sample(new int[] {label, noise}, new float[] {1, 0.5f}, label));
    }
    return out;
  }

  @Test
  void itLearnsSeparableClasses() {
    LogisticRegression.Fit fit = LogisticRegression.fit(samples(), 8, 3, 1e-3, 200);

    for (int label = 0; label < 3; label++) {
      double[] logits = new double[3];
      for (int k = 0; k < 3; k++) {
        logits[k] = fit.bias()[k] + fit.weights()[label * 3 + k];
      }
      double[] p = BlameModel.softmax(logits);
      assertTrue(p[label] > 0.9, "class " + label + ": " + java.util.Arrays.toString(p));
    }
    assertTrue(fit.loss() < 0.2, "loss " + fit.loss());
  }

  @Test
  void theSameDataGivesTheSameWeights() {
    LogisticRegression.Fit a = LogisticRegression.fit(samples(), 8, 3, 1e-2, 200);
    LogisticRegression.Fit b = LogisticRegression.fit(samples(), 8, 3, 1e-2, 200);

    assertArrayEquals(a.weights(), b.weights());
    assertArrayEquals(a.bias(), b.bias());
  }

  @Test
  void aModelReadsBackAsWritten_andGarbageIsAClearError() throws IOException {
    BlameModel m = HybridDetectorTest.model(0.9);
    BlameModel withFigures = new BlameModel(m.encoder, m.dimension, new int[] {5, 9}, new float[] {1.5f, 2f},
        new float[(m.dimension + 2) * BlameModel.CLASSES], m.bias, new Thresholds(0.87, 0.6, 0.93),
        new ModelTrainer.Figures(new Thresholds(0.87, 0.6, 0.93), new ModelTrainer.Score(1, 1, 0.5, 0.5), new ModelTrainer.Score(1, 1, 0.4, 0.3),
            new ModelTrainer.Score(0.98, 0.97, 0.7, 0.8), 0.97, 12, 0.25, 40, 0.1, 7, 0.857));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    withFigures.write(out);

    BlameModel read = BlameModel.read(new ByteArrayInputStream(out.toByteArray()));

    assertEquals(new Thresholds(0.87, 0.6, 0.93), read.thresholds());
    assertArrayEquals(new int[] {5, 9}, read.buckets);
    assertEquals(withFigures.figures(), read.figures());
    IOException e = org.junit.jupiter.api.Assertions.assertThrows(IOException.class,
        () -> BlameModel.read(new ByteArrayInputStream(new byte[] {1, 2, 3})));
    assertTrue(e.getMessage() != null, "says what is wrong");
  }
}
