package dev.candor.replay;

import dev.candor.timeline.TimelineExport;
import dev.candor.timeline.TimelineService;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;

/**
 * A replay's documents, written into a folder: the timeline as Markdown and JSON (the export of
 * {@code candor export}, streamed in one pass over the store) and the nudge report.
 */
public final class ReplayDocuments {
  public static final String TIMELINE_MD = "timeline.md";
  public static final String TIMELINE_JSON = "timeline.json";
  public static final String NUDGES_MD = "nudges.md";
  public static final String POSTMORTEM_MD = "postmortem.md";

  private ReplayDocuments() {}

  /**
   * Writes the timeline and the nudge report of {@code result} into {@code dir}; {@code people} writes a user
   * or bot id as readers should see it. Returns the files written.
   */
  public static List<Path> write(Path dir, String channelName, Replay.Result result, TimelineService timeline,
      Function<String, String> people, Duration cooldown) throws IOException {
    Path md = dir.resolve(TIMELINE_MD);
    Path json = dir.resolve(TIMELINE_JSON);
    Path nudges = dir.resolve(NUDGES_MD);
    try (Writer mdOut = writer(md); Writer jsonOut = writer(json)) {
      TimelineExport.Markdown markdown = new TimelineExport.Markdown(mdOut, result.incident(), people);
      TimelineExport.Json entries = new TimelineExport.Json(jsonOut, result.incident());
      timeline.read(result.incident(), item -> {
        markdown.item(item);
        entries.item(item);
      });
      markdown.finish();
      entries.finish();
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    try (Writer out = writer(nudges)) {
      NudgeReport.write(out, channelName, result, cooldown);
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    return List.of(md, json, nudges);
  }

  static Writer writer(Path file) throws IOException {
    return new BufferedWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8), 1 << 16);
  }
}
