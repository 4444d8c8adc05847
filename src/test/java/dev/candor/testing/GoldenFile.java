package dev.candor.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A document against its golden file. After a deliberate change, rewrite the files with {@code -Dgolden.update=true}
 * and read the diff.
 */
public final class GoldenFile {
  private GoldenFile() {}

  /** Asserts {@code actual} is the file {@code name} in {@code folder} (written first under golden.update). */
  public static void assertMatches(Path folder, String name, String actual) throws IOException {
    Path file = folder.resolve(name);
    if (Boolean.getBoolean("golden.update")) {
      Files.createDirectories(folder);
      Files.writeString(file, actual, StandardCharsets.UTF_8);
    }
    assertTrue(Files.exists(file), file + " is missing; run with -Dgolden.update=true to write it");
    assertEquals(Files.readString(file, StandardCharsets.UTF_8), actual, "differs from " + file);
  }
}
