package dev.candor.main;

import dev.candor.nudge.BlameModel;
import dev.candor.nudge.LearnedJudge;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The learned blame model, loaded once per process ({@code CANDOR_NUDGE_MODEL=on}, the default) on a background
 * thread, never on a thread that answers Slack: the shipped weights ({@value #WEIGHTS}) and the sentence encoder.
 * Until it is loaded the detector uses the rules alone; if loading fails, Candor says so once in the log and goes on
 * with the rules alone.
 */
final class NudgeModel {
  static final String WEIGHTS = "/nudge/model/blame-model.bin.gz";
  private static final Logger log = LoggerFactory.getLogger(NudgeModel.class);
  private static CompletableFuture<Optional<LearnedJudge>> loading;

  private NudgeModel() {}

  /** Starts loading, once per process (a second call shares the first load). */
  static synchronized CompletableFuture<Optional<LearnedJudge>> load() {
    if (loading == null) {
      loading = new CompletableFuture<>();
      CompletableFuture<Optional<LearnedJudge>> result = loading;
      Thread t = new Thread(() -> result.complete(loadNow()), "candor-nudge-model");
      t.setDaemon(true);
      t.start();
    }
    return loading;
  }

  /** What a live detector asks on each message: the model if it is loaded by now, else nothing (rules alone). */
  static Supplier<Optional<LearnedJudge>> whenLoaded() {
    CompletableFuture<Optional<LearnedJudge>> f = load();
    return () -> f.getNow(Optional.empty());
  }

  /**
   * For batch commands (check, replay): waits for the model, which is then there for every message; if it cannot be
   * loaded, {@code warn} hears so (their logs are quiet) and the rules judge alone.
   */
  static Supplier<Optional<LearnedJudge>> awaited(Consumer<String> warn) {
    Optional<LearnedJudge> model = load().join();
    if (model.isEmpty()) {
      warn.accept("the learned blame model could not be loaded; judging by the rules alone");
    }
    return () -> model;
  }

  private static Optional<LearnedJudge> loadNow() {
    long start = System.nanoTime();
    try {
      BlameModel weights;
      try (InputStream in = NudgeModel.class.getResourceAsStream(WEIGHTS)) {
        if (in == null) {
          throw new IOException(WEIGHTS + " is missing from the jar");
        }
        weights = BlameModel.read(in);
      }
      LearnedJudge judge = new LearnedJudge(weights, new E5SmallEncoder());
      log.info("blame model loaded in {} ms (thresholds: {})", (System.nanoTime() - start) / 1_000_000,
          weights.thresholds());
      return Optional.of(judge);
    } catch (IOException | RuntimeException | LinkageError e) {
      log.warn("the learned blame model could not be loaded ({}); nudges use the rules alone", e.toString());
      return Optional.empty();
    }
  }
}
