package dev.candor.timeline;

import dev.candor.incident.Incident;
import dev.candor.incident.IncidentId;
import java.time.Instant;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

/**
 * Links each incident's entries, in the order they were recorded, into a chain of HMACs under the
 * evidence key: every link covers its predecessor's hash, so an entry altered, removed or moved in
 * the database by hand breaks the chain at that point.
 */
public final class HashChain {
  /** The {@code prevHash} of an incident's first entry. */
  public static final String GENESIS = "0".repeat(64);
  private final EvidenceKey key;

  public HashChain(EvidenceKey key) {
    this.key = key;
  }

  public String contentMac(String text) {
    return key.mac("content:" + text);
  }

  /** Seals an observation (already masked) as entry {@code seq} after {@code prevHash}. */
  public TimelineEntry link(IncidentId incident, long seq, String prevHash, Observation o, String maskedText,
      List<String> secretMacs, Instant recordedAt) {
    TimelineEntry unsealed = new TimelineEntry(incident, seq, o.kind(), o.key(), o.channelId(), o.ts(), o.threadTs(),
        o.actor(), maskedText, contentMac(maskedText), secretMacs, o.refTs(), o.detail(), o.source(), recordedAt,
        prevHash, null);
    return withHash(unsealed, hashOf(unsealed));
  }

  /** The hash an entry must carry: an HMAC over every field but its text (its content MAC stands in). */
  public String hashOf(TimelineEntry e) {
    StringBuilder canonical = new StringBuilder(256);
    field(canonical, Long.toString(e.incidentId().value()));
    field(canonical, Long.toString(e.seq()));
    field(canonical, e.kind().name());
    field(canonical, e.key());
    field(canonical, e.channelId());
    field(canonical, e.ts());
    field(canonical, e.threadTs());
    field(canonical, e.actor());
    field(canonical, e.contentMac());
    field(canonical, String.join(",", e.secretMacs()));
    field(canonical, e.refTs());
    field(canonical, e.detail());
    field(canonical, e.source().name());
    field(canonical, Long.toString(e.recordedAt().toEpochMilli()));
    field(canonical, e.prevHash());
    return key.mac(canonical.toString());
  }

  /**
   * The MAC of an incident's row as stored: every field an export or a view shows (title, summary, severity, state,
   * roles, privacy, channel, who declared it and where, every time) and its version.
   */
  public String incidentMac(Incident i) {
    StringBuilder canonical = new StringBuilder(256).append("incident|");
    field(canonical, Long.toString(i.id().value()));
    field(canonical, i.channelId());
    field(canonical, i.channelName());
    field(canonical, i.title());
    field(canonical, i.summary());
    field(canonical, i.severity().name());
    field(canonical, i.state().name());
    field(canonical, i.roles().commander());
    field(canonical, i.roles().comms());
    field(canonical, i.roles().scribe());
    field(canonical, Boolean.toString(i.privateChannel()));
    field(canonical, i.declaredBy());
    field(canonical, i.originChannelId());
    Incident.Times t = i.times();
    for (Instant at : new Instant[] {t.started(), t.declared(), t.mitigated(), t.resolved(), t.closed(),
        t.lastUpdate()}) {
      field(canonical, at == null ? null : Long.toString(at.toEpochMilli()));
    }
    field(canonical, Long.toString(i.version()));
    return key.mac(canonical.toString());
  }

  /** The head of {@code incident}'s chain, sealed. */
  public ChainHead head(IncidentId incident, long entries, String lastHash, String incidentMac) {
    return new ChainHead(incident, entries, lastHash, incidentMac, headMac(incident, entries, lastHash, incidentMac));
  }

  /** True when {@code head} was sealed under this key as it reads now. */
  public boolean holds(ChainHead head) {
    return headMac(head.incident(), head.entries(), head.lastHash(), head.incidentMac()).equals(head.mac());
  }

  private String headMac(IncidentId incident, long entries, String lastHash, String incidentMac) {
    StringBuilder canonical = new StringBuilder(200).append("head|");
    field(canonical, Long.toString(incident.value()));
    field(canonical, Long.toString(entries));
    field(canonical, lastHash);
    field(canonical, incidentMac);
    return key.mac(canonical.toString());
  }

  /** {@code ledger} sealed as it reads (its own {@code mac} is ignored). */
  public Ledger seal(Ledger ledger) {
    return new Ledger(ledger.state(), ledger.incidents(), ledger.lastIncident(), ledger.digest(), ledger.flaws(),
        ledgerMac(ledger));
  }

  /** True when {@code ledger} was sealed under this key as it reads now. */
  public boolean holds(Ledger ledger) {
    return ledgerMac(ledger).equals(ledger.mac());
  }

