package dev.candor.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.candor.incident.SeverityScale;
import dev.candor.nudge.BlameDetector;
import dev.candor.nudge.RuleSet;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The scratch store's and the staging folder's cleanup, on each way a replay ends. */
class DeleteAtExitTest {
  @TempDir Path dir;

  Path folderWithFiles() throws Exception {
    Path folder = Files.createDirectories(dir.resolve("candor-replay-1"));
    Files.writeString(folder.resolve("replay.db"), "db");
    Files.writeString(Files.createDirectories(folder.resolve("sub")).resolve("replay.db-wal"), "wal");
    return folder;
  }

  @Test
  void closing_closesWhatIsOpenFirst_thenDeletesTheFolder_once() throws Exception {
    Path folder = folderWithFiles();
    List<String> seen = new ArrayList<>();
    DeleteAtExit cleanup = new DeleteAtExit(folder);
    cleanup.beforeDeleting(() -> seen.add("closed while the folder " + (Files.exists(folder) ? "exists" : "is gone")));

    cleanup.close();
    cleanup.close();
    cleanup.atExit();

    assertFalse(Files.exists(folder));
    assertEquals(List.of("closed while the folder exists"), seen);
    assertTrue(cleanup.done());
  }

  @Test
  void theShutdownHook_deletesTheFolder_evenWhenClosingHangs_withinItsWait() throws Exception {
    Path folder = folderWithFiles();
    CountDownLatch never = new CountDownLatch(1);
    DeleteAtExit cleanup = new DeleteAtExit(folder);
    cleanup.beforeDeleting(() -> {
      try {
        never.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });

    long start = System.nanoTime();
    cleanup.atExit();
    Duration took = Duration.ofNanos(System.nanoTime() - start);

    assertFalse(Files.exists(folder), "deleted though the store never closed");
    assertTrue(took.toMillis() < DeleteAtExit.CLOSE_WAIT_MS + 1_500, "the JVM's exit is held up only briefly: " + took);
    cleanup.close();
  }

  @Test
  void theShutdownHook_deletesWhatClosingLeftBehind() throws Exception {
    Path folder = folderWithFiles();
    DeleteAtExit cleanup = new DeleteAtExit(folder);
    cleanup.beforeDeleting(() -> {
      try {
        Files.createDirectories(folder);
        Files.writeString(folder.resolve("replay.db-journal"), "written on closing");
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });

    cleanup.atExit();

    assertFalse(Files.exists(folder));
  }

  @Test
  void aReleasedFolder_isKept_atExitToo() throws Exception {
    Path folder = folderWithFiles();
    DeleteAtExit cleanup = new DeleteAtExit(folder);

    cleanup.release();
    cleanup.atExit();
    cleanup.close();

    assertTrue(Files.exists(folder.resolve("replay.db")));
  }

  @Test
  void aScratchReplay_registersItsFolderForDeletion_andClosingDeletesIt() throws Exception {
    ScratchReplay replay = ScratchReplay.open(Clock.systemUTC(),
        new BlameDetector(RuleSet.builtIn()), Duration.ofMinutes(10), "pushpin",
        SeverityScale.defaults(), w -> { });
    Path folder = replay.folder();
    assertTrue(Files.exists(folder.resolve("replay.db")));

    replay.close();

    assertFalse(Files.exists(folder));
  }
}
