package dev.candor.nudge;

import java.util.ArrayList;
import java.util.List;

/**
 * A pretrained sentence encoder: text in, a fixed-length vector out. The learned blame model reads messages through
 * one, so the domain depends on no encoder library, and tests can put a fake in its place.
 */
public interface SentenceEncoder {
  /** The encoder's name, recorded with the weights trained on it (a model is only valid with its encoder). */
  String name();

  /** The length of every vector {@link #encode} gives. */
  int dimension();

  /** The text's vector, {@link #dimension()} long. */
  float[] encode(String text);

  /** Each text's vector, in order; an encoder may batch them. */
  default List<float[]> encodeAll(List<String> texts) {
    List<float[]> out = new ArrayList<>(texts.size());
    for (String t : texts) {
      out.add(encode(t));
    }
    return out;
  }
}
