package dev.candor.replay;

import com.fasterxml.jackson.databind.JsonNode;
import dev.candor.postmortem.Names;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * A standard Slack workspace export, as the zip Slack hands out or as the folder it unpacks to:
 * {@code users.json}, {@code channels.json}, {@code groups.json} when private channels were exported, and one
 * folder per channel with a JSON file per day ({@code 2026-03-14.json}). Day files are read in name order,
 * one message at a time, straight from the zip or the folder, never extracted.
 */
public abstract class SlackExport implements AutoCloseable {
  private static final Pattern DAY_FILE = Pattern.compile("(\\d{4}-\\d{2}-\\d{2})\\.json");
  private static final int CHANNELS_LISTED = 40;

  private final String where;
  private List<ExportChannel> channels;

  SlackExport(String where) {
    this.where = where;
  }

  /** Opens the export at {@code path}: a {@code .zip} file or a folder. */
  public static SlackExport open(Path path) throws ExportProblem {
    if (Files.isDirectory(path)) {
      return FolderExport.openFolder(path);
    }
    if (Files.isRegularFile(path)) {
      return ZipExport.openZip(path);
    }
    throw new ExportProblem(path + " does not exist" + (Files.exists(path) ? " as a file or a folder" : ""));
  }

  /** Where the export is, for messages. */
  public String where() {
    return where;
  }

  /** A file at the top of the export, if there is one. */
  abstract Optional<InputStream> topLevel(String name) throws IOException;

  /** The names of the day files in a channel's folder ({@code 2026-03-14.json}), in name order. */
  abstract List<String> dayFiles(String folder) throws IOException;

  abstract InputStream dayFile(String folder, String file) throws IOException;

  /** A channel's folder name is its name: one plain path segment, never a way out of the export. */
  static boolean isFolderName(String name) {
    return !name.isEmpty() && !name.equals(".") && !name.equals("..") && name.indexOf('/') < 0
        && name.indexOf('\\') < 0 && name.indexOf('\0') < 0;
  }

  static boolean isDayFile(String name) {
    return DAY_FILE.matcher(name).matches();
  }

  /** Every channel the export lists, public ({@code channels.json}) then private ({@code groups.json}). */
  public List<ExportChannel> channels() throws ExportProblem {
    if (channels == null) {
      List<ExportChannel> all = new ArrayList<>();
      readChannels("channels.json", false, all);
      readChannels("groups.json", true, all);
      channels = List.copyOf(all);
    }
    return channels;
  }

  private void readChannels(String file, boolean privateChannels, List<ExportChannel> into) throws ExportProblem {
    try {
      Optional<InputStream> in = topLevel(file);
      if (in.isEmpty()) {
        return; // groups.json is only there when private channels were exported; channels.json was checked on open
      }
      JsonArrayReader.read(in.get(), c -> {
        String id = text(c, "id");
        String name = text(c, "name");
        if (id != null && name != null) {
          into.add(new ExportChannel(id, name, privateChannels, text(c, "creator"),
              c.path("created").canConvertToLong() ? Instant.ofEpochSecond(c.path("created").asLong()) : null,
              text(c.path("topic"), "value"), text(c.path("purpose"), "value")));
        }
      });
    } catch (JsonArrayReader.Malformed e) {
      throw new ExportProblem(file + " in " + where + " cannot be read: " + e.getMessage());
    } catch (IOException e) {
      throw new ExportProblem("cannot read " + file + " in " + where + ": " + e.getMessage());
    }
  }

  /**
   * The channel named {@code name} ({@code #name}, or its id), or a problem listing the channels there are,
   * or saying that its name cannot be a folder of this export.
   */
  public ExportChannel channel(String name) throws ExportProblem {
    String wanted = name.startsWith("#") ? name.substring(1) : name;
    List<ExportChannel> all = channels();
    for (ExportChannel c : all) {
      if (c.name().equals(wanted) || c.id().equals(wanted)) {
        return readable(c);
      }
    }
    for (ExportChannel c : all) {
      if (c.name().equalsIgnoreCase(wanted)) {
        return readable(c);
      }
    }
    if (all.isEmpty()) {
      throw new ExportProblem("there is no channel " + printable(wanted) + " in " + where + ": it lists no channels");
    }
    List<String> names = all.stream().map(ExportChannel::name).sorted(Comparator.naturalOrder())
        .map(SlackExport::printable).toList();
    String listed = String.join(", ", names.subList(0, Math.min(names.size(), CHANNELS_LISTED)))
        + (names.size() > CHANNELS_LISTED ? " and " + (names.size() - CHANNELS_LISTED) + " more" : "");
    throw new ExportProblem("there is no channel " + printable(wanted) + " in " + where + "; its channels: " + listed);
  }

