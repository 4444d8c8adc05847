package dev.candor.testing.fakes;

import dev.candor.incident.Incident;
import dev.candor.incident.IncidentChange;
import dev.candor.incident.IncidentId;
import dev.candor.incident.IncidentRepository;
import dev.candor.incident.IncidentState;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Incidents in memory, behaving as the SQLite repository does (the shared contract test keeps the two
 * in step): ids from 1, the declarer as first commander, optimistic versions, instants kept to the
 * millisecond, one incident per channel and per request key.
 */
public final class InMemoryIncidentRepository implements IncidentRepository {
  private final Map<IncidentId, Stored> incidents = new LinkedHashMap<>();
  private final List<IncidentChange> changes = new ArrayList<>();
  private long nextId = 1;
  private final Map<String, Long> keptNumbers = new LinkedHashMap<>();
  private RuntimeException nextInsertFailure;

  private record Stored(Incident incident, String requestKey) {}

  @Override
  public synchronized Optional<Incident> byId(IncidentId id) {
    return Optional.ofNullable(incidents.get(id)).map(Stored::incident);
  }

  @Override
  public synchronized Optional<Incident> byChannel(String channelId) {
    return incidents.values().stream()
        .map(Stored::incident)
        .filter(i -> i.channelId().equals(channelId))
        .findFirst();
  }

  @Override
  public synchronized Optional<Incident> byRequestKey(String requestKey) {
    if (requestKey == null) {
      return Optional.empty();
    }
    return incidents.values().stream()
        .filter(s -> requestKey.equals(s.requestKey()))
        .map(Stored::incident)
        .findFirst();
  }

  @Override
  public synchronized Optional<Incident> recentDeclare(
      String declaredBy, String originChannelId, String title, Instant since) {
    String key = titleKey(title);
    return incidents.values().stream()
        .map(Stored::incident)
        .filter(i -> i.declaredBy().equals(declaredBy))
        .filter(i -> i.originChannelId().equals(originChannelId))
        .filter(i -> !i.times().declared().isBefore(millis(since)))
        .filter(i -> titleKey(i.title()).equals(key))
        .max(Comparator.comparingLong(i -> i.id().value()));
  }

  @Override
  public synchronized long nextNumber() {
    return nextId++;
  }

  @Override
  public synchronized long numberFor(String requestKey, Instant at) {
    if (requestKey == null) {
      return nextNumber();
    }
    return keptNumbers.computeIfAbsent(requestKey, k -> nextNumber());
  }

  /** The next {@link #insert} throws {@code failure}, storing nothing, as a database that failed would. */
  public synchronized void failNextInsert(RuntimeException failure) {
    nextInsertFailure = failure;
  }

  @Override
  public synchronized Incident insert(NewIncident n) {
    if (nextInsertFailure != null) {
      RuntimeException failure = nextInsertFailure;
      nextInsertFailure = null;
      throw failure;
    }
    if (byChannel(n.channelId()).isPresent()) {
      throw new IllegalStateException("channel " + n.channelId() + " already has an incident");
    }
    if (n.requestKey() != null && byRequestKey(n.requestKey()).isPresent()) {
      throw new IllegalStateException("request " + n.requestKey() + " already declared an incident");
    }
    if (n.number() != 0 && byId(new IncidentId(n.number())).isPresent()) {
      throw new IllegalStateException("INC-" + n.number() + " already exists");
    }
    IncidentId id = new IncidentId(n.number() == 0 ? nextNumber() : n.number());
    Instant at = millis(n.declaredAt());
    Incident incident = new Incident(id, n.channelId(), n.channelName(), n.title(),
        n.summary() == null ? "" : n.summary(), n.severity(), IncidentState.INVESTIGATING,
        new Incident.Roles(n.declaredBy(), null, null), n.privateChannel(), n.declaredBy(),
        n.originChannelId(), new Incident.Times(at, at, null, null, null, at), 0);
    incidents.put(id, new Stored(incident, n.requestKey()));
    changes.add(new IncidentChange(id, IncidentChange.Kind.DECLARED, n.declaredBy(), at,
        n.severity().name(), n.title()));
    return incident;
  }

  @Override
  public synchronized boolean update(Incident before, Incident after, IncidentChange change) {
    Stored stored = incidents.get(before.id());
    if (stored == null || stored.incident().version() != before.version()) {
      return false;
    }
    Incident s = stored.incident();
    Incident.Times t = after.times();
    // Only what the SQL UPDATE writes changes; identity, channel and declaration stay as stored.
    Incident next = new Incident(s.id(), s.channelId(), s.channelName(), after.title(), after.summary(),
        after.severity(), after.state(), after.roles(), s.privateChannel(), s.declaredBy(),
        s.originChannelId(),
        new Incident.Times(millis(t.started()), s.times().declared(), millis(t.mitigated()),
            millis(t.resolved()), millis(t.closed()), millis(t.lastUpdate())),
        s.version() + 1);
    incidents.put(s.id(), new Stored(next, stored.requestKey()));
    changes.add(new IncidentChange(change.incidentId(), change.kind(), change.actor(), millis(change.at()),
        change.value(), change.text()));
    return true;
  }

  @Override
  public synchronized List<Incident> open() {
    return incidents.values().stream()
        .map(Stored::incident)
        .filter(Incident::isOpen)
        .sorted(Comparator.comparingLong((Incident i) -> i.id().value()).reversed())
        .toList();
  }

  @Override
  public synchronized List<String> scrubChange(IncidentId id, long version) {
    List<IncidentChange> mine = changes(id);
    if (version < 0 || version >= mine.size() || mine.get((int) version).text().isEmpty()) {
      return List.of();
    }
    IncidentChange c = mine.get((int) version);
    changes.set(changes.indexOf(c), new IncidentChange(c.incidentId(), c.kind(), c.actor(), c.at(), c.value(), ""));
    List<String> where = new ArrayList<>(List.of("the change log"));
    Stored stored = incidents.get(id);
    Incident s = stored.incident();
    String summary = s.summary();
    String title = s.title();
    if (summary.equals(c.text())) {
      where.add("the incident's summary");
      summary = "";
    }
    if (title.equals(c.text())) {
      where.add("the incident's title");
      title = REDACTED_TITLE;
    }
    incidents.put(id, new Stored(new Incident(s.id(), s.channelId(), s.channelName(), title, summary, s.severity(),
        s.state(), s.roles(), s.privateChannel(), s.declaredBy(), s.originChannelId(), s.times(), s.version()),
        stored.requestKey()));
    return where;
  }

  @Override
  public synchronized List<IncidentChange> changes(IncidentId id) {
    return changes.stream().filter(c -> c.incidentId().equals(id)).toList();
  }

  private static String titleKey(String title) {
    return title.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
  }

  private static Instant millis(Instant instant) {
    return instant == null ? null : instant.truncatedTo(ChronoUnit.MILLIS);
  }
}
