package dev.candor.nudge;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * Sentence embeddings kept on disk, keyed by a SHA-256 of the text, as bfloat16 (gzipped): training rounds every
 * embedding to bfloat16 first, so weights trained from this cache are the weights trained from the encoder. It lets
 * a test retrain the model in seconds instead of embedding thousands of messages again. Behaves as a
 * {@link SentenceEncoder} for the texts it holds.
 */
public final class EmbeddingCache implements SentenceEncoder {
  private static final String MAGIC = "candor-embeddings";
  private final String name;
  private final int dimension;
  private final Map<String, float[]> vectors;

  private EmbeddingCache(String name, int dimension, Map<String, float[]> vectors) {
    this.name = name;
    this.dimension = dimension;
    this.vectors = vectors;
  }

  /** {@code v} rounded to the nearest bfloat16 (the top 16 bits of a float32), as float32. */
  static float[] bfloat16(float[] v) {
    float[] out = new float[v.length];
    for (int i = 0; i < v.length; i++) {
      out[i] = Float.intBitsToFloat(round(v[i]) << 16);
    }
    return out;
  }

  private static int round(float f) {
    int bits = Float.floatToIntBits(f);
    return (bits + 0x7FFF + ((bits >>> 16) & 1)) >>> 16; // round half to even
  }

  /** Embeds {@code texts} with {@code encoder} and writes them, rounded, to {@code out}. */
  public static void write(SentenceEncoder encoder, List<String> texts, OutputStream out) throws IOException {
    List<String> distinct = new ArrayList<>(new java.util.LinkedHashSet<>(texts));
    List<float[]> vectors = encoder.encodeAll(distinct);
    GZIPOutputStream zip = new GZIPOutputStream(out);
    DataOutputStream d = new DataOutputStream(zip);
    d.writeUTF(MAGIC);
    d.writeUTF(encoder.name());
    d.writeInt(encoder.dimension());
    d.writeInt(distinct.size());
    for (int i = 0; i < distinct.size(); i++) {
      d.write(key(distinct.get(i)));
      for (float f : vectors.get(i)) {
        d.writeShort(round(f));
      }
    }
    d.flush();
    zip.finish();
  }

  public static EmbeddingCache read(InputStream in) throws IOException {
    DataInputStream d = new DataInputStream(new GZIPInputStream(in));
    if (!MAGIC.equals(d.readUTF())) {
      throw new IOException("not an embedding cache");
    }
    String name = d.readUTF();
    int dimension = d.readInt();
    int count = d.readInt();
    Map<String, float[]> vectors = new HashMap<>(count * 2);
    byte[] key = new byte[16];
    for (int i = 0; i < count; i++) {
      d.readFully(key);
      float[] v = new float[dimension];
      for (int j = 0; j < dimension; j++) {
        v[j] = Float.intBitsToFloat((d.readShort() & 0xFFFF) << 16);
      }
      vectors.put(hex(key), v);
    }
    return new EmbeddingCache(name, dimension, vectors);
  }

  public int size() {
    return vectors.size();
  }

  public boolean holds(String text) {
    return vectors.containsKey(hex(key(text)));
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public int dimension() {
    return dimension;
  }

  @Override
  public float[] encode(String text) {
    float[] v = vectors.get(hex(key(text)));
    if (v == null) {
      throw new IllegalArgumentException("no cached embedding for a text; train the model again to refresh the cache");
    }
    return v.clone();
  }

  private static byte[] key(String text) {
    try {
      byte[] full = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return java.util.Arrays.copyOf(full, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String hex(byte[] b) {
    return java.util.HexFormat.of().formatHex(b);
  }
}
