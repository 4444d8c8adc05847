package dev.candor.config;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Where the evidence key comes from: the file {@code CANDOR_KEY_FILE} names, the value of {@code CANDOR_KEY} (a
 * secrets manager fills it), or, when neither is set, {@code candor.key} beside the SQLite database (made with it).
 * The key is never kept in the database. Its value is never printed.
 */
public record KeySource(Optional<Path> file, Optional<String> hex) {
  /** {@code candor.key} beside the SQLite database. */
  public static final KeySource BESIDE_DATABASE = new KeySource(Optional.empty(), Optional.empty());

  public KeySource {
    if (file.isPresent() && hex.isPresent()) {
      throw new IllegalArgumentException("one key source, not two");
    }
  }

  /** True when neither variable is set: the key lives beside the SQLite database. */
  public boolean besideDatabase() {
    return file.isEmpty() && hex.isEmpty();
  }

  /** Where the key comes from, for messages: never the key itself. */
  public String describe() {
    return file.map(f -> "CANDOR_KEY_FILE " + f).orElse(hex.isPresent() ? "CANDOR_KEY" : "candor.key");
  }

  @Override
  public String toString() {
    return describe();
  }
}
