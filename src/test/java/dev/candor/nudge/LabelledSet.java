package dev.candor.nudge;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.Locale;

/**
 * A labelled JSON Lines set ({@code {"id", "text", "label"}}) judged by a detector: blame and self-blame
 * precision / recall, and the messages judged wrongly (for the failure message).
 */
final class LabelledSet {
  final String resource;
  final Evaluation blame = new Evaluation(Verdict.BLAME);
  final Evaluation selfBlame = new Evaluation(Verdict.SELF_BLAME);
  final StringBuilder misses = new StringBuilder();
  int size;

  private LabelledSet(String resource) {
    this.resource = resource;
  }

  static LabelledSet judged(BlameDetector detector, String resource) throws IOException {
    LabelledSet set = new LabelledSet(resource);
    for (JsonNode row : BlameDetectorTest.read(resource)) {
      Verdict gold = Verdict.valueOf(row.get("label").asText().toUpperCase(Locale.ROOT));
      Verdict got = detector.verdict(row.get("text").asText());
      set.blame.add(gold, got);
      set.selfBlame.add(gold, got);
      set.size++;
      if (got != gold) {
        set.misses.append("\n  ").append(row.path("id").asText()).append(": ").append(got.label())
            .append(" (labelled ").append(gold.label()).append(") ").append(row.get("text").asText().replace("\n", " \\n "));
      }
    }
    return set;
  }

  @Override
  public String toString() {
    return resource + ", " + size + " messages:\n  " + blame + "\n  " + selfBlame + misses;
  }
}