  private String ledgerMac(Ledger l) {
    StringBuilder canonical = new StringBuilder(200).append("ledger|");
    field(canonical, l.state().name());
    field(canonical, Long.toString(l.incidents()));
    field(canonical, Long.toString(l.lastIncident()));
    field(canonical, l.digest());
    field(canonical, String.join("\n", l.flaws()));
    return key.mac(canonical.toString());
  }

  /** The ledger's digest of no heads. */
  public static final String NO_HEADS = GENESIS;

  /** {@code digest} with {@code mac} added or taken out (XOR: the same call does both). */
  public static String xor(String digest, String mac) {
    byte[] a = HexFormat.of().parseHex(digest);
    byte[] b = HexFormat.of().parseHex(mac);
    for (int i = 0; i < a.length; i++) {
      a[i] ^= b[i];
    }
    return HexFormat.of().formatHex(a);
  }

  private static void field(StringBuilder out, String value) {
    String v = value == null ? "" : value;
    out.append(v.length()).append(':').append(v).append('|');
  }

  private static TimelineEntry withHash(TimelineEntry e, String hash) {
    return new TimelineEntry(e.incidentId(), e.seq(), e.kind(), e.key(), e.channelId(), e.ts(), e.threadTs(),
        e.actor(), e.text(), e.contentMac(), e.secretMacs(), e.refTs(), e.detail(), e.source(), e.recordedAt(),
        e.prevHash(), hash);
  }

  /** What checking a chain found. */
  public sealed interface Check {}

  public record Intact(int entries) implements Check {}

  /** The first entry where the chain breaks, and how. */
  public record Broken(long seq, String problem) implements Check {}

  /** Checks one incident's entries, given in the order of their {@code seq}. */
  public Check verify(List<TimelineEntry> entries) {
    Checker checker = new Checker(redactedSeqs(entries));
    for (TimelineEntry e : entries) {
      if (!checker.next(e)) {
        break;
      }
    }
    return checker.result();
  }

  /** The entries whose content redaction entries took out, from those redaction entries. */
  public static Set<Long> redactedSeqs(Iterable<TimelineEntry> entries) {
    Set<Long> redacted = new HashSet<>();
    for (TimelineEntry e : entries) {
      if (e.kind() == EntryKind.REDACTION && e.refTs() != null) {
        try {
          redacted.add(Long.parseLong(e.refTs()));
        } catch (NumberFormatException ignored) {
          // not a redaction Candor wrote; the chain check still covers it
        }
      }
    }
    return redacted;
  }

  /**
   * Checks a chain one entry at a time, in the order of their {@code seq}, so a chain too long to hold in
   * memory can be checked as it is read; {@code redacted} names the entries redactions emptied.
   */
  public Checker checker(Set<Long> redacted) {
    return new Checker(redacted);
  }

  /** One pass over a chain; {@link #next} answers false once it is broken. */
  public final class Checker {
    private final Set<Long> redacted;
    private String prev = GENESIS;
    private long expected = 1;
    private Broken broken;

    private Checker(Set<Long> redacted) {
      this.redacted = Set.copyOf(redacted);
    }

    /** Checks the next entry; false when the chain is broken (here or before). */
    public boolean next(TimelineEntry e) {
      if (broken == null) {
        broken = problem(e);
        prev = e.hash();
        expected++;
      }
      return broken == null;
    }

    private Broken problem(TimelineEntry e) {
      if (e.seq() != expected) {
        return e.seq() > expected
            ? new Broken(expected, "entry #" + expected + " was removed (the next one recorded is #" + e.seq() + ")")
            : new Broken(e.seq(), "entry #" + e.seq() + " appears out of its recorded order");
      }
      if (!prev.equals(e.prevHash())) {
        return new Broken(e.seq(), "entry #" + e.seq() + " does not follow entry #" + (e.seq() - 1)
            + " (reordered, or an entry before it was replaced)");
      }
      if (!hashOf(e).equals(e.hash())) {
        return new Broken(e.seq(), "entry #" + e.seq() + " was altered (its fields no longer match its hash)");
      }
      if (e.text() == null && !redacted.contains(e.seq())) {
        return new Broken(e.seq(), "entry #" + e.seq() + " lost its content without a redaction");
      }
      if (e.text() != null && !contentMac(e.text()).equals(e.contentMac())) {
        return new Broken(e.seq(), "entry #" + e.seq() + " was altered (its text no longer matches)");
      }
      return null;
    }

    /** What the entries seen so far come to. */
    public Check result() {
      return broken != null ? broken : new Intact((int) (expected - 1));
    }
  }
}
