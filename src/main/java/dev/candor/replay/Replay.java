package dev.candor.replay;

import com.fasterxml.jackson.databind.JsonNode;
import dev.candor.incident.Declaration;
import dev.candor.incident.Incident;
import dev.candor.incident.IncidentId;
import dev.candor.incident.IncidentService;
import dev.candor.incident.IncidentUpdate;
import dev.candor.incident.SeverityScale;
import dev.candor.nudge.BlameDetector;
import dev.candor.nudge.Finding;
import dev.candor.nudge.NudgeStore;
import dev.candor.timeline.EntryKind;
import dev.candor.timeline.Observation;
import dev.candor.timeline.SlackTs;
import dev.candor.timeline.TimelineEntry;
import dev.candor.timeline.TimelineService;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * Replays one channel of a Slack export through the services that serve live Slack: the channel becomes an
 * incident ({@link IncidentService}, declared at its first message, mitigated and resolved when a message
 * says so or else at its last message), its messages become timeline entries ({@link TimelineService}:
 * masked, chained, in batches), and what people wrote is judged by the {@link BlameDetector} behind the same
 * gate as live nudges. Reads the export one message at a time and holds only a few batches: while one is
 * recorded, the ones before it are judged on other threads, and their findings are taken in message order (the
 * nudge cooldown sees the messages in turn).
 */
public final class Replay {
  /** Observations recorded per transaction. */
  static final int BATCH = 4_000;
  /** Threads judging recorded batches while the next ones are read and recorded. */
  static final int JUDGES = 2;
  /** Batches judged ahead of being applied, at most. */
  static final int IN_FLIGHT = 4;
  /** A Slack message timestamp: seconds, then a fraction ({@code 1773479441.008019}). */
  private static final Pattern TS = Pattern.compile("[0-9]{1,12}(\\.[0-9]{1,9})?");
  /** Messages skipped for their ts that are warned about one by one; the rest are counted in one line. */
  static final int WARNED = 20;

  private final IncidentService incidents;
  private final TimelineService timeline;
  private final BlameDetector detector;
  private final NudgeStore cooldowns;
  private final Duration cooldown;
  private final ReplayClock channelTime;
  private final Clock wallClock;
  private final ExportTranslator translator;
  private final ChannelHeading heading;
  private final Consumer<String> warnings;

  /**
   * {@code incidents} must run on {@code channelTime}; {@code wallClock} stamps when entries were observed
   * (now, by this replay); {@code cooldowns} keeps the live nudges' cooldown, to tell which findings a
   * person would have been answered for; {@code scale} is the team's, by which the channel's severity is read.
   */
  public Replay(IncidentService incidents, TimelineService timeline, BlameDetector detector, NudgeStore cooldowns,
      Duration cooldown, ReplayClock channelTime, Clock wallClock, String keyEmoji, SeverityScale scale,
      Consumer<String> warnings) {
    this.incidents = incidents;
    this.timeline = timeline;
    this.detector = detector;
    this.cooldowns = cooldowns;
    this.cooldown = cooldown;
    this.channelTime = channelTime;
    this.wallClock = wallClock;
    this.translator = new ExportTranslator(keyEmoji);
    this.heading = new ChannelHeading(scale);
    this.warnings = warnings;
  }

  /** The part of the channel to replay: from (inclusive) and to (inclusive); either may be open. */
  public record Range(Instant from, Instant to) {
    public static final Range ALL = new Range(null, null);

    public boolean contains(Instant at) {
      return (from == null || !at.isBefore(from)) && (to == null || !at.isAfter(to));
    }

    LocalDate firstDay() {
      return from == null ? null : LocalDate.ofInstant(from, ZoneOffset.UTC);
    }

    LocalDate lastDay() {
      return to == null ? null : LocalDate.ofInstant(to, ZoneOffset.UTC);
    }
  }

  /**
   * A message the detector found blame (or self-blame) in: when, which entry, the finding a person would be
   * shown, and whether, live, they would have had the private note (or the cooldown held it back).
   */
  public record Nudge(Instant at, long seq, Finding finding, boolean answered) {}

  /** How the incident's end was found. */
  public enum End {
    /** A message said it was resolved. */
    DETECTED,
    /** Nothing said so: the channel's last message is taken as the end. */
    LAST_MESSAGE
  }

