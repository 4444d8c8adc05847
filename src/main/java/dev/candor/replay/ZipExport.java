package dev.candor.replay;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * An export as the zip Slack hands out, read in place: entries are opened one at a time by name, nothing is
 * extracted, so entry names (however odd) never become paths on this machine.
 */
final class ZipExport extends SlackExport {
  private final ZipFile zip;
  /** The folder inside the zip that holds the export ({@code ""} at its top, as Slack makes it). */
  private final String prefix;

  private ZipExport(Path file, ZipFile zip, String prefix) {
    super(file.toString());
    this.zip = zip;
    this.prefix = prefix;
  }

  static ZipExport openZip(Path file) throws ExportProblem {
    ZipFile zip;
    try {
      zip = new ZipFile(file.toFile());
    } catch (IOException e) {
      throw new ExportProblem(file + " is not a Slack export: it is neither a folder nor a zip file"
          + (e.getMessage() == null ? "" : " (" + e.getMessage() + ")"));
    }
    String prefix = null;
    if (zip.getEntry("channels.json") != null) {
      prefix = "";
    } else {
      List<String> inner = new ArrayList<>();
      for (Enumeration<? extends ZipEntry> entries = zip.entries(); entries.hasMoreElements(); ) {
        String name = entries.nextElement().getName();
        int slash = name.indexOf('/');
        if (slash > 0 && name.substring(slash + 1).equals("channels.json")) {
          inner.add(name.substring(0, slash + 1));
        }
      }
      if (inner.size() == 1) {
        prefix = inner.get(0);
      }
    }
    if (prefix == null) {
      try {
        zip.close();
      } catch (IOException ignored) {
        // nothing was read from it
      }
      throw new ExportProblem(file + " is not a Slack export: there is no channels.json in it");
    }
    return new ZipExport(file, zip, prefix);
  }

  @Override
  Optional<InputStream> topLevel(String name) throws IOException {
    ZipEntry entry = zip.getEntry(prefix + name);
    return entry == null || entry.isDirectory() ? Optional.empty() : Optional.of(zip.getInputStream(entry));
  }

  @Override
  List<String> dayFiles(String folder) {
    String start = prefix + folder + "/";
    List<String> files = new ArrayList<>();
    for (Enumeration<? extends ZipEntry> entries = zip.entries(); entries.hasMoreElements(); ) {
      ZipEntry entry = entries.nextElement();
      String name = entry.getName();
      if (!entry.isDirectory() && name.startsWith(start) && isDayFile(name.substring(start.length()))) {
        files.add(name.substring(start.length()));
      }
    }
    files.sort(null);
    return files;
  }

  @Override
  InputStream dayFile(String folder, String file) throws IOException {
    ZipEntry entry = zip.getEntry(prefix + folder + "/" + file);
    if (entry == null) {
      throw new IOException("no such entry in the zip");
    }
    return zip.getInputStream(entry);
  }

  @Override
  public void close() {
    try {
      zip.close();
    } catch (IOException ignored) {
      // only read from
    }
  }
}
