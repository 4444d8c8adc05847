package dev.candor.main;

import dev.candor.followup.FollowUpRepository;
import dev.candor.incident.IncidentRepository;
import dev.candor.jobs.JobStore;
import dev.candor.jobs.SendLog;
import dev.candor.jobs.UnitOfWork;
import dev.candor.main.Candor.StartupException;
import dev.candor.nudge.NudgeStore;
import dev.candor.postmortem.PostmortemRepository;
import dev.candor.store.Database;
import dev.candor.store.JdbcEventInbox;
import dev.candor.store.JdbcFollowUpRepository;
import dev.candor.store.JdbcIncidentRepository;
import dev.candor.store.JdbcJobStore;
import dev.candor.store.JdbcNudgeStore;
import dev.candor.store.JdbcPostmortemRepository;
import dev.candor.store.JdbcSendLog;
import dev.candor.store.JdbcTimelineStore;
import dev.candor.store.JdbcUnitOfWork;
import dev.candor.store.LocalKey;
import dev.candor.timeline.EventInbox;
import dev.candor.timeline.EvidenceKey;
import dev.candor.timeline.TimelineStore;
import java.time.Clock;

/** The database Candor runs on, its evidence key, and the repositories over it: the one place that knows JDBC. */
final class Storage implements AutoCloseable {
  private final Database database;
  private final EvidenceKey key;
  private final JdbcEventInbox inbox;

  private Storage(Database database, EvidenceKey key) {
    this.database = database;
    this.key = key;
    this.inbox = new JdbcEventInbox(database.dataSource());
  }

  /**
   * Opens (and migrates) {@code url}, and the key kept beside it, made with the database: a missing key beside a
   * database that holds records stops the start, and no new key is written.
   */
  static Storage open(String url) {
    Database database;
    try {
      database = Database.open(url);
    } catch (RuntimeException e) {
      throw new StartupException("cannot open DATABASE_URL " + url + ": " + Candor.rootMessage(e), e);
    }
    try {
      return new Storage(database, LocalKey.loadOrCreate(LocalKey.besideDatabase(url), database));
    } catch (RuntimeException e) {
      database.close();
      throw new StartupException(e.getMessage(), e);
    }
  }

  Database database() {
    return database;
  }

  EvidenceKey key() {
    return key;
  }

  EventInbox inbox() {
    return inbox;
  }

  TimelineStore timeline() {
    return new JdbcTimelineStore(database.dataSource());
  }

  /** Incidents whose every change is also written by {@code journal}, in the transaction that makes it. */
  IncidentRepository incidents(JdbcIncidentRepository.ChangeJournal journal) {
    return new JdbcIncidentRepository(database.dataSource(), journal);
  }

  PostmortemRepository postmortems() {
    return new JdbcPostmortemRepository(database.dataSource());
  }

  FollowUpRepository followUps() {
    return new JdbcFollowUpRepository(database.dataSource());
  }

  NudgeStore nudges() {
    return new JdbcNudgeStore(database.dataSource());
  }

  JobStore jobs(Clock clock) {
    return new JdbcJobStore(database.dataSource(), clock);
  }

  /** When jobs began sending what they send, so a later run looks for it from then on. */
  SendLog sends() {
    return new JdbcSendLog(database.dataSource());
  }

  UnitOfWork unitOfWork() {
    return new JdbcUnitOfWork(database.dataSource());
  }

  @Override
  public void close() {
    inbox.close();
    database.close();
  }
}
