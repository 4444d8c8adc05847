package dev.candor.bench;

import dev.candor.incident.SeverityScale;
import dev.candor.nudge.BlameDetector;
import dev.candor.nudge.BlameModel;
import dev.candor.nudge.LearnedJudge;
import dev.candor.nudge.RuleSet;
import dev.candor.nudge.SentenceEncoder;
import dev.candor.replay.Replay;
import dev.candor.replay.ScratchReplay;
import dev.candor.replay.SlackExport;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Which messages reach the sentence encoder: the detector as shipped (the built-in rules and the shipped model's
 * weights), with an encoder that only counts what it is given. A message the rules answer, or whose prose is empty or
 * refers to nobody ({@code PersonReference}, the prefilter), never reaches it; the count is taken where the encoder is
 * called, so it is what the detector does, not a copy of its logic.
 */
final class EncoderReach {
  static final String WEIGHTS = "/nudge/model/blame-model.bin.gz";
  /** all-MiniLM-L6-v2's embedding length; {@link LearnedJudge} refuses a model trained on another. */
  static final int DIMENSION = 384;
  private final AtomicLong encoded = new AtomicLong();
  private final BlameDetector hybrid;
  private final BlameDetector rules = new BlameDetector(RuleSet.builtIn());

  EncoderReach() throws IOException {
    BlameModel model;
    try (InputStream in = EncoderReach.class.getResourceAsStream(WEIGHTS)) {
      if (in == null) {
        throw new IOException(WEIGHTS + " is not on the class path");
      }
      model = BlameModel.read(in);
    }
    SentenceEncoder counting = new SentenceEncoder() {
      @Override
      public String name() {
        return model.encoder();
      }

      @Override
      public int dimension() {
        return DIMENSION;
      }

      @Override
      public float[] encode(String text) {
        encoded.incrementAndGet();
        return new float[DIMENSION];
      }
    };
    LearnedJudge judge = new LearnedJudge(model, counting);
    hybrid = new BlameDetector(RuleSet.builtIn(), () -> Optional.of(judge));
  }

  /** Of {@code messages} judged: how many the rules answered, and how many the encoder read. */
  record Tally(long messages, long rulesAnswered, long encoded) {
    /** Left to the model by the rules, but spared the encoder by the prefilter (or having no prose at all). */
    long spared() {
      return messages - rulesAnswered - encoded;
    }

    String line(String what) {
      long left = messages - rulesAnswered;
      return String.format(Locale.ROOT, "%s: %,d messages; the rules answer %,d; of the %,d left to the model, the "
              + "prefilter spares the encoder %,d (%.1f%%) and the encoder reads %,d (%.1f%% of all messages)", what,
          messages, rulesAnswered, left, spared(), left == 0 ? 0 : 100.0 * spared() / left, encoded,
          messages == 0 ? 0 : 100.0 * encoded / messages);
    }
  }

  /** Each text judged as a live message is. */
  Tally tally(Collection<String> texts) {
    long before = encoded.get();
    long answered = 0;
    for (String text : texts) {
      if (rules.judge(text).shown().isPresent()) {
        answered++;
      }
      hybrid.judge(text);
    }
    return new Tally(texts.size(), answered, encoded.get() - before);
  }

  /** {@code channel} of the export replayed as {@code candor replay} does it, in this JVM (messages by people). */
  Tally replay(Path export, String channel) throws Exception {
    long before = encoded.get();
    long judged;
    try (SlackExport slack = SlackExport.open(export);
        ScratchReplay replay = ScratchReplay.open(Clock.systemUTC(), hybrid, Duration.ofMinutes(10), "pushpin",
            SeverityScale.defaults(), w -> {})) {
      judged = replay.run(slack, slack.channel(channel), Replay.Range.ALL).judged();
    }
    long read = encoded.get() - before;
    long answered;
    try (SlackExport slack = SlackExport.open(export);
        ScratchReplay replay = ScratchReplay.open(Clock.systemUTC(), rules, Duration.ofMinutes(10), "pushpin",
            SeverityScale.defaults(), w -> {})) {
      answered = replay.run(slack, slack.channel(channel), Replay.Range.ALL).nudges().size();
    }
    return new Tally(judged, answered, read);
  }
}
