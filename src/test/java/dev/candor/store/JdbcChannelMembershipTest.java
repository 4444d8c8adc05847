package dev.candor.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Channel membership on a real SQLite file (and, in {@code JdbcChannelMembershipOnPostgresTest}, on PostgreSQL):
 * answered only for channels whose list was read, each word applied only over an older one, so a word heard twice
 * changes nothing and a late one never undoes a newer one, and a second replica sees what the first wrote.
 */
class JdbcChannelMembershipTest {
  static final Instant T0 = Instant.parse("2026-12-01T12:00:00Z");
  static final String INC = "CINC1";

  @TempDir Path dir;
  Database database;
  JdbcChannelMembership members;

  /** The database the tests run on: a SQLite file here; a PostgreSQL one in the subclass. */
  String url() {
    return "jdbc:sqlite:" + dir.resolve("candor.db");
  }

  @BeforeEach
  void open() {
    database = Database.open(url());
    members = new JdbcChannelMembership(database.dataSource());
  }

  @AfterEach
  void close() {
    database.close();
  }

  private Map<String, Boolean> of(String user, String... channels) {
    return members.memberships(user, List.of(channels));
  }

  @Test
  void aChannelNeverListed_isNotAnswered_evenWhenSomeoneWasHeardJoiningIt() {
    members.joined(INC, "UALICE", T0);
    assertEquals(Map.of(), of("UALICE", INC), "only a read list makes a channel known");

    members.listed(INC, List.of("UALICE", "UBOB"), T0.plusSeconds(1));
    assertEquals(Map.of(INC, true), of("UALICE", INC, "CNEVER"));
    assertEquals(Map.of(INC, true), of("UBOB", INC));
    assertEquals(Map.of(INC, false), of("UCAROL", INC), "someone never seen in a listed channel is not in it");
  }

  @Test
  void joinsAndLeaves_changeTheAnswer_andAWordHeardAgainChangesNothing() {
    members.listed(INC, List.of("UALICE"), T0);
    members.joined(INC, "UBOB", T0.plusSeconds(10));
    assertEquals(Map.of(INC, true), of("UBOB", INC));
    members.left(INC, "UBOB", T0.plusSeconds(20));
    assertEquals(Map.of(INC, false), of("UBOB", INC));

    members.left(INC, "UBOB", T0.plusSeconds(20)); // the same event, processed again
    members.joined(INC, "UBOB", T0.plusSeconds(10)); // and an older one, replayed late
    assertEquals(Map.of(INC, false), of("UBOB", INC), "a late word never undoes a newer one");

    members.joined(INC, "UBOB", T0.plusSeconds(30));
    assertEquals(Map.of(INC, true), of("UBOB", INC), "back in");
  }

  @Test
  void aList_healsWhatWasMissed_butGivesWayToWhatWasHeardSinceItWasRead() {
    members.listed(INC, List.of("UALICE", "UBOB", "UCAROL"), T0);
    // Bob's leave was missed; Carol left after the next read began; Dan joined after it began
    members.left(INC, "UCAROL", T0.plusSeconds(61));
    members.joined(INC, "UDAN", T0.plusSeconds(62));
    members.listed(INC, List.of("UALICE", "UCAROL"), T0.plusSeconds(60));

    assertEquals(Map.of(INC, true), of("UALICE", INC));
    assertEquals(Map.of(INC, false), of("UBOB", INC), "the missed leave, healed");
    assertEquals(Map.of(INC, false), of("UCAROL", INC), "the leave heard after the read began stands");
    assertEquals(Map.of(INC, true), of("UDAN", INC), "the join heard after the read began stands");

    members.listed(INC, List.of("UBOB"), T0.plusSeconds(30)); // an older read, written late
    assertEquals(Map.of(INC, true), of("UALICE", INC), "an older list changes nothing newer");
    assertEquals(Map.of(INC, false), of("UBOB", INC));
  }

  @Test
  void aWordHeardAtTheVeryTimeAListWasRead_wins() {
    members.listed(INC, List.of("UALICE"), T0);
    members.left(INC, "UALICE", T0.plusSeconds(5));
    members.listed(INC, List.of("UALICE"), T0.plusSeconds(5));
    assertEquals(Map.of(INC, false), of("UALICE", INC));
  }

  @Test
  void manyChannels_areAnsweredTogether() {
    List<String> channels = new ArrayList<>();
    IntStream.range(0, 1_200).forEach(i -> channels.add("CINC" + i));
    for (int i = 0; i < channels.size(); i++) {
      members.listed(channels.get(i), i % 3 == 0 ? List.of("UALICE", "UBOB") : List.of("UBOB"), T0);
    }
    Map<String, Boolean> alice = members.memberships("UALICE", channels);
    assertEquals(1_200, alice.size());
    assertEquals(400, alice.values().stream().filter(b -> b).count());
    assertEquals(true, alice.get("CINC999"));
    assertEquals(false, alice.get("CINC1000"));
  }

  @Test
  void aSecondReplica_seesWhatTheFirstWrote() {
    try (Database other = Database.open(url())) {
      JdbcChannelMembership second = new JdbcChannelMembership(other.dataSource());
      members.listed(INC, List.of("UALICE"), T0);
      second.joined(INC, "UBOB", T0.plusSeconds(1));
      assertEquals(Map.of(INC, true), of("UBOB", INC));
      members.left(INC, "UBOB", T0.plusSeconds(2));
      assertEquals(Map.of(INC, false), second.memberships("UBOB", List.of(INC)));
    }
  }
}