  private ExportChannel readable(ExportChannel c) throws ExportProblem {
    if (!isFolderName(c.name())) {
      throw new ExportProblem("the channel name " + printable(c.name()) + " in " + where
          + " is not a folder name an export can have; it is not read");
    }
    return c;
  }

  /** A name as it can be shown on one line: {@code #name}, control characters escaped. */
  static String printable(String name) {
    StringBuilder out = new StringBuilder("#");
    name.codePoints().forEach(cp -> {
      if (Character.isISOControl(cp)) {
        out.append(String.format(Locale.ROOT, "\\u%04x", cp));
      } else {
        out.appendCodePoint(cp);
      }
    });
    return out.toString();
  }

  /**
   * People's names by user id from {@code users.json}, as Slack shows them ({@link Names#shownBySlack}: the display
   * name, else the full name, else the user name). A missing or
   * unreadable file leaves people known by their ids, with a warning.
   */
  public Map<String, String> people(Consumer<String> warnings) {
    Map<String, String> names = new HashMap<>();
    try {
      Optional<InputStream> in = topLevel("users.json");
      if (in.isEmpty()) {
        warnings.accept("there is no users.json in " + where + "; people are shown by their ids");
        return names;
      }
      JsonArrayReader.read(in.get(), u -> {
        String id = text(u, "id");
        JsonNode profile = u.path("profile");
        Names.shownBySlack(text(profile, "display_name"), text(profile, "real_name"), text(u, "real_name"),
            text(u, "name")).filter(name -> id != null).ifPresent(name -> names.put(id, name));
      });
    } catch (JsonArrayReader.Malformed e) {
      warnings.accept("users.json in " + where + " cannot be read (" + e.getMessage() + "); people are shown by their ids");
    } catch (IOException e) {
      warnings.accept("cannot read users.json in " + where + " (" + e.getMessage() + "); people are shown by their ids");
    }
    return names;
  }

  /** Hears an export's messages: the day file each came from, and the message. */
  public interface MessageVisitor {
    void message(String dayFile, JsonNode message);
  }

  /**
   * Every message of {@code channel} in day files dated from {@code firstDay} to {@code lastDay} (either may
   * be null), in file-name order and, within a file, as written. A file that is not a well-formed array of
   * messages is skipped whole, with a warning naming it and why, before any of it is used. Returns how many
   * day files were read.
   */
  public int messages(ExportChannel channel, LocalDate firstDay, LocalDate lastDay, MessageVisitor visitor,
      Consumer<String> warnings) throws ExportProblem {
    if (!isFolderName(channel.name())) {
      throw new ExportProblem("the channel name " + printable(channel.name()) + " in " + where
          + " is not a folder name an export can have; it is not read");
    }
    List<String> files;
    try {
      files = dayFiles(channel.name());
    } catch (IOException e) {
      throw new ExportProblem("cannot list the folder of " + printable(channel.name()) + " in " + where + ": "
          + e.getMessage());
    }
    int read = 0;
    for (String file : files) {
      LocalDate day = LocalDate.parse(file.substring(0, 10));
      // day files follow the exporting workspace's days, so one day either side is kept and messages are filtered by ts
      if ((firstDay != null && day.isBefore(firstDay.minusDays(1))) || (lastDay != null && day.isAfter(lastDay.plusDays(1)))) {
        continue;
      }
      String path = channel.name() + "/" + file;
      try {
        try (InputStream check = dayFile(channel.name(), file)) {
          JsonArrayReader.read(check, null);
        }
        long skipped;
        try (InputStream in = dayFile(channel.name(), file)) {
          skipped = JsonArrayReader.read(in, m -> visitor.message(path, m));
        }
        if (skipped > 0) {
          warnings.accept(path + ": skipped " + skipped + (skipped == 1 ? " item that is" : " items that are")
              + " not a message");
        }
        read++;
      } catch (JsonArrayReader.Malformed e) {
        warnings.accept("skipped " + path + ": " + e.getMessage());
      } catch (IOException e) {
        warnings.accept("skipped " + path + ": it cannot be read (" + e.getMessage() + ")");
      }
    }
    return read;
  }

  static String text(JsonNode node, String field) {
    JsonNode v = node == null ? null : node.get(field);
    return v == null || v.isNull() || v.isContainerNode() ? null : v.asText();
  }

  @Override
  public void close() {
    // a folder holds nothing open
  }
}
