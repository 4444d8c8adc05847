package dev.candor.timeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.candor.incident.IncidentId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class HashChainTest {
  static final IncidentId INC = new IncidentId(3);
  static final Instant T0 = Instant.parse("2026-11-27T10:00:00Z");
  final HashChain chain = new HashChain(SecretMaskerTest.KEY);

  List<TimelineEntry> chainOf(int n) {
    List<TimelineEntry> entries = new ArrayList<>();
    String prev = HashChain.GENESIS;
    for (int i = 1; i <= n; i++) {
      String ts = (1_700_000_000 + i) + ".000100";
      Observation o = new Observation(ObservationKeys.message("C1", ts), EntryKind.MESSAGE, "C1", ts, null, "U1",
          "message " + i, null, "", Source.EVENT, T0);
      TimelineEntry e = chain.link(INC, i, prev, o, o.text(), List.of(), T0.plusSeconds(i));
      entries.add(e);
      prev = e.hash();
    }
    return entries;
  }

  static TimelineEntry withText(TimelineEntry e, String text) {
    return new TimelineEntry(e.incidentId(), e.seq(), e.kind(), e.key(), e.channelId(), e.ts(), e.threadTs(),
        e.actor(), text, e.contentMac(), e.secretMacs(), e.refTs(), e.detail(), e.source(), e.recordedAt(),
        e.prevHash(), e.hash());
  }

  static TimelineEntry withActor(TimelineEntry e, String actor) {
    return new TimelineEntry(e.incidentId(), e.seq(), e.kind(), e.key(), e.channelId(), e.ts(), e.threadTs(),
        actor, e.text(), e.contentMac(), e.secretMacs(), e.refTs(), e.detail(), e.source(), e.recordedAt(),
        e.prevHash(), e.hash());
  }

  @Test
  void anUntouchedChain_isIntact() {
    assertEquals(new HashChain.Intact(5), chain.verify(chainOf(5)));
  }

  @Test
  void alteredText_isFoundAtThatEntry() {
    List<TimelineEntry> entries = chainOf(5);
    entries.set(2, withText(entries.get(2), "something nicer"));
    HashChain.Broken broken = assertInstanceOf(HashChain.Broken.class, chain.verify(entries));
    assertEquals(3, broken.seq());
    assertTrue(broken.problem().contains("altered"), broken.problem());
  }

  @Test
  void anAlteredField_isFoundAtThatEntry() {
    List<TimelineEntry> entries = chainOf(5);
    entries.set(1, withActor(entries.get(1), "USOMEONEELSE"));
    assertEquals(2, assertInstanceOf(HashChain.Broken.class, chain.verify(entries)).seq());
  }

  @Test
  void aRemovedEntry_isNamed() {
    List<TimelineEntry> entries = chainOf(5);
    entries.remove(3);
    HashChain.Broken broken = assertInstanceOf(HashChain.Broken.class, chain.verify(entries));
    assertEquals(4, broken.seq());
    assertTrue(broken.problem().contains("removed"), broken.problem());
  }

  @Test
  void swappedEntries_areFoundAsReordered() {
    List<TimelineEntry> entries = chainOf(5);
    TimelineEntry second = entries.get(1);
    TimelineEntry third = entries.get(2);
    entries.set(1, renumbered(third, 2));
    entries.set(2, renumbered(second, 3));
    HashChain.Broken broken = assertInstanceOf(HashChain.Broken.class, chain.verify(entries));
    assertEquals(2, broken.seq());
    assertTrue(broken.problem().contains("does not follow"), broken.problem());
  }

  @Test
  void contentRemovedWithoutARedaction_isFound_butARecordedRedactionVerifies() {
    List<TimelineEntry> entries = chainOf(3);
    entries.set(1, withText(entries.get(1), null));
    HashChain.Broken broken = assertInstanceOf(HashChain.Broken.class, chain.verify(entries));
    assertTrue(broken.problem().contains("without a redaction"), broken.problem());

    Observation redaction = new Observation(ObservationKeys.redaction(3, 2), EntryKind.REDACTION, "C1",
        "1700000099.000000", null, "UCMD", "card number", "2", "", Source.CANDOR, T0);
    entries.add(chain.link(INC, 4, entries.get(2).hash(), redaction, "card number", List.of(), T0));
    assertEquals(new HashChain.Intact(4), chain.verify(entries));
  }

  private static TimelineEntry renumbered(TimelineEntry e, long seq) {
    return new TimelineEntry(e.incidentId(), seq, e.kind(), e.key(), e.channelId(), e.ts(), e.threadTs(), e.actor(),
        e.text(), e.contentMac(), e.secretMacs(), e.refTs(), e.detail(), e.source(), e.recordedAt(), e.prevHash(),
        e.hash());
  }
}
