package dev.candor.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where replays write: a new or empty folder, filled all at once, never one with something in it. */
class OutputFolderTest {
  @TempDir Path dir;

  @Test
  void theDefaultFolder_isTheChannelName_madeSafe() {
    assertEquals(dir.resolve("inc-2026-03-14-checkout-latency"), OutputFolder.defaultFor(dir, "inc-2026-03-14-checkout-latency"));
    assertEquals(dir.resolve("incident-café-ünï"), OutputFolder.defaultFor(dir, "incident café ünï"));
    assertEquals(dir.resolve("etc-passwd"), OutputFolder.defaultFor(dir, "../../etc/passwd"));
    assertEquals(dir.resolve("x"), OutputFolder.defaultFor(dir, "..\\x"));
    assertEquals(dir.resolve("replay"), OutputFolder.defaultFor(dir, "../.."));
    assertEquals(dir.resolve("hidden"), OutputFolder.defaultFor(dir, ".hidden"));
  }

  @Test
  void documentsAppear_onlyOncePublished() throws Exception {
    OutputFolder out = OutputFolder.claim(dir.resolve("a/b/out"));
    Path staging = out.staging();
    Files.writeString(staging.resolve("timeline.md"), "# INC-1");

    assertTrue(Files.notExists(dir.resolve("a/b/out")));
    Path published = out.publish();
    assertEquals(dir.resolve("a/b/out"), published);
    assertEquals("# INC-1", Files.readString(published.resolve("timeline.md")));
    assertEquals(List.of("out"), names(dir.resolve("a/b")), "no staging folder is left behind");
  }

  @Test
  void anEmptyFolder_isUsed() throws Exception {
    Files.createDirectories(dir.resolve("empty"));
    OutputFolder out = OutputFolder.claim(dir.resolve("empty"));
    Files.writeString(out.staging().resolve("nudges.md"), "none");

    assertEquals(List.of("nudges.md"), names(out.publish()));
  }

  @Test
  void aFolderWithSomethingInIt_orAFile_isRefused_andLeftAlone() throws Exception {
    Files.createDirectories(dir.resolve("full"));
    Files.writeString(dir.resolve("full/keep.txt"), "mine");
    Files.writeString(dir.resolve("file"), "mine");

    ExportProblem full = assertThrows(ExportProblem.class, () -> OutputFolder.claim(dir.resolve("full")));
    ExportProblem file = assertThrows(ExportProblem.class, () -> OutputFolder.claim(dir.resolve("file")));

    assertEquals(dir.resolve("full") + " already exists and is not empty; nothing was overwritten. Name another folder "
        + "with --out, or move it away", full.getMessage());
    assertEquals(dir.resolve("file") + " exists and is not a folder; name another with --out", file.getMessage());
    assertEquals("mine", Files.readString(dir.resolve("full/keep.txt")));
  }

  @Test
  void anAbandonedReplay_leavesNothing() throws Exception {
    OutputFolder out = OutputFolder.claim(dir.resolve("out"));
    Files.writeString(out.staging().resolve("timeline.md"), "half");

    out.abandon();

    assertEquals(List.of(), names(dir));
  }

  static List<String> names(Path folder) throws Exception {
    try (Stream<Path> children = Files.list(folder)) {
      return children.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }
}