  /**
   * What a replay made: the incident as stored, how many messages it read and entries they made, the nudges the detector would
   * have given (in message order), the medium findings counted per rule, and the names of bots seen.
   */
  public record Result(Incident incident, long messages, long entries, int dayFiles, End end,
      Optional<Instant> mitigated, List<Nudge> nudges, Map<String, Long> countedByRule, long judged,
      Map<String, String> botNames) {

    /** How many private notes Candor would have sent live: one per finding the cooldown let through. */
    public long answered() {
      return nudges.stream().filter(Nudge::answered).count();
    }

    /** Of {@link #answered}, the nudges toward blameless language (blame Candor would have answered). */
    public long answeredNudges() {
      return nudges.stream().filter(n -> n.answered() && !n.finding().category().isSelfBlame()).count();
    }

    /** Of {@link #answered}, the notes of support to people who blamed themselves, which are not nudges. */
    public long answeredSupport() {
      return nudges.stream().filter(n -> n.answered() && n.finding().category().isSelfBlame()).count();
    }
  }

  /** Replays {@code channel} of {@code export} within {@code range}; a problem when it has no message there. */
  public Result run(SlackExport export, ExportChannel channel, Range range) throws ExportProblem {
    ExecutorService judges = Executors.newFixedThreadPool(JUDGES, r -> {
      Thread t = new Thread(r, "candor-replay-judge");
      t.setDaemon(true);
      return t;
    });
    try {
      Run run = new Run(channel, judges);
      int files = export.messages(channel, range.firstDay(), range.lastDay(), (file, m) -> run.message(file, m, range),
          warnings);
      run.reportSkipped();
      run.flush();
      run.drain();
      if (run.incident == null) {
        throw new ExportProblem(SlackExport.printable(channel.name()) + " in " + export.where() + " has no messages"
            + (range.equals(Range.ALL) ? "" : " " + describe(range)) + "; there is nothing to replay");
      }
      return run.finish(files);
    } finally {
      judges.shutdownNow();
    }
  }

  /** A recorded message, judged: what the detector found, and whether it says the incident was mitigated or resolved. */
  private record Judged(TimelineEntry entry, BlameDetector.Judgement judgement, boolean mitigates, boolean resolves) {}

  /** Judges a batch's messages by people, in order; pure, so batches can be judged side by side. */
  private List<Judged> judge(List<TimelineEntry> added) {
    List<Judged> judged = new ArrayList<>(added.size());
    for (TimelineEntry e : added) {
      if (e.kind() == EntryKind.MESSAGE && e.isWordsOfAPerson()) {
        judged.add(new Judged(e, detector.judge(e.text()), ResolutionSigns.mitigates(e.text()),
            ResolutionSigns.resolves(e.text())));
      }
    }
    return judged;
  }

  private static String describe(Range range) {
    if (range.from() != null && range.to() != null) {
      return "between " + range.from() + " and " + range.to();
    }
    return range.from() != null ? "from " + range.from() : "up to " + range.to();
  }

  /** One replay's state: the incident once declared, the batch, and what was seen so far. */
  private final class Run {
    private final ExportChannel channel;
    private final List<Map.Entry<IncidentId, Observation>> batch = new ArrayList<>(BATCH);
    private final List<Nudge> nudges = new ArrayList<>();
    private final Map<String, Long> counted = new TreeMap<>();
    private final Map<String, String> botNames = new HashMap<>();
    private Incident incident;
    private long messages;
    private long entries;
    private long judged;
    private Instant last;
    private Instant mitigatedAt;
    private String mitigatedBy;
    private Instant resolvedAt;
    private String resolvedBy;
    private String dayFile;
    private long inFile;
    private long skipped;

    /** Batches being judged, oldest first; applied in this order, so the cooldown sees messages in turn. */
    private final Deque<Future<List<Judged>>> judging = new ArrayDeque<>();
    private final ExecutorService judges;

    /** A message that cannot be placed in time: warned about, one line each, up to {@link #WARNED}. */
    private void skip(String file, String why) {
      skipped++;
      if (skipped <= WARNED) {
        warnings.accept("skipped message " + inFile + " of " + file + ": " + why);
      }
    }

    /** One line for the skipped messages not warned about one by one. */
    void reportSkipped() {
      if (skipped > WARNED) {
        long more = skipped - WARNED;
        warnings.accept("skipped " + more + " more " + (more == 1 ? "message" : "messages")
            + " with no ts or a malformed one");
      }
    }

    Run(ExportChannel channel, ExecutorService judges) {
      this.channel = channel;
      this.judges = judges;
    }

