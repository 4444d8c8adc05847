package dev.candor.replay;

import dev.candor.incident.SeverityScale;
import dev.candor.postmortem.Names;
import dev.candor.postmortem.PostmortemComposer;
import dev.candor.postmortem.PostmortemRecord;
import dev.candor.timeline.MarkdownText;
import dev.candor.timeline.Timeline;
import dev.candor.timeline.TimelineExport;
import dev.candor.timeline.TimelineService;
import java.io.BufferedOutputStream;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * A replay's documents, written into a folder: the timeline as Markdown and JSON (the export of
 * {@code candor export}, streamed in one pass over the store), the nudge report, and the post-mortem draft
 * ({@link PostmortemComposer}, from the timeline's {@link TimelineService#outline outline}).
 */
public final class ReplayDocuments {
  public static final String TIMELINE_MD = "timeline.md";
  public static final String TIMELINE_JSON = "timeline.json";
  public static final String NUDGES_MD = "nudges.md";
  public static final String POSTMORTEM_MD = "postmortem.md";

  private ReplayDocuments() {}

  /**
   * Writes the four documents of {@code result} into {@code dir}: {@code names} maps user and bot ids to
   * names, {@code zone} is how the draft shows times, {@code scale} how the documents people read name severities
   * (the team's {@code P1}; {@code timeline.json} keeps Candor's codes). Returns the files written.
   */
  public static List<Path> write(Path dir, String channelName, Replay.Result result, TimelineService timeline,
      Map<String, String> names, Duration cooldown, ZoneId zone, SeverityScale scale) throws IOException {
    ExecutorService aside = Executors.newFixedThreadPool(2, r -> {
      Thread t = new Thread(r, "candor-replay-documents");
      t.setDaemon(true);
      return t;
    });
    try {
      return write(dir, channelName, result, timeline, names, cooldown, zone, scale, aside);
    } finally {
      aside.shutdownNow();
    }
  }

  /**
   * As {@link #write(Path, String, Replay.Result, TimelineService, Map, Duration, ZoneId, SeverityScale)}, with the
   * post-mortem
   * draft and the JSON export written on {@code aside} (two threads it may use at once) while this thread reads
   * the timeline and writes its Markdown and the nudge report.
   */
  public static List<Path> write(Path dir, String channelName, Replay.Result result, TimelineService timeline,
      Map<String, String> names, Duration cooldown, ZoneId zone, SeverityScale scale, Executor aside)
      throws IOException {
    Names handles = Names.handles(names);
    CompletableFuture<Path> draft = new CompletableFuture<>();
    aside.execute(() -> {
      try {
        draft.complete(writePostmortem(dir, channelName, result, timeline, handles, zone, scale));
      } catch (IOException | RuntimeException e) {
        draft.completeExceptionally(e);
      }
    });
    List<Path> files = new ArrayList<>(writeTimeline(dir, result, timeline, id -> "@" + names.getOrDefault(id, id),
        scale, aside));
    files.add(writeNudges(dir, channelName, result, cooldown, handles));
    files.add(Futures.join(draft));
    return files;
  }

  /**
   * One read of the timeline, in Slack order, feeding both exports: the Markdown written on this thread, the
   * JSON on {@code aside} (it is the larger, and its writing then overlaps the reading).
   */
  private static List<Path> writeTimeline(Path dir, Replay.Result result, TimelineService timeline,
      Function<String, String> people, SeverityScale scale, Executor aside) throws IOException {
    Path md = dir.resolve(TIMELINE_MD);
    Path json = dir.resolve(TIMELINE_JSON);
    try (Writer mdOut = writer(md);
        OutputStream jsonOut = new BufferedOutputStream(Files.newOutputStream(json), 1 << 16)) {
      TimelineExport.Markdown markdown = new TimelineExport.Markdown(mdOut, result.incident(), people, scale);
      TimelineExport.Json entries = new TimelineExport.Json(jsonOut, result.incident());
      Handoff<Timeline.Item> toJson = new Handoff<>(aside, entries::item, entries::finish);
      timeline.read(result.incident(), item -> {
        markdown.item(item);
        toJson.accept(item);
      });
      markdown.finish();
      toJson.finish();
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    return List.of(md, json);
  }

  private static Path writeNudges(Path dir, String channelName, Replay.Result result, Duration cooldown,
      Names names) throws IOException {
    Path nudges = dir.resolve(NUDGES_MD);
    try (Writer out = writer(nudges)) {
      NudgeReport.write(out, channelName, result, cooldown, names::of);
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    return nudges;
  }

  /**
   * The draft live Candor makes, from the same record: no follow-ups, facilitator or meeting yet, nothing sent,
   * and what Candor would have sent (nudges and support notes apart); a closing note says it was replayed.
   */
  private static Path writePostmortem(Path dir, String channelName, Replay.Result result, TimelineService timeline,
      Names names, ZoneId zone, SeverityScale scale) throws IOException {
    Path file = dir.resolve(POSTMORTEM_MD);
    PostmortemRecord record = new PostmortemRecord(result.incident(), timeline.outline(result.incident()), List.of(),
        null, Optional.empty(), 0, zone);
    PostmortemComposer.WouldHaveSent wouldHave =
        new PostmortemComposer.WouldHaveSent(result.answeredNudges(), result.answeredSupport());
    String draft = new PostmortemComposer(names, "`" + TIMELINE_MD + "`, beside this draft", wouldHave)
        .withScale(scale).compose(record);
    try (Writer out = writer(file)) {
      out.write(draft);
      out.write("\n---\n\n_Drafted by `candor replay` from a Slack export of the channel #"
          + MarkdownText.escape(channelName) + ". Candor was not in the channel then, so nobody was sent anything;"
          + " `nudges.md` lists every message it would have answered. The whole timeline is in `timeline.md`._\n");
    }
    return file;
  }

  static Writer writer(Path file) throws IOException {
    return new BufferedWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8), 1 << 16);
  }
}
