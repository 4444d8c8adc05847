package dev.candor.postmortem;

import dev.candor.incident.IncidentId;
import dev.candor.timeline.EntryKind;
import dev.candor.timeline.EvidenceKey;
import dev.candor.timeline.HashChain;
import dev.candor.timeline.Observation;
import dev.candor.timeline.SlackTs;
import dev.candor.timeline.Source;
import dev.candor.timeline.TimelineEntry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A timeline's entries as the store holds them, written the way Candor records them: observations in
 * recorded order, linked into a hash chain, a redacted entry's text taken out. Times are minutes and
 * seconds after {@code start}.
 */
final class Entries {
  static final String CHANNEL = "C0INCIDENT";
  private static final EvidenceKey KEY =
      new EvidenceKey("postmortem-fixture-evidence-key-32b!".getBytes(StandardCharsets.US_ASCII));

  private final IncidentId id;
  private final Instant start;
  private final List<Observation> observations = new ArrayList<>();
  private final Set<Long> redacted = new HashSet<>();

  Entries(IncidentId id, Instant start) {
    this.id = id;
    this.start = start;
  }

  String ts(int minutes, int seconds) {
    return SlackTs.of(start.plus(Duration.ofMinutes(minutes).plusSeconds(seconds)));
  }

  /** The seq the next entry gets. */
  long nextSeq() {
    return observations.size() + 1L;
  }

  /** A message; returns its ts. {@code text} is as Slack stores it (entities, {@code <@U…>}). */
  String message(int minutes, int seconds, String actor, String text) {
    return message(minutes, seconds, actor, text, "", Source.EVENT);
  }

  String message(int minutes, int seconds, String actor, String text, String detail, Source source) {
    String ts = ts(minutes, seconds);
    add(EntryKind.MESSAGE, ts, actor, text, null, detail, source);
    return ts;
  }

  Entries edit(int minutes, int seconds, String actor, String newText, String messageTs) {
    add(EntryKind.EDIT, ts(minutes, seconds), actor, newText, messageTs, "", Source.EVENT);
    return this;
  }

  Entries delete(int minutes, int seconds, String actor, String messageTs) {
    add(EntryKind.DELETE, ts(minutes, seconds), actor, "", messageTs, "", Source.EVENT);
    return this;
  }

  Entries react(int minutes, int seconds, String actor, String messageTs) {
    add(EntryKind.REACTION_ADDED, ts(minutes, seconds), actor, "", messageTs, "pushpin", Source.EVENT);
    return this;
  }

  Entries pin(int minutes, int seconds, String actor, String messageTs) {
    add(EntryKind.PIN_ADDED, ts(minutes, seconds), actor, "", messageTs, "", Source.EVENT);
    return this;
  }

  Entries join(int minutes, int seconds, String actor) {
    add(EntryKind.MEMBER_JOINED, ts(minutes, seconds), actor, "", null, "", Source.EVENT);
    return this;
  }

  /** Something done through Candor: {@code detail} as IncidentActions writes it ({@code STATUS IDENTIFIED}). */
  Entries action(int minutes, int seconds, String actor, String detail, String text) {
    String refTs = null;
    if (detail.startsWith("KEY_EVENT ")) {
      String value = detail.substring("KEY_EVENT ".length());
      refTs = value.contains("@") ? value.substring(0, value.indexOf('@')) : value;
    }
    add(EntryKind.ACTION, ts(minutes, seconds), actor, text, refTs, detail, Source.CANDOR);
    return this;
  }

  /** The commander takes entry {@code seq}'s content out, for {@code reason}. */
  Entries redact(int minutes, int seconds, String actor, long seq, String reason) {
    add(EntryKind.REDACTION, ts(minutes, seconds), actor, reason, Long.toString(seq), "", Source.CANDOR);
    redacted.add(seq);
    return this;
  }

  private void add(EntryKind kind, String ts, String actor, String text, String refTs, String detail,
      Source source) {
    String key = kind + ":" + ts + ":" + observations.size();
    observations.add(new Observation(key, kind, CHANNEL, ts, null, actor, text, refTs, detail, source, start));
  }

  /** The chained entries, in recorded order. */
  List<TimelineEntry> build() {
    HashChain chain = new HashChain(KEY);
    List<TimelineEntry> entries = new ArrayList<>();
    String prev = HashChain.GENESIS;
    long seq = 1;
    for (Observation o : observations) {
      TimelineEntry e = chain.link(id, seq, prev, o, o.text(), List.of(), SlackTs.toInstant(o.ts()).plusMillis(250));
      entries.add(redacted.contains(seq) ? withoutText(e) : e);
      prev = e.hash();
      seq++;
    }
    return entries;
  }

  private static TimelineEntry withoutText(TimelineEntry e) {
    return new TimelineEntry(e.incidentId(), e.seq(), e.kind(), e.key(), e.channelId(), e.ts(), e.threadTs(),
        e.actor(), null, e.contentMac(), e.secretMacs(), e.refTs(), e.detail(), e.source(), e.recordedAt(),
        e.prevHash(), e.hash());
  }
}
