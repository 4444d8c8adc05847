package dev.candor.main;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * A file a command writes ({@code export --out}): checked before any work, written beside its place and moved
 * there only once whole, so a failure leaves nothing half-written. An existing file is replaced only when the user
 * said so ({@code --force}); without it, one that appears while the export runs is not overwritten either.
 */
final class OutputFile {
  private final Path given;
  private final Path target;
  private final boolean replace;
  private final Wording wording;

  /** How a command's messages name the file and the work that writes it. */
  enum Wording {
    /** {@code export --out <file> [--force]}. */
    EXPORT(" with --out", ". Name another file with --out, or add --force to replace it", "the export"),
    /** {@code backup <file>}, which never replaces a file. */
    BACKUP("", ". Name a new file", "the backup");

    private final String naming;
    private final String instead;
    private final String work;

    Wording(String naming, String instead, String work) {
      this.naming = naming;
      this.instead = instead;
      this.work = work;
    }
  }

  /** Why the file cannot be written; the message is the line to show. */
  static final class Refused extends Exception {
    private static final long serialVersionUID = 1L;

    Refused(String message) {
      super(message);
    }
  }

  /** What fills the file. */
  interface Body {
    void writeTo(OutputStream out) throws IOException;
  }

  /** What fills the file, written to the (new, empty) file it is given. */
  interface FileBody {
    void writeTo(Path file) throws IOException;
  }

  private OutputFile(Path given, Path target, boolean replace, Wording wording) {
    this.given = given;
    this.target = target;
    this.replace = replace;
    this.wording = wording;
  }

  /** Checks that {@code given} can be written: its folder exists and is writable, and it is new unless {@code replace}. */
  static OutputFile claim(Path given, boolean replace) throws Refused {
    return claim(given, replace, Wording.EXPORT);
  }

  /** {@link #claim(Path, boolean)}, the messages worded for the command that writes it. */
  static OutputFile claim(Path given, boolean replace, Wording wording) throws Refused {
    if (given.toString().isBlank()) {
      throw new Refused((wording == Wording.EXPORT ? "--out" : "the file") + " needs a file name");
    }
    Path target = given.toAbsolutePath().normalize();
    if (Files.isDirectory(target)) {
      throw new Refused(given + " is a directory; name a file in it" + wording.naming);
    }
    if (Files.exists(target) && !replace) {
      throw new Refused(given + " already exists; nothing was overwritten" + wording.instead);
    }
    Path folder = target.getParent();
    if (!Files.exists(folder)) {
      throw new Refused("cannot write " + given + ": the directory " + folder + " does not exist");
    }
    if (!Files.isDirectory(folder)) {
      throw new Refused("cannot write " + given + ": " + folder + " is not a directory");
    }
    if (!Files.isWritable(folder)) {
      throw new Refused("cannot write " + given + ": the directory " + folder + " is not writable");
    }
    return new OutputFile(given, target, replace, wording);
  }

  /** Writes {@code body} to a hidden file beside the target, then moves it into place; on failure removes it. */
  void write(Body body) throws Refused {
    writeFile(partial -> {
      try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(partial), 1 << 16)) {
        body.writeTo(out);
      }
    });
  }

  /**
   * Lets {@code body} fill a hidden file beside the target (new, empty, readable by its owner only), then moves it
   * into place; on failure removes it.
   */
  void writeFile(FileBody body) throws Refused {
    Path partial = null;
    try {
      partial = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".partial");
      body.writeTo(partial);
      publish(partial);
      partial = null;
    } catch (IOException | UncheckedIOException e) {
      throw new Refused("cannot write " + given + ": " + reason(e));
    } finally {
      if (partial != null) {
        try {
          Files.deleteIfExists(partial);
        } catch (IOException ignored) {
          // a hidden leftover at worst
        }
      }
    }
  }

  private void publish(Path partial) throws IOException, Refused {
    if (replace) {
      Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      return;
    }
    try {
      // a link fails when the name is taken, in one step; a rename would replace it
      Files.createLink(target, partial);
      Files.delete(partial);
    } catch (FileAlreadyExistsException e) {
      throw new Refused(given + " was created while " + wording.work + " ran; nothing was overwritten");
    } catch (UnsupportedOperationException | IOException noLinks) {
      if (Files.exists(target)) {
        throw new Refused(given + " was created while " + wording.work + " ran; nothing was overwritten");
      }
      Files.move(partial, target);
    }
  }

  /** What went wrong, in words, without the temporary file's name. */
  private String reason(Exception e) {
    Throwable cause = e instanceof UncheckedIOException u ? u.getCause() : e;
    if (cause instanceof AccessDeniedException) {
      return "permission denied";
    }
    if (cause instanceof NoSuchFileException) {
      return "the directory " + target.getParent() + " does not exist";
    }
    if (cause instanceof FileSystemException fs && fs.getReason() != null) {
      return fs.getReason();
    }
    return OfflineStore.rootMessage(cause);
  }
}
