package dev.candor.nudge.corpus;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Set;

/**
 * One labelled message of the blame corpus: who wrote it (a writer's brief, or a published post-mortem's URL
 * in {@code source}), its label and its category.
 */
record CorpusRow(String id, String text, String label, String category, String writer, String source) {
  static final Set<String> BLAME = Set.of("person_as_cause", "culprit_hunt", "counterfactual",
      "character_judgment", "human_error_cause", "blame_shifting", "sarcasm_pileon");
  static final Set<String> NONE = Set.of("system_as_subject", "modal_future_or_system", "coordination_question",
      "meta_or_quote", "code_or_log", "other_word_sense", "neutral_action_report", "blameless_framing",
      "routing_handoff", "trivial_apology_or_task", "system_sarcasm_or_thanks", "postmortem_prose");

  static CorpusRow of(JsonNode row) {
    return new CorpusRow(row.path("id").asText(), row.path("text").asText(), row.path("label").asText(),
        row.path("category").asText(), row.path("writer").asText(), row.path("source").asText(""));
  }

  /** Whether the label and category agree with blame-language.md: a blame category, self_blame, or a none family. */
  boolean labelIsValid() {
    return switch (label) {
      case "blame" -> BLAME.contains(category);
      case "self_blame" -> category.equals("self_blame");
      case "none" -> NONE.contains(category);
      default -> false;
    };
  }
}
