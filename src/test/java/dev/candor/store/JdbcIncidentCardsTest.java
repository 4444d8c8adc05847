package dev.candor.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.candor.incident.IncidentCards.Card;
import dev.candor.incident.IncidentCards.Place;
import dev.candor.incident.IncidentId;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The incident cards on a real SQLite file (and, in {@code JdbcIncidentCardsOnPostgresTest}, on PostgreSQL): one row
 * per incident and place, a save replacing what was kept.
 */
class JdbcIncidentCardsTest {
  static final Instant T0 = Instant.parse("2026-12-01T12:00:00Z");

  @TempDir Path dir;
  Database database;
  JdbcIncidentCards cards;

  String url() {
    return "jdbc:sqlite:" + dir.resolve("candor.db");
  }

  @BeforeEach
  void open() {
    database = Database.open(url());
    cards = new JdbcIncidentCards(database.dataSource());
  }

  @AfterEach
  void close() {
    database.close();
  }

  @Test
  void aCardNeverSaved_isNotFound() {
    assertEquals(Optional.empty(), cards.find(new IncidentId(1), Place.CHANNEL));
  }

  @Test
  void aSavedCard_isFoundAsSaved_andASecondSaveReplacesIt_placeByPlace() {
    Card first = new Card(new IncidentId(7), Place.CHANNEL, "CINC7", "1.000100", "abc", 0, T0);
    Card copy = new Card(new IncidentId(7), Place.COPY, "CALL", "1.000200", "def", 0, T0);
    cards.save(first);
    cards.save(copy);
    Card reposted = new Card(new IncidentId(7), Place.CHANNEL, "CINC7", "2.000300", "ghi", 1, T0.plusSeconds(60));
    cards.save(reposted);

    assertEquals(Optional.of(reposted), cards.find(new IncidentId(7), Place.CHANNEL));
    assertEquals(Optional.of(copy), cards.find(new IncidentId(7), Place.COPY));
    assertEquals(Optional.empty(), cards.find(new IncidentId(8), Place.CHANNEL));
  }
}
