package dev.candor.slack.timeline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.candor.incident.ChannelNamer;
import dev.candor.incident.IncidentRepository;
import dev.candor.incident.IncidentService;
import dev.candor.incident.Severity;
import dev.candor.slack.platform.KeptMembers;
import dev.candor.store.Database;
import dev.candor.store.JdbcEventInbox;
import dev.candor.store.JdbcIncidentRepository;
import dev.candor.store.JdbcTimelineStore;
import dev.candor.testing.SlackEvents;
import dev.candor.testing.TestClock;
import dev.candor.testing.TestMask;
import dev.candor.testing.fakes.RecordingNotifier;
import dev.candor.testing.fakes.RecordingWorkspace;
import dev.candor.timeline.EventTranslator;
import dev.candor.timeline.EvidenceKey;
import dev.candor.timeline.TimelineService;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The event processor's work on a batch of stored events, against a real inbox and timeline. */
class EventProcessorTest {
  static final Instant NOW = Instant.parse("2026-12-07T09:00:00Z");
  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;
  Database database;
  JdbcEventInbox inbox;
  final AtomicInteger channelLooks = new AtomicInteger();

  @BeforeEach
  void open() {
    database = Database.open("jdbc:sqlite:" + dir.resolve("candor.db"));
    inbox = new JdbcEventInbox(database.dataSource(), "test");
  }

  @AfterEach
  void close() {
    inbox.close();
    database.close();
  }

  /** An incident repository that counts how often an incident is looked up by its channel. */
  IncidentRepository counting(IncidentRepository real) {
    return (IncidentRepository) Proxy.newProxyInstance(IncidentRepository.class.getClassLoader(),
        new Class<?>[] {IncidentRepository.class}, (proxy, method, args) -> {
          if (method.getName().equals("byChannel")) {
            channelLooks.incrementAndGet();
          }
          try {
            return method.invoke(real, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        });
  }

  @Test
  void aBatchOfOneChannelsMessages_looksItsIncidentUpOnce_andRecordsEveryMessage() throws Exception {
    TestClock clock = new TestClock(NOW);
    IncidentRepository repository = counting(new JdbcIncidentRepository(database.dataSource()));
    repository.insert(new IncidentRepository.NewIncident("CINC", "inc-1", "db down", "", Severity.SEV2, false, "U1",
        "C0", "req-1", NOW));
    TimelineService timeline = new TimelineService(new JdbcTimelineStore(database.dataSource()),
        new EvidenceKey(new byte[32]), clock);
    IncidentService incidents = new IncidentService(repository, new RecordingWorkspace(), new RecordingNotifier(),
        new ChannelNamer("inc-{date}-{slug}"), ZoneOffset.UTC, TestMask.MASK, clock);
    EventProcessor processor = new EventProcessor(inbox, new EventTranslator("pushpin", "UCANDOR", "BCANDOR"),
        incidents, timeline, clock, entry -> { }, user -> { }, new KeptMembers(null, null, clock));
    for (int i = 0; i < 40; i++) {
      String ts = (NOW.getEpochSecond() + i) + ".000100";
      inbox.accept("Ev" + i, 0, JSON.writeValueAsString(SlackEvents.envelope("Ev" + i,
          SlackEvents.message("CINC", ts, "UBOB", "message " + i))), NOW);
    }
    channelLooks.set(0);

    assertEquals(40, processor.processBatch());

    assertEquals(1, channelLooks.get(), "one look for the channel of 40 events");
    var id = repository.byChannel("CINC").orElseThrow().id();
    assertEquals(40, timeline.entries(id).stream().filter(e -> e.text() != null && e.text().startsWith("message "))
        .count());
    assertEquals(List.of(), inbox.claim(10, NOW.plusSeconds(60)), "every event processed");
  }
}
