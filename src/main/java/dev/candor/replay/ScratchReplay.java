package dev.candor.replay;

import dev.candor.incident.ChannelNamer;
import dev.candor.incident.IncidentService;
import dev.candor.incident.SeverityScale;
import dev.candor.nudge.BlameDetector;
import dev.candor.store.Database;
import dev.candor.store.JdbcIncidentRepository;
import dev.candor.store.JdbcNudgeStore;
import dev.candor.store.JdbcTimelineStore;
import dev.candor.store.TimelineJournal;
import dev.candor.timeline.EvidenceKey;
import dev.candor.timeline.HashChain;
import dev.candor.timeline.TimelineService;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * A replay wired as live Candor is, over a scratch SQLite store in a temporary folder with a fresh evidence
 * key: the incident repository journals into the timeline, nudges keep their cooldown in the store. Closing it
 * deletes the folder, database and all, and so does the JVM's stopping first (SIGTERM, Ctrl-C; {@link DeleteAtExit}).
 */
public final class ScratchReplay implements AutoCloseable {
  private final Path folder;
  private final DeleteAtExit cleanup;
  private final Database database;
  private final TimelineService timeline;
  private final Replay replay;
  private final Duration cooldown;
  private final SeverityScale scale;

  private ScratchReplay(Path folder, DeleteAtExit cleanup, Database database, Clock clock, BlameDetector detector,
      Duration cooldown, String keyEmoji, SeverityScale scale, Consumer<String> warnings) {
    this.folder = folder;
    this.cleanup = cleanup;
    this.database = database;
    this.cooldown = cooldown;
    this.scale = scale;
    byte[] secret = new byte[32];
    new SecureRandom().nextBytes(secret);
    this.timeline = new TimelineService(new JdbcTimelineStore(database.dataSource()), new EvidenceKey(secret), clock);
    ReplayClock channelTime = new ReplayClock(clock.instant());
    OfflineChannel offline = new OfflineChannel();
    IncidentService incidents = new IncidentService(
        new JdbcIncidentRepository(database.dataSource(), new TimelineJournal(timeline)), offline, offline,
        new ChannelNamer(ChannelNamer.DEFAULT_TEMPLATE), ZoneOffset.UTC, timeline.masker(), channelTime);
    this.replay = new Replay(incidents, timeline, detector, new JdbcNudgeStore(database.dataSource()), cooldown,
        channelTime, clock, keyEmoji, scale, warnings);
  }

  /**
   * Opens a scratch store; {@code clock} stamps when entries were recorded, {@code cooldown}, {@code keyEmoji} and
   * {@code scale} (by which the channel's severity is read) are the live settings.
   */
  public static ScratchReplay open(Clock clock, BlameDetector detector, Duration cooldown, String keyEmoji,
      SeverityScale scale, Consumer<String> warnings) throws IOException {
    Path folder = Files.createTempDirectory("candor-replay-");
    DeleteAtExit cleanup = new DeleteAtExit(folder);
    try {
      Database database = Database.openScratch(folder.resolve("replay.db"));
      cleanup.beforeDeleting(database::close);
      return new ScratchReplay(folder, cleanup, database, clock, detector, cooldown, keyEmoji, scale, warnings);
    } catch (RuntimeException | Error e) {
      cleanup.close();
      throw e;
    }
  }

  /** Replays {@code channel} of {@code export} within {@code range} into the scratch store. */
  public Replay.Result run(SlackExport export, ExportChannel channel, Replay.Range range) throws ExportProblem {
    return replay.run(export, channel, range);
  }

  /** Checks the replayed incident's hash chain, as {@code candor verify} does. */
  public HashChain.Check verify(Replay.Result result) {
    return timeline.verify(result.incident().id());
  }

  /** Writes the four documents of {@code result} into {@code dir} ({@link ReplayDocuments}), in the scale's names. */
  public List<Path> write(Path dir, String channelName, Replay.Result result, Map<String, String> names, ZoneId zone)
      throws IOException {
    return ReplayDocuments.write(dir, channelName, result, timeline, names, cooldown, zone, scale);
  }

  /** What {@link #writeVerified} wrote, and what checking the chain found. */
  public record Written(List<Path> files, HashChain.Check chain) {}

  /**
   * Writes the documents and checks the chain side by side: the chain check, the post-mortem draft and the JSON
   * export on other threads while this one reads the timeline and writes its Markdown; the caller publishes the
   * documents only if the chain holds.
   */
  public Written writeVerified(Path dir, String channelName, Replay.Result result, Map<String, String> names,
      ZoneId zone) throws IOException {
    ExecutorService aside = Executors.newFixedThreadPool(3, r -> {
      Thread t = new Thread(r, "candor-replay-aside");
      t.setDaemon(true);
      return t;
    });
    try {
      Future<HashChain.Check> chain = aside.submit(() -> verify(result));
      List<Path> files = ReplayDocuments.write(dir, channelName, result, timeline, names, cooldown, zone, scale,
          aside);
      return new Written(files, Futures.join(chain));
    } finally {
      aside.shutdownNow();
    }
  }

  public TimelineService timeline() {
    return timeline;
  }

  /** The scratch folder (gone once closed). */
  public Path folder() {
    return folder;
  }

  /** Closes the store and deletes its folder; were the JVM stopped first, a shutdown hook would do it. */
  @Override
  public void close() {
    cleanup.close();
  }
}
