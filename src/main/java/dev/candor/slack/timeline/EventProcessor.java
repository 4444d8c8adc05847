package dev.candor.slack.timeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.candor.incident.Incident;
import dev.candor.incident.IncidentId;
import dev.candor.incident.IncidentService;
import dev.candor.incident.IncidentUpdate;
import dev.candor.slack.platform.KeptMembers;
import dev.candor.timeline.EventInbox;
import dev.candor.timeline.EventTranslator;
import dev.candor.timeline.Observation;
import dev.candor.timeline.TimelineEntry;
import dev.candor.timeline.TimelineService;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns stored events into timeline entries, oldest first, on one thread. Events are claimed before they are
 * processed, so of several replicas sharing the inbox one processes each event (and answers an App Home opened once).
 * An event is marked done only after its entries are written; entries are keyed, so doing one twice after a crash
 * adds nothing.
 */
final class EventProcessor implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(EventProcessor.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int BATCH = 100;
  /** How long a processed event's id is kept against a redelivery: Slack's last retry comes about 5 minutes on. */
  static final Duration REDELIVERY_WINDOW = Duration.ofDays(1);

  private static final Duration SWEEP_EVERY = Duration.ofMinutes(10);
  /** How often an event that fails on its own is tried before it is set aside. */
  static final int MAX_ATTEMPTS = 5;
  /** Failures so far of events that failed on their own, by seq (only the worker thread reads or writes it). */
  private final Map<Long, Integer> attempts = new HashMap<>();
  private Instant nextSweep = Instant.MIN;

  private final EventInbox inbox;
  private final EventTranslator translator;
  private final IncidentService incidents;
  private final TimelineService timeline;
  private final Clock clock;
  private final Consumer<TimelineEntry> onNewEntry;
  private final Consumer<String> onHomeOpened;
  private final KeptMembers members;
  private final Semaphore signal = new Semaphore(0);
  private final Thread worker;
  private volatile boolean running = true;

  /**
   * {@code onNewEntry} hears of each entry recorded for the first time (blame nudges listen);
   * {@code onHomeOpened} of each person opening Candor's App Home; {@code members} of each person joining or leaving
   * an incident channel.
   */
  EventProcessor(EventInbox inbox, EventTranslator translator, IncidentService incidents,
      TimelineService timeline, Clock clock, Consumer<TimelineEntry> onNewEntry,
      Consumer<String> onHomeOpened, KeptMembers members) {
    this.inbox = inbox;
    this.translator = translator;
    this.incidents = incidents;
    this.timeline = timeline;
    this.clock = clock;
    this.onNewEntry = onNewEntry;
    this.onHomeOpened = onHomeOpened;
    this.members = members;
    this.worker = new Thread(this::run, "candor-events");
    this.worker.setDaemon(true);
  }

  public void start() {
    worker.start();
  }

  /** Tells the worker an event arrived. */
  public void wake() {
    signal.release();
  }

  private void run() {
    while (running) {
      try {
        forgetOldEvents();
        if (processBatch() == 0) {
          signal.tryAcquire(1, TimeUnit.SECONDS);
          signal.drainPermits();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException e) {
        log.error("processing events failed; trying again shortly", e);
        try {
          Thread.sleep(1_000);
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }

  /** Now and then, forgets the ids of events processed longer ago than a redelivery can come. */
  private void forgetOldEvents() {
    Instant now = clock.instant();
    if (now.isBefore(nextSweep)) {
      return;
    }
    nextSweep = now.plus(SWEEP_EVERY);
    int forgotten = inbox.forgetProcessedBefore(now.minus(REDELIVERY_WINDOW));
    if (forgotten > 0) {
      log.debug("forgot {} processed events", forgotten);
    }
  }

  /**
   * Processes what is pending now; returns how many events it handled. When a batch fails, its events are tried one
   * by one, so one that cannot be processed holds up none of the others; an event that has failed
   * {@value #MAX_ATTEMPTS} times on its own (each pass a second apart) is set aside: marked processed, its body
   * dropped like any other's. Until then a failure is thrown, and the worker tries again shortly.
   */
  public int processBatch() {
    List<EventInbox.Pending> batch = inbox.claim(BATCH, clock.instant());
    if (batch.isEmpty()) {
      return 0;
    }
    try {
      process(batch);
      batch.forEach(p -> attempts.remove(p.seq()));
      return batch.size();
    } catch (RuntimeException e) {
      if (batch.size() == 1) {
        failed(batch.get(0), e);
        return 1;
      }
    }
    RuntimeException retry = null;
    for (EventInbox.Pending p : batch) {
      try {
        process(List.of(p));
        attempts.remove(p.seq());
      } catch (RuntimeException e) {
        try {
          failed(p, e);
        } catch (RuntimeException again) {
          retry = retry == null ? again : retry;
        }
      }
    }
    if (retry != null) {
      throw retry;
    }
    return batch.size();
  }

  private void process(List<EventInbox.Pending> batch) {
    List<Map.Entry<IncidentId, Observation>> observations = new ArrayList<>();
    // each channel's incident looked up once a batch, not once an event: a batch is mostly a busy channel's, and on
    // PostgreSQL every look is a round trip to the server
    Map<String, Optional<Incident>> byChannel = new HashMap<>();
    for (EventInbox.Pending p : batch) {
      observations.addAll(observe(p, byChannel));
    }
    List<TimelineEntry> added = timeline.recordAll(observations);
    inbox.markProcessed(batch.stream().map(EventInbox.Pending::seq).toList(), clock.instant());
    for (TimelineEntry entry : added) {
      try {
        onNewEntry.accept(entry);
      } catch (RuntimeException e) {
        log.warn("{}: a listener failed on entry #{}: {}", entry.incidentId(), entry.seq(), e.toString());
      }
    }
  }

  /** Counts a failure of {@code p} on its own: throws it again, or sets the event aside after the last attempt. */
  private void failed(EventInbox.Pending p, RuntimeException e) {
    int failures = attempts.merge(p.seq(), 1, Integer::sum);
    if (failures < MAX_ATTEMPTS) {
      throw e;
    }
    inbox.markProcessed(List.of(p.seq()), clock.instant());
    attempts.remove(p.seq());
    log.error("event {} could not be processed in {} attempts ({}); set aside, its body dropped", p.eventId(),
        failures, e.toString());
  }

  private List<Map.Entry<IncidentId, Observation>> observe(EventInbox.Pending p,
      Map<String, Optional<Incident>> byChannel) {
    JsonNode root;
    JsonNode event;
    try {
      root = JSON.readTree(p.body());
      event = root == null ? null : root.get("event");
    } catch (IOException e) {
      log.warn("event {} is not JSON; kept in the inbox, left out of timelines", p.eventId());
      return List.of();
    }
    if (event == null || !event.isObject()) {
      return List.of();
    }
    if ("app_home_opened".equals(event.path("type").asText()) && "home".equals(event.path("tab").asText("home"))
        && event.hasNonNull("user")) {
      onHomeOpened.accept(event.get("user").asText());
      return List.of();
    }
    Optional<String> channel = EventTranslator.channelOf(event);
    Optional<Incident> incident = channel.flatMap(c -> byChannel.computeIfAbsent(c, incidents::inChannel));
    if (incident.isEmpty()) {
      return List.of();
    }
    membership(event).ifPresent(joined -> members.heard(channel.get(), event.get("user").asText(), joined,
        p.receivedAt()));
    if (madePrivate(event)) {
      incidents.update(channel.get(), event.path("user").asText("USLACKBOT"), new IncidentUpdate.MakePrivate());
    }
    List<Map.Entry<IncidentId, Observation>> out = new ArrayList<>();
    for (Observation o : translator.fromEvent(p.eventId(), event, EventTranslator.sentAt(root, p.receivedAt()), clock.instant())) {
      out.add(Map.entry(incident.get().id(), o));
    }
    return out;
  }

  /**
   * For a person joining an incident channel true, leaving it false; otherwise empty. Kept as of when Candor received
   * the event, on the clock its own reads of member lists are timed by, and before any later event in the inbox (an
   * App Home opened after the join) is heard of. A redelivery is stored once; one processed again changes nothing.
   */
  static Optional<Boolean> membership(JsonNode event) {
    if (!event.hasNonNull("user")) {
      return Optional.empty();
    }
    return switch (event.path("type").asText()) {
      case "member_joined_channel" -> Optional.of(true);
      case "member_left_channel" -> Optional.of(false);
      default -> Optional.empty();
    };
  }

  /**
   * Slack's notice that a channel was made private: a message of subtype {@code channel_convert_to_private} in it
   * (delivered through {@code message.channels} / {@code message.groups}, which the manifest subscribes to).
   */
  static boolean madePrivate(JsonNode event) {
    return "message".equals(event.path("type").asText())
        && "channel_convert_to_private".equals(event.path("subtype").asText());
  }

  @Override
  public void close() {
    running = false;
    worker.interrupt();
    try {
      worker.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
