package dev.candor.store;

import dev.candor.timeline.EvidenceKey;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Set;

/**
 * The evidence key, kept in a file beside the database ({@code candor.key}, readable by its owner
 * only) and made on first start. Back it up with the database: without it, verify cannot check.
 */
public final class LocalKey {
  public static final String FILE_NAME = "candor.key";

  private LocalKey() {}

  /** Reads the key at {@code file}, creating it when {@code create} and it does not exist. */
  public static EvidenceKey load(Path file, boolean create) {
    try {
      if (!Files.exists(file)) {
        if (!create) {
          throw new IllegalStateException("the evidence key " + file + " is missing");
        }
        createKey(file);
      }
      String hex = Files.readString(file, StandardCharsets.US_ASCII).strip();
      return new EvidenceKey(HexFormat.of().parseHex(hex));
    } catch (IOException | IllegalArgumentException e) {
      throw new IllegalStateException("cannot read the evidence key " + file + ": " + e.getMessage(), e);
    }
  }

  private static void createKey(Path file) throws IOException {
    byte[] secret = new byte[32];
    new SecureRandom().nextBytes(secret);
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    try {
      Files.createFile(file);
      try {
        Files.setPosixFilePermissions(file, Set.of(
            PosixFilePermission.OWNER_READ,
            PosixFilePermission.OWNER_WRITE));
      } catch (UnsupportedOperationException notPosix) {
        // Windows: the folder's permissions apply
      }
      Files.writeString(file, HexFormat.of().formatHex(secret) + "\n", StandardCharsets.US_ASCII,
          StandardOpenOption.TRUNCATE_EXISTING);
    } catch (FileAlreadyExistsException raced) {
      // another process made it first; read theirs
    }
  }

  /** Where the key of a SQLite database URL lives: beside the database file. */
  public static Path besideDatabase(String databaseUrl) {
    Path db = Database.file(databaseUrl);
    Path parent = db == null ? Path.of(".") : db.toAbsolutePath().getParent();
    return parent.resolve(FILE_NAME);
  }

}
