package dev.candor.main;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code export --out}'s file: refused before any work when it cannot be written, and never left half-written. */
class OutputFileTest {
  @TempDir Path dir;

  static OutputFile.Body text(String text) {
    return out -> out.write(text.getBytes(StandardCharsets.UTF_8));
  }

  List<String> names() throws IOException {
    try (var files = Files.list(dir)) {
      return files.map(f -> f.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void aNewFile_isWrittenWhole() throws Exception {
    Path file = dir.resolve("INC-1.md");

    OutputFile.claim(file, false).write(text("# INC-1\n"));

    assertEquals("# INC-1\n", Files.readString(file));
    assertEquals(List.of("INC-1.md"), names());
  }

  @Test
  void anExistingFile_isRefusedUnlessReplacing() throws Exception {
    Path file = Files.writeString(dir.resolve("INC-1.md"), "notes");

    OutputFile.Refused refused = assertThrows(OutputFile.Refused.class, () -> OutputFile.claim(file, false));
    assertEquals(file + " already exists; nothing was overwritten. Name another file with --out, or add --force to "
        + "replace it", refused.getMessage());

    OutputFile.claim(file, true).write(text("# INC-1\n"));
    assertEquals("# INC-1\n", Files.readString(file));
    assertEquals(List.of("INC-1.md"), names());
  }

  @Test
  void aFileMadeWhileWriting_isNotOverwritten() throws Exception {
    Path file = dir.resolve("INC-1.md");
    OutputFile claimed = OutputFile.claim(file, false);

    OutputFile.Refused refused = assertThrows(OutputFile.Refused.class, () -> claimed.write(out -> {
      Files.writeString(file, "someone else's");
      out.write('x');
    }));

    assertTrue(refused.getMessage().contains("was created while the export ran"), refused.getMessage());
    assertEquals("someone else's", Files.readString(file));
    assertEquals(List.of("INC-1.md"), names());
  }

  @Test
  void aFailureWhileWriting_leavesNoFile() throws Exception {
    Path file = dir.resolve("INC-1.md");

    OutputFile.Refused refused = assertThrows(OutputFile.Refused.class,
        () -> OutputFile.claim(file, false).write(out -> {
          out.write("# INC-1\n".getBytes(StandardCharsets.UTF_8));
          throw new IOException("No space left on device");
        }));

    assertEquals("cannot write " + file + ": No space left on device", refused.getMessage());
    assertEquals(List.of(), names());
  }

  @Test
  void aMissingDirectory_isNamed() {
    Path file = dir.resolve("missing").resolve("INC-1.md");

    OutputFile.Refused refused = assertThrows(OutputFile.Refused.class, () -> OutputFile.claim(file, false));

    assertEquals("cannot write " + file + ": the directory " + dir.resolve("missing") + " does not exist",
        refused.getMessage());
    assertFalse(Files.exists(dir.resolve("missing")));
  }

  @Test
  void aFileInPlaceOfTheDirectory_isNamed() throws Exception {
    Path notADir = Files.writeString(dir.resolve("notes.txt"), "x");

    OutputFile.Refused refused = assertThrows(OutputFile.Refused.class,
        () -> OutputFile.claim(notADir.resolve("INC-1.md"), false));

    assertTrue(refused.getMessage().endsWith(": " + notADir + " is not a directory"), refused.getMessage());
  }

  @Test
  void aDirectoryOrNoName_isRefused() {
    assertTrue(assertThrows(OutputFile.Refused.class, () -> OutputFile.claim(dir, true)).getMessage()
        .contains("is a directory"));
    assertEquals("--out needs a file name",
        assertThrows(OutputFile.Refused.class, () -> OutputFile.claim(Path.of(""), false)).getMessage());
  }
}
