package dev.candor.main;

import dev.candor.nudge.SentenceEncoder;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import java.util.ArrayList;
import java.util.List;

/**
 * The sentence encoder behind the learned blame model: all-MiniLM-L6-v2, quantized, run by ONNX Runtime in
 * process, from the langchain4j artifact that ships the model, its tokenizer and the natives (nothing is fetched at
 * run time). Loading takes seconds; encoding a message, milliseconds.
 */
final class MiniLmEncoder implements SentenceEncoder {
  static final String NAME = "all-minilm-l6-v2-q";
  private static final int BATCH = 64;
  private final AllMiniLmL6V2QuantizedEmbeddingModel model;

  /** Loads the encoder (seconds); call it off any thread that answers Slack. */
  MiniLmEncoder() {
    this.model = new AllMiniLmL6V2QuantizedEmbeddingModel(Runnable::run);
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public int dimension() {
    return 384;
  }

  @Override
  public float[] encode(String text) {
    return model.embed(text).content().vector();
  }

  @Override
  public List<float[]> encodeAll(List<String> texts) {
    List<float[]> out = new ArrayList<>(texts.size());
    for (int from = 0; from < texts.size(); from += BATCH) {
      List<TextSegment> batch = texts.subList(from, Math.min(texts.size(), from + BATCH)).stream()
          .map(TextSegment::from).toList();
      for (Embedding e : model.embedAll(batch).content()) {
        out.add(e.vector());
      }
    }
    return out;
  }
}
