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
  private final CarriedSecrets carried;
  private final StorableEvent storable;
  private final Clock clock;

  public TimelineService(TimelineStore store, EvidenceKey key, Clock clock) {
    this.store = store;
    this.chain = new HashChain(key);
    this.masker = new SecretMasker(key);
    this.carried = new CarriedSecrets(masker, key);
    this.storable = new StorableEvent(masker, carried);
    this.clock = clock;
  }

  /** How an event is kept until it is processed: masked by this timeline's masker, its secrets' HMACs carried. */
  public StorableEvent storableEvent() {
    return storable;
  }

  /**
   * The one masker, under this timeline's key: what every domain service passes the words it is given through, so
   * the same secret gets the same HMAC wherever it was typed.
   */
  public SecretMasker masker() {
    return masker;
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

  /**
   * How {@code o} becomes the next link of the chain: its text and detail (file names) masked, its content MAC'd,
   * sealed with the head's hash.
   */
  public TimelineStore.Sealer sealer(IncidentId incident, Observation o) {
    Observation masked = masked(o);
    return new Link(chain, (seq, prev) -> chain.link(incident, seq, prev, masked, masked.text(), masked.secretMacs(),
        clock.instant()));
  }

  /** An entry waiting for its place at the head of the chain, sealed in this timeline's chain once it is known. */
  private record Link(HashChain chain, Placed entry) implements TimelineStore.Sealer {
    @Override
    public TimelineEntry seal(long seq, String prevHash) {
      return entry.at(seq, prevHash);
    }
  }

  /** The entry at place {@code seq}, after the head whose hash is {@code prevHash}. */
  private interface Placed {
    TimelineEntry at(long seq, String prevHash);
  }

  /**
   * {@code o} as it may be stored: no secret in its text, detail or actor, and the HMACs of every secret taken out
   * kept: those it brought (words typed to a domain service), those a stored event carries ({@link CarriedSecrets}:
   * it was masked before it was stored), and those masked here.
   */
  private Observation masked(Observation o) {
    CarriedSecrets.Taken text = carried.take(o.text());
    CarriedSecrets.Taken detail = carried.take(o.detail());
    CarriedSecrets.Taken actor = carried.take(o.actor());
    SecretMasker.Masked maskedText = masker.mask(text.text());
    SecretMasker.Masked maskedDetail = masker.mask(detail.text());
    List<String> macs = new ArrayList<>(o.secretMacs());
    macs.addAll(text.secretMacs());
    macs.addAll(maskedText.secretMacs());
    macs.addAll(detail.secretMacs());
    macs.addAll(maskedDetail.secretMacs());
    macs.addAll(actor.secretMacs());
    return new Observation(o.key(), o.kind(), o.channelId(), o.ts(), o.threadTs(), actor.text(), maskedText.text(),
        o.refTs(), maskedDetail.text(), o.source(), o.observedAt(), macs);
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
    return redact(incident, channelId, seq, actor, reason, EntryCopies.NONE);
  }

  /**
   * {@link #redact(IncidentId, String, long, String, String)}, taking the entry's words out of every other copy
   * kept of them too ({@code copies}), in the same transaction; the redaction entry's detail says where from
   * ("removed from the timeline, the change log and 1 pending announcement").
   */
  public RedactResult redact(IncidentId incident, String channelId, long seq, String actor, String reason,
      EntryCopies copies) {
    Optional<TimelineEntry> target = store.entry(incident, seq);
    if (target.isEmpty() || target.get().kind() == EntryKind.REDACTION) {
      return new NoSuchEntry();
    }
    if (target.get().isRedacted()) {
      return new AlreadyRedacted();
    }
    var now = clock.instant();
    SecretMasker.Masked masked = masker.mask(reason);
    // the sealer runs inside the store's transaction, once the entry's text is gone: the copies go with it
    return store.redact(incident, seq, ObservationKeys.redaction(incident.value(), seq), new Link(chain, (next, prev) -> {
      List<String> elsewhere = copies.scrub(target.get());
      String detail = elsewhere.isEmpty() ? "" : "removed from the timeline, " + EntryWording.together(elsewhere);
      Observation o = new Observation(ObservationKeys.redaction(incident.value(), seq), EntryKind.REDACTION,
          channelId, SlackTs.of(now), null, actor, reason, Long.toString(seq), detail, Source.CANDOR, now);
      return chain.link(incident, next, prev, o, masked.text(), masked.secretMacs(), now);
    })).<RedactResult>map(Redacted::new).orElseGet(AlreadyRedacted::new);
  }

  /**
   * The entries that copy the words of message entry {@code seq}: the key-event marks of it ("Add to timeline", an
   * incident change of its own), not redacted yet; none when {@code seq} is not a message.
   */
  public List<TimelineEntry> marksOf(IncidentId incident, long seq) {
    Optional<TimelineEntry> message = store.entry(incident, seq);
    if (message.isEmpty() || message.get().kind() != EntryKind.MESSAGE || message.get().ts() == null) {
      return List.of();
    }
    TimelineEntry m = message.get();
    return store.entries(incident).stream().filter(e -> e.kind() == EntryKind.ACTION && e.detail() != null
        && e.detail().startsWith("KEY_EVENT") && m.ts().equals(e.refTs()) && m.channelId().equals(e.channelId())
        && !e.isRedacted()).toList();
  }

  /** Entry {@code seq} of {@code incident}'s timeline, when there is one. */
  public Optional<TimelineEntry> entry(IncidentId incident, long seq) {
    return store.entry(incident, seq);
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
