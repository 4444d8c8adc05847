package dev.candor.replay;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** An export unpacked into a folder (or into one folder inside it, as some unzip tools leave it). */
final class FolderExport extends SlackExport {
  private final Path root;
  private final Path realRoot;

  private FolderExport(Path root) throws IOException {
    super(root.toString());
    this.root = root.toAbsolutePath().normalize();
    this.realRoot = root.toRealPath();
  }

  static FolderExport openFolder(Path folder) throws ExportProblem {
    try {
      if (Files.isRegularFile(folder.resolve("channels.json"))) {
        return new FolderExport(folder);
      }
      List<Path> inner = new ArrayList<>();
      try (DirectoryStream<Path> children = Files.newDirectoryStream(folder, Files::isDirectory)) {
        for (Path child : children) {
          if (Files.isRegularFile(child.resolve("channels.json"))) {
            inner.add(child);
          }
        }
      }
      if (inner.size() == 1) {
        return new FolderExport(inner.get(0));
      }
    } catch (IOException e) {
      throw new ExportProblem("cannot read the folder " + folder + ": " + e.getMessage());
    }
    throw new ExportProblem(folder + " is not a Slack export: there is no channels.json in it");
  }

  @Override
  Optional<InputStream> topLevel(String name) throws IOException {
    Path file = root.resolve(name);
    return Files.isRegularFile(file) ? Optional.of(Files.newInputStream(file)) : Optional.empty();
  }

  @Override
  List<String> dayFiles(String folder) throws IOException {
    Path dir = channelFolder(folder);
    if (dir == null) {
      return List.of();
    }
    List<String> files = new ArrayList<>();
    try (DirectoryStream<Path> days = Files.newDirectoryStream(dir)) {
      for (Path day : days) {
        String name = day.getFileName().toString();
        if (isDayFile(name) && Files.isRegularFile(day)) {
          files.add(name);
        }
      }
    }
    files.sort(null);
    return files;
  }

  @Override
  InputStream dayFile(String folder, String file) throws IOException {
    Path dir = channelFolder(folder);
    if (dir == null || !isDayFile(file)) {
      throw new IOException("no such day file");
    }
    return Files.newInputStream(dir.resolve(file));
  }

  /** The channel's folder, only when it lies inside the export, links followed; null when there is none. */
  private Path channelFolder(String folder) throws IOException {
    if (!isFolderName(folder)) {
      return null;
    }
    Path dir = root.resolve(folder).normalize();
    if (!root.equals(dir.getParent()) || !Files.isDirectory(dir) || !dir.toRealPath().startsWith(realRoot)) {
      return null;
    }
    return dir;
  }
}
