package dev.candor.store;

import dev.candor.timeline.EvidenceKey;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The evidence key, kept in a file beside the database ({@code candor.key}, readable by its owner only) and made
 * when the database is new. Back it up with the database: without it, verify cannot check. It is never replaced:
 * a missing key beside a database that already holds records is an error, since a new one would make every chain
 * read as altered.
 */
public final class LocalKey {
  public static final String FILE_NAME = "candor.key";

  private LocalKey() {}

  /** The key is missing beside a database that holds records; the message says how to restore it. */
  public static final class Missing extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    Missing(String message) {
      super(message);
    }
  }

  /** Reads the key at {@code file}; never creates one. */
  public static EvidenceKey load(Path file) {
    if (!Files.exists(file)) {
      throw new IllegalStateException("the evidence key " + file + " is missing");
    }
    return read(file);
  }

  /**
   * Reads the key at {@code file}, or creates it when it is missing and {@code database} holds no incident and no
   * timeline entry yet; a missing key beside records is {@link Missing}, and nothing is written.
   */
  public static EvidenceKey loadOrCreate(Path file, Database database) {
    if (!Files.exists(file)) {
      if (database.holdsRecords()) {
        throw new Missing("the evidence key " + file + " is missing but the database beside it already holds "
            + "incidents: put back the " + FILE_NAME + " that was beside the database (from the backup made with it);"
            + " a new key would make every chain read as altered");
      }
      try {
        create(file);
      } catch (IOException e) {
        throw new IllegalStateException("cannot create the evidence key " + file + ": " + e.getMessage(), e);
      }
    }
    return read(file);
  }

  private static EvidenceKey read(Path file) {
    String hex;
    try {
      hex = Files.readString(file, StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read the evidence key " + file + ": " + e.getMessage(), e);
    }
    return parse(hex, "the evidence key " + file);
  }

  /**
   * The key written as hex (as {@code candor.key} holds it, or a secrets manager puts it in {@code CANDOR_KEY});
   * {@code what} names where it came from in the message of a malformed one, which never quotes the value.
   */
  public static EvidenceKey parse(String hex, String what) {
    try {
      return new EvidenceKey(HexFormat.of().parseHex(hex.strip()));
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException("cannot read " + what + ": it must be 64 or more hex characters (openssl rand "
          + "-hex 32 makes one)", e);
    }
  }

  /**
   * Writes a new key whole, owner-only from its creation, into a temporary file beside {@code file}, onto the disk,
   * then links it into place, which fails rather than replace a key another process made meanwhile (theirs is
   * read). Where hard links are not supported the temporary file is moved, again never over an existing key.
   */
  private static void create(Path file) throws IOException {
    byte[] secret = new byte[32];
    new SecureRandom().nextBytes(secret);
    Path dir = file.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    Path temp = OwnerOnly.createTempFile(dir, "." + FILE_NAME + ".", ".tmp");
    try {
      OwnerOnly.writeDurably(temp, (HexFormat.of().formatHex(secret) + "\n").getBytes(StandardCharsets.US_ASCII));
      try {
        Files.createLink(file, temp);
      } catch (FileAlreadyExistsException raced) {
        return; // another process made it first; read theirs
      } catch (UnsupportedOperationException | IOException noLinks) {
        moveIfAbsent(temp, file);
      }
      OwnerOnly.syncFolder(dir);
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  private static void moveIfAbsent(Path temp, Path file) throws IOException {
    try {
      Files.move(temp, file);
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
