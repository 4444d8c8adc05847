package dev.candor.replay;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Slack exports for tests: the example under {@code examples/}, zipped on demand, and small ones written by hand. */
public final class Exports {
  /** The example export of the README's quick start. */
  public static final Path EXAMPLE = Path.of("examples/slack-export");
  public static final String INCIDENT_CHANNEL = "inc-2026-03-14-checkout-latency";

  private Exports() {}

  /**
   * Zips {@code folder} into {@code zip} as Slack does (entries at the top), or under {@code inside/} when given;
   * entries in name order.
   */
  public static Path zip(Path folder, Path zip, String inside) throws IOException {
    List<Path> files;
    try (Stream<Path> all = Files.walk(folder)) {
      files = all.filter(Files::isRegularFile).sorted().toList();
    }
    try (OutputStream out = Files.newOutputStream(zip); ZipOutputStream z = new ZipOutputStream(out, StandardCharsets.UTF_8)) {
      for (Path file : files) {
        String name = (inside == null ? "" : inside + "/") + folder.relativize(file).toString().replace('\\', '/');
        z.putNextEntry(new ZipEntry(name));
        Files.copy(file, z);
        z.closeEntry();
      }
    }
    return zip;
  }

  /** Adds a raw entry to a zip: for names no file system would take. */
  public static Path zipWithEntries(Path zip, String... nameThenContent) throws IOException {
    try (OutputStream out = Files.newOutputStream(zip); ZipOutputStream z = new ZipOutputStream(out, StandardCharsets.UTF_8)) {
      for (int i = 0; i < nameThenContent.length; i += 2) {
        z.putNextEntry(new ZipEntry(nameThenContent[i]));
        z.write(nameThenContent[i + 1].getBytes(StandardCharsets.UTF_8));
        z.closeEntry();
      }
    }
    return zip;
  }

  /** A small export written file by file. */
  public static final class Builder {
    private final Path root;

    public Builder(Path root) throws IOException {
      this.root = Files.createDirectories(root);
    }

    public Builder file(String path, String content) throws IOException {
      Path file = root.resolve(path);
      Files.createDirectories(file.getParent());
      Files.writeString(file, content, StandardCharsets.UTF_8);
      return this;
    }

    /** {@code channels.json} listing {@code id name} pairs. */
    public Builder channels(String... idThenName) throws IOException {
      return file("channels.json", list(idThenName));
    }

    public Builder groups(String... idThenName) throws IOException {
      return file("groups.json", list(idThenName));
    }

    /** {@code channels.json} listing channels by {@code id name purpose topic}, four strings each. */
    public Builder channelsWithPurpose(String... idNamePurposeTopic) throws IOException {
      StringBuilder json = new StringBuilder("[");
      for (int i = 0; i < idNamePurposeTopic.length; i += 4) {
        json.append(i == 0 ? "" : ",").append(channel(idNamePurposeTopic[i], idNamePurposeTopic[i + 1],
            idNamePurposeTopic[i + 2], idNamePurposeTopic[i + 3]));
      }
      return file("channels.json", json.append("]").toString());
    }

    public Builder users(String... idThenRealName) throws IOException {
      StringBuilder json = new StringBuilder("[");
      for (int i = 0; i < idThenRealName.length; i += 2) {
        json.append(i == 0 ? "" : ",").append("{\"id\":\"").append(idThenRealName[i]).append("\",\"name\":\"u")
            .append(i).append("\",\"real_name\":\"").append(idThenRealName[i + 1]).append("\"}");
      }
      return file("users.json", json.append("]").toString());
    }

    /** A day file of {@code channel}: a JSON array of the given message objects. */
    public Builder day(String channel, String date, String... messages) throws IOException {
      return file(channel + "/" + date + ".json", "[" + String.join(",\n", messages) + "]");
    }

    public Path root() {
      return root;
    }

    private static String list(String... idThenName) {
      StringBuilder json = new StringBuilder("[");
      for (int i = 0; i < idThenName.length; i += 2) {
        json.append(i == 0 ? "" : ",").append(channel(idThenName[i], idThenName[i + 1], "", ""));
      }
      return json.append("]").toString();
    }

    private static String channel(String id, String name, String purpose, String topic) {
      return "{\"id\":\"" + id + "\",\"name\":" + quoted(name) + ",\"created\":1773479400,\"creator\":\"U1\","
          + "\"purpose\":{\"value\":" + quoted(purpose) + "},\"topic\":{\"value\":" + quoted(topic) + "}}";
    }

    private static String quoted(String text) {
      return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
  }

  /** A person's message at {@code ts}. */
  public static String message(String user, String ts, String text) {
    return "{\"type\":\"message\",\"user\":\"" + user + "\",\"ts\":\"" + ts + "\",\"text\":\""
        + text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"}";
  }
}
