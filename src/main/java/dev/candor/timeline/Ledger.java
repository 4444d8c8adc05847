package dev.candor.timeline;

import java.util.ArrayList;
import java.util.List;

/**
 * The one record over every incident's head, sealed under the evidence key: how many incidents there are, the
 * highest id, and the XOR of their heads' MACs, moved with every head. An incident deleted whole (row, head and
 * entries), or a head put back as an older copy, no longer adds up to it. {@code flaws} are what a write found
 * wrong and could not undo (a head altered, the ledger missing), kept for {@code verify} to report.
 */
public record Ledger(State state, long incidents, long lastIncident, String digest, List<String> flaws, String mac) {

  public Ledger {
    flaws = List.copyOf(flaws);
  }

  /** Whether the heads exist yet. */
  public enum State {
    /** Made by the schema migration: the heads are established with the key when Candor next starts. */
    PENDING,
    /** Every incident has its head. */
    ESTABLISHED
  }

  /** This ledger with one more flaw (unless it is noted already); its MAC is made again by the caller. */
  public Ledger withFlaw(String flaw) {
    if (flaws.contains(flaw)) {
      return this;
    }
    List<String> more = new ArrayList<>(flaws);
    more.add(flaw);
    return new Ledger(state, incidents, lastIncident, digest, more, mac);
  }
}
