package dev.candor.timeline;

import dev.candor.incident.Incident;
import dev.candor.incident.IncidentId;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/** Records what happens in incident channels into each incident's chained, append-only timeline. */
public final class TimelineService {
  private final TimelineStore store;
  private final HashChain chain;
  private final SecretMasker masker;
  private final Clock clock;

  public TimelineService(TimelineStore store, EvidenceKey key, Clock clock) {
    this.store = store;
    this.chain = new HashChain(key);
    this.masker = new SecretMasker(key);
    this.clock = clock;
  }

  /** Records an observation, masked and chained; empty when the same thing was recorded before. */
  public Optional<TimelineEntry> record(IncidentId incident, Observation o) {
    return store.append(incident, o.key(), sealer(incident, o));
  }

  /** Records several observations in one transaction; returns the entries that were new. */
  public List<TimelineEntry> recordAll(List<Map.Entry<IncidentId, Observation>> observations) {
    List<TimelineStore.Append> appends = new ArrayList<>(observations.size());
    for (Map.Entry<IncidentId, Observation> o : observations) {
      appends.add(new TimelineStore.Append(o.getKey(), o.getValue().key(), sealer(o.getKey(), o.getValue())));
    }
    return appends.isEmpty() ? List.of() : store.appendAll(appends);
  }

  /** How {@code o} becomes the next link of the chain: masked, its content MAC'd, sealed with the head's hash. */
  public TimelineStore.Sealer sealer(IncidentId incident, Observation o) {
    SecretMasker.Masked masked = masker.mask(o.text());
    return new Link(chain, incident, o, masked, clock);
  }

  /** An observation, masked, waiting for its place at the head of the chain; sealed when the place is known. */
  private record Link(HashChain chain, IncidentId incident, Observation o, SecretMasker.Masked masked, Clock clock)
      implements TimelineStore.Sealer {
    @Override
    public TimelineEntry seal(long seq, String prevHash) {
      return chain.link(incident, seq, prevHash, o, masked.text(), masked.secretMacs(), clock.instant());
    }
  }

  /** What redacting came to. */
  public sealed interface RedactResult {}

  public record Redacted(TimelineEntry redaction) implements RedactResult {}

  public record NoSuchEntry() implements RedactResult {}

  public record AlreadyRedacted() implements RedactResult {}

  /**
   * The one permitted removal: entry {@code seq} loses its content (its HMAC stays), and a redaction
   * entry records who, when and why.
   */
  public RedactResult redact(IncidentId incident, String channelId, long seq, String actor, String reason) {
    Optional<TimelineEntry> target = store.entry(incident, seq);
    if (target.isEmpty() || target.get().kind() == EntryKind.REDACTION) {
      return new NoSuchEntry();
    }
    if (target.get().isRedacted()) {
      return new AlreadyRedacted();
    }
    var now = clock.instant();
    Observation o = new Observation(ObservationKeys.redaction(incident.value(), seq), EntryKind.REDACTION,
        channelId, SlackTs.of(now), null, actor, reason, Long.toString(seq), "", Source.CANDOR, now);
    SecretMasker.Masked masked = masker.mask(reason);
    return store.redact(incident, seq, o.key(), new Link(chain, incident, o, masked, Clock.fixed(now, clock.getZone())))
        .<RedactResult>map(Redacted::new)
        .orElseGet(AlreadyRedacted::new);
  }

  public List<TimelineEntry> entries(IncidentId incident) {
    return store.entries(incident);
  }

  /**
   * The reader's view of {@code incident}'s timeline (as {@link Timeline#of} makes it), one item at a time in
   * Slack order, without holding the entries together: for exports of any length. Returns how many items.
   */
  public long read(Incident incident, Consumer<Timeline.Item> each) {
    Timeline.Annotations annotations = new Timeline.Annotations();
    store.scan(incident.id(), TimelineStore.Order.SLACK, Timeline.Annotations.KINDS, e -> {
      annotations.add(e);
      return true;
    });
    long[] items = {0};
    store.scan(incident.id(), TimelineStore.Order.SLACK, EnumSet.allOf(EntryKind.class), e -> {
      each.accept(annotations.item(e));
      items[0]++;
      return true;
    });
    return items[0];
  }

  /**
   * The view of what a post-mortem draft is made of, for timelines of any length: the entries that say
   * something about others (Candor's actions, edits, deletions, pins, key-event reactions, redactions) and
   * the messages they mark as key events. Each of those items is as {@link #read} gives it; plain messages
   * nobody marked are left out, so this holds the marks, not the whole channel.
   */
  public Timeline outline(Incident incident) {
    Timeline.Annotations annotations = new Timeline.Annotations();
    List<TimelineEntry> kept = new ArrayList<>();
    store.scan(incident.id(), TimelineStore.Order.SLACK, Timeline.Annotations.KINDS, e -> {
      annotations.add(e);
      return kept.add(e);
    });
    store.scanAt(incident.id(), EntryKind.MESSAGE, annotations.markedMessageTs(), e -> {
      if (annotations.item(e).keyEvent()) {
        kept.add(e);
      }
      return true;
    });
    return Timeline.of(incident, kept);
  }

  /** Checks an incident's chain, reading it one entry at a time. */
  public HashChain.Check verify(IncidentId incident) {
    List<TimelineEntry> redactions = new ArrayList<>();
    store.scan(incident, TimelineStore.Order.RECORDED, EnumSet.of(EntryKind.REDACTION), redactions::add);
    HashChain.Checker checker = chain.checker(HashChain.redactedSeqs(redactions));
    store.scan(incident, TimelineStore.Order.RECORDED, EnumSet.allOf(EntryKind.class), checker::next);
    return checker.result();
  }

  public List<IncidentId> incidents() {
    return store.incidents();
  }
}
