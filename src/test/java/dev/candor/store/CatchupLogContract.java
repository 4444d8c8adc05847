package dev.candor.store;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.candor.catchup.CatchupLog;
import dev.candor.incident.IncidentId;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link CatchupLog} does: a join is claimed by one job only, again by that job after a crash or a retry,
 * never by anyone once someone was present at declaration. Run on SQLite, PostgreSQL and the in-memory fake.
 */
abstract class CatchupLogContract {
  static final Instant T0 = Instant.parse("2026-12-01T12:00:00Z");
  static final IncidentId INC1 = new IncidentId(1);
  static final IncidentId INC2 = new IncidentId(2);

  CatchupLog log;

  /** A fresh, empty log for each test. */
  abstract CatchupLog newLog() throws Exception;

  /** A second view of the same log, as another replica sharing the database has; the same one for the fake. */
  abstract CatchupLog sameLogElsewhere() throws Exception;

  @BeforeEach
  void create() throws Exception {
    log = newLog();
  }

  @Test
  void aJoin_isClaimedByTheFirstJobOnly_andByThatJobAgain() {
    assertTrue(log.claim(INC1, "UBOB", "7:1", T0));
    assertTrue(log.claim(INC1, "UBOB", "7:1", T0.plusSeconds(30)), "the same job, run again after a crash");
    assertFalse(log.claim(INC1, "UBOB", "7:2", T0.plusSeconds(60)), "the same key scheduled again");
    assertFalse(log.claim(INC1, "UBOB", "9:1", T0.plusSeconds(60)), "another job");
  }

  @Test
  void someonePresentAtDeclaration_isNeverClaimed_andTheRosterChangesNoClaim() {
    log.present(INC1, List.of("UALICE", "UCAROL", "UALICE"), T0);
    assertFalse(log.claim(INC1, "UALICE", "7:1", T0.plusSeconds(1)));

    assertTrue(log.claim(INC1, "UBOB", "8:1", T0.plusSeconds(1)));
    log.present(INC1, List.of("UBOB"), T0.plusSeconds(2)); // a roster read late lists someone who joined since
    assertTrue(log.claim(INC1, "UBOB", "8:1", T0.plusSeconds(3)), "their claim stands");
  }

  @Test
  void eachIncident_isItsOwn() {
    log.present(INC1, List.of("UALICE"), T0);
    assertTrue(log.claim(INC2, "UALICE", "7:1", T0));
    assertTrue(log.claim(INC1, "UBOB", "8:1", T0));
    assertTrue(log.claim(INC2, "UBOB", "9:1", T0));
  }

  @Test
  void anotherReplica_seesWhatTheFirstClaimed() throws Exception {
    CatchupLog other = sameLogElsewhere();
    assertTrue(log.claim(INC1, "UBOB", "7:1", T0));
    assertFalse(other.claim(INC1, "UBOB", "7:2", T0));
    other.present(INC1, List.of("UDAN"), T0);
    assertFalse(log.claim(INC1, "UDAN", "8:1", T0));
  }

  @Test
  void aLongRoster_isKept() {
    List<String> everyone = java.util.stream.IntStream.range(0, 2_500).mapToObj(i -> "U" + i).toList();
    log.present(INC1, everyone, T0);
    assertFalse(log.claim(INC1, "U2499", "7:1", T0));
    assertTrue(log.claim(INC1, "U2500", "7:1", T0));
  }
}