    void message(String file, JsonNode m, Range range) {
      if (!file.equals(dayFile)) {
        dayFile = file;
        inFile = 0;
      }
      inFile++;
      String ts = SlackExport.text(m, "ts");
      if (ts == null) {
        skip(file, "it has no ts");
        return;
      }
      Instant at = TS.matcher(ts).matches() ? SlackTs.toInstant(ts) : Instant.EPOCH;
      if (!at.isAfter(Instant.EPOCH)) {
        String shown = SlackExport.printable(ts.length() <= 40 ? ts : ts.substring(0, 39) + "…").substring(1);
        skip(file, "its ts \"" + shown + "\" is not a Slack timestamp");
        return;
      }
      if (!range.contains(at)) {
        return;
      }
      List<Observation> observed = translator.observe(channel.id(), m, wallClock.instant());
      if (observed.isEmpty()) {
        return;
      }
      if (incident == null) {
        declare(at, observed.get(0).actor());
      }
      messages++;
      last = last == null || at.isAfter(last) ? at : last;
      String bot = SlackExport.text(m, "bot_id");
      if (bot != null && !botNames.containsKey(bot)) {
        String name = SlackExport.text(m.path("bot_profile"), "name");
        name = name != null ? name : SlackExport.text(m, "username");
        if (name != null) {
          botNames.put(bot, name);
        }
      }
      for (Observation o : observed) {
        batch.add(Map.entry(incident.id(), o));
      }
      if (batch.size() >= BATCH) {
        flush();
      }
    }

    private void declare(Instant at, String firstActor) {
      channelTime.set(at);
      String declaredBy = !channel.creator().isBlank() ? channel.creator() : firstActor.isBlank() ? "unknown" : firstActor;
      ChannelHeading.Heading h = heading.read(channel);
      Declaration d = new Declaration(h.title(), h.severity(), "", channel.privateChannel(), declaredBy,
          channel.id(), channel.id(), channel.name(), null);
      IncidentService.DeclareResult result = incidents.declare(d);
      if (!(result instanceof IncidentService.Declared declared)) {
        throw new IllegalStateException("the replay store already holds an incident for " + channel.id());
      }
      incident = declared.incident();
    }

    /**
     * Records the batch (masked and chained, in one transaction), then hands its new entries to the judges;
     * the oldest judged batches are applied once more than {@link #IN_FLIGHT} wait, which keeps memory flat.
     */
    void flush() {
      if (batch.isEmpty()) {
        return;
      }
      List<TimelineEntry> added = timeline.recordAll(batch);
      batch.clear();
      entries += added.size();
      judging.add(judges.submit(() -> judge(added)));
      while (judging.size() > IN_FLIGHT) {
        apply(judging.poll());
      }
    }

    /** Applies every batch still being judged. */
    void drain() {
      while (!judging.isEmpty()) {
        apply(judging.poll());
      }
    }

    private void apply(Future<List<Judged>> batch) {
      List<Judged> done;
      try {
        done = batch.get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while judging messages", e);
      } catch (ExecutionException e) {
        throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
      }
      for (Judged j : done) {
        TimelineEntry e = j.entry();
        judged++;
        j.judgement().shown().ifPresent(f ->
            nudges.add(new Nudge(e.at(), e.seq(), f, cooldowns.claim(e.actor(), e.channelId(), e.at(), cooldown))));
        j.judgement().counted().forEach(f -> counted.merge(f.ruleId(), 1L, Long::sum));
        if (j.mitigates() && mitigatedAt == null) {
          mitigatedAt = e.at();
          mitigatedBy = e.actor();
        }
        if (j.resolves() && (resolvedAt == null || e.at().isAfter(resolvedAt))) {
          resolvedAt = e.at();
          resolvedBy = e.actor();
        }
      }
    }

    Result finish(int files) {
      End end = resolvedAt != null ? End.DETECTED : End.LAST_MESSAGE;
      Instant resolved = resolvedAt != null ? resolvedAt : last;
      String resolver = resolvedAt != null ? resolvedBy : "";
      Optional<Instant> mitigated = Optional.empty();
      if (mitigatedAt != null && mitigatedAt.isBefore(resolved)) {
        channelTime.set(mitigatedAt);
        update(mitigatedBy, new IncidentUpdate.MarkMitigated(""));
        mitigated = Optional.of(mitigatedAt);
      }
      channelTime.set(resolved);
      update(resolver, new IncidentUpdate.Resolve(""));
      nudges.sort(Comparator.comparing(Nudge::at).thenComparingLong(Nudge::seq));
      return new Result(incident, messages, entries, files, end, mitigated,
          List.copyOf(nudges), Map.copyOf(counted), judged, Map.copyOf(botNames));
    }

    private void update(String actor, IncidentUpdate update) {
      IncidentService.UpdateResult result = incidents.update(channel.id(), actor, update);
      if (!(result instanceof IncidentService.Updated updated)) {
        throw new IllegalStateException("replaying " + channel.id() + ": " + result);
      }
      incident = updated.incident();
    }
  }
}
