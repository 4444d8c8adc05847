package dev.candor.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.candor.trackers.TrackerIssue;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Follow-ups and their issues on a real SQLite file: one issue per follow-up, the first link kept, found both ways. */
class JdbcTrackerLinksTest {
  static final Instant T0 = Instant.parse("2026-12-01T12:00:00Z");
  @TempDir Path dir;
  Database database;

  /** The database the tests run on: a SQLite file here; a PostgreSQL one in {@code JdbcTrackerLinksOnPostgresTest}. */
  String url() {
    return "jdbc:sqlite:" + dir.resolve("candor.db");
  }

  @AfterEach
  void close() {
    if (database != null) {
      database.close();
    }
  }

  @Test
  void aLink_isReadByFollowUpAndByIssue_andASecondLinkOfTheSameFollowUpChangesNothing() {
    database = Database.open(url());
    JdbcTrackerLinks links = new JdbcTrackerLinks(database.dataSource());
    TrackerIssue first = new TrackerIssue("github", "octo-org/ops#1", "https://github.com/octo-org/ops/issues/1");
    assertEquals(Optional.empty(), links.of(7));

    links.link(7, first, T0);
    links.link(7, new TrackerIssue("github", "octo-org/ops#2", "https://github.com/octo-org/ops/issues/2"), T0);

    assertEquals(Optional.of(first), links.of(7));
    assertEquals(Optional.of(7L), links.followUpOf("github", "octo-org/ops#1"));
    assertEquals(Optional.empty(), links.followUpOf("github", "octo-org/ops#2"));
    assertEquals(Optional.empty(), links.followUpOf("linear", "octo-org/ops#1"));
  }
}
