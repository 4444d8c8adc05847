package dev.candor.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Files readable and writable by their owner only ({@code rw-------}), so from the moment they exist: the
 * permissions are given when the file is created, not set afterwards. On a file system without POSIX permissions
 * (Windows) the folder's permissions apply.
 */
final class OwnerOnly {
  private OwnerOnly() {}

  private static boolean posix() {
    return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
  }

  private static FileAttribute<?>[] attributes() {
    return posix() ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))}
        : new FileAttribute<?>[0];
  }

  /** Creates {@code file}, empty; a {@link java.nio.file.FileAlreadyExistsException} when it exists. */
  static Path createFile(Path file) throws IOException {
    return Files.createFile(file, attributes());
  }

  /** A new empty file in {@code dir}, named {@code prefix…suffix}. */
  static Path createTempFile(Path dir, String prefix, String suffix) throws IOException {
    return Files.createTempFile(dir, prefix, suffix, attributes());
  }

  /** Writes {@code bytes} to {@code file} and waits until they are on the disk. */
  static void writeDurably(Path file, byte[] bytes) throws IOException {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
      ByteBuffer buffer = ByteBuffer.wrap(bytes);
      while (buffer.hasRemaining()) {
        channel.write(buffer);
      }
      channel.force(true);
    }
  }

  /** Waits until the entries of {@code dir} (a file created or renamed in it) are on the disk, where that can be asked. */
  static void syncFolder(Path dir) {
    try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
      channel.force(true);
    } catch (IOException | UnsupportedOperationException e) {
      // Windows cannot open a folder this way; its file system orders the rename itself
    }
  }
}
