package dev.candor.replay;

import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Where a replay's documents go: a folder that does not exist yet or is empty, never one with something in
 * it. The documents are written into a hidden folder beside it and moved into place only once all are
 * written, so a failed replay leaves nothing half-written behind, nor one stopped midway (SIGTERM, Ctrl-C).
 */
public final class OutputFolder {
  private final Path target;
  private Path staging;
  private DeleteAtExit stagingCleanup;

  private OutputFolder(Path target) {
    this.target = target;
  }

  /** The folder a replay of {@code channelName} writes to by default: named after the channel, in {@code cwd}. */
  public static Path defaultFor(Path cwd, String channelName) {
    StringBuilder safe = new StringBuilder();
    channelName.codePoints().forEach(cp -> safe.appendCodePoint(
        Character.isLetterOrDigit(cp) || cp == '-' || cp == '_' || cp == '.' ? cp : '-'));
    String name = safe.toString().replaceAll("^[.-]+", "").replaceAll("-{2,}", "-");
    return cwd.resolve(name.isEmpty() ? "replay" : name);
  }

  /** Claims {@code target}, which must not exist or be an empty folder. */
  public static OutputFolder claim(Path target) throws ExportProblem {
    Path absolute = target.toAbsolutePath().normalize();
    if (Files.exists(absolute) && !Files.isDirectory(absolute)) {
      throw new ExportProblem(target + " exists and is not a folder; name another with --out");
    }
    if (Files.isDirectory(absolute)) {
      try (DirectoryStream<Path> children = Files.newDirectoryStream(absolute)) {
        if (children.iterator().hasNext()) {
          throw new ExportProblem(target + " already exists and is not empty; nothing was overwritten. "
              + "Name another folder with --out, or move it away");
        }
      } catch (IOException e) {
        throw new ExportProblem("cannot read the folder " + target + ": " + e.getMessage());
      }
    }
    return new OutputFolder(absolute);
  }

  /** The folder to write the documents into, beside the target until {@link #publish}. */
  public Path staging() throws ExportProblem {
    if (staging == null) {
      try {
        Path parent = target.getParent();
        Files.createDirectories(parent);
        staging = Files.createDirectory(parent.resolve("." + target.getFileName() + ".partial-"
            + UUID.randomUUID().toString().substring(0, 8)));
        stagingCleanup = new DeleteAtExit(staging);
      } catch (IOException e) {
        throw new ExportProblem("cannot create a folder beside " + target + ": " + e.getMessage());
      }
    }
    return staging;
  }

  /** Moves the written documents into place as the target folder; returns it. */
  public Path publish() throws ExportProblem {
    try {
      if (Files.isDirectory(target)) {
        Files.delete(target); // empty, as claim checked; a file put there since makes this fail, and nothing is lost
      }
      Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
      staging = null;
      stagingCleanup.release();
      stagingCleanup = null;
      return target;
    } catch (FileAlreadyExistsException | DirectoryNotEmptyException e) {
      throw new ExportProblem(target + " was filled while the replay ran; nothing was overwritten");
    } catch (IOException e) {
      throw new ExportProblem("cannot move the documents into " + target + ": " + e.getMessage());
    }
  }

  /** Removes what was written when the replay did not finish. */
  public void abandon() {
    if (staging != null) {
      stagingCleanup.close();
      stagingCleanup = null;
      staging = null;
    }
  }

  /** Deletes a folder and everything in it, as far as it can. */
  public static void deleteTree(Path root) {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> all = Files.walk(root)) {
      all.sorted(Comparator.reverseOrder()).forEach(p -> {
        try {
          Files.deleteIfExists(p);
        } catch (IOException ignored) {
          // left behind in a temporary folder at worst
        }
      });
    } catch (IOException ignored) {
      // as above
    }
  }
}
