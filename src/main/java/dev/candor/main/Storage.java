package dev.candor.main;

import dev.candor.catchup.CatchupLog;
import dev.candor.config.DatabaseUrls;
import dev.candor.config.KeySource;
import dev.candor.followup.FollowUpRepository;
import dev.candor.incident.ChannelMembership;
import dev.candor.incident.IncidentCards;
import dev.candor.incident.IncidentRepository;
import dev.candor.jobs.JobRunner;
import dev.candor.jobs.JobStore;
import dev.candor.jobs.SendLog;
import dev.candor.jobs.UnitOfWork;
import dev.candor.main.Candor.StartupException;
import dev.candor.nudge.NudgeStore;
import dev.candor.postmortem.PostmortemRepository;
import dev.candor.store.Database;
import dev.candor.store.JdbcCatchupLog;
import dev.candor.store.JdbcChannelMembership;
import dev.candor.store.JdbcEventInbox;
import dev.candor.store.JdbcFollowUpRepository;
import dev.candor.store.JdbcIncidentCards;
import dev.candor.store.JdbcIncidentRepository;
import dev.candor.store.JdbcJobStore;
import dev.candor.store.JdbcNudgeStore;
import dev.candor.store.JdbcPostmortemRepository;
import dev.candor.store.JdbcSendLog;
import dev.candor.store.JdbcTimelineStore;
import dev.candor.store.JdbcTrackerLinks;
import dev.candor.store.JdbcUnitOfWork;
import dev.candor.store.LocalKey;
import dev.candor.store.Vendor;
import dev.candor.timeline.EventInbox;
import dev.candor.timeline.EvidenceKey;
import dev.candor.timeline.HashChain;
import dev.candor.timeline.TimelineStore;
import dev.candor.trackers.TrackerLinks;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The database Candor runs on, its evidence key, and the repositories over it: the one place that knows JDBC. */
final class Storage implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Storage.class);
  private final Database database;
  private final EvidenceKey key;
  private final JdbcEventInbox inbox;

  private Storage(Database database, EvidenceKey key) {
    this.database = database;
    this.key = key;
    this.inbox = new JdbcEventInbox(database.dataSource(), JobRunner.newWorkerId());
    if (database.soleUser()) {
      int released = inbox.releaseClaimsOfTheDead(); // no other process holds the database: its claims are a dead one's
      if (released > 0) {
        log.info("Took over {} stored event(s) claimed by a Candor that stopped before processing them", released);
      }
    }
  }

  /** Opens (and migrates) {@code url}, with the key kept beside the SQLite database. */
  static Storage open(String url) {
    return open(url, KeySource.BESIDE_DATABASE);
  }

  /**
   * Opens (and migrates) {@code url}, and the evidence key from {@code keys}: by default the key kept beside a
   * SQLite database, made with the database (a missing key beside a database that holds records stops the start,
   * and no new key is written); else the file or value named, never created. A key the chains were not sealed
   * with stops the start, before anything is written with it.
   */
  static Storage open(String url, KeySource keys) {
    Database database;
    try {
      database = Database.open(url);
    } catch (RuntimeException e) {
      throw new StartupException("cannot open DATABASE_URL " + DatabaseUrls.redacted(url) + ": "
          + Candor.rootMessage(e), e);
    }
    try {
      EvidenceKey key = key(url, keys, database);
      HashChain chain = new HashChain(key);
      if (JdbcTimelineStore.sealedWithAnotherKey(database.dataSource(), chain)) {
        throw new IllegalStateException("the evidence key from " + keys.describe() + " is not the key this "
            + "database's chains were sealed with (neither its evidence ledger nor any incident head verifies "
            + "under it): start with the key the database was sealed with, the same one on every replica");
      }
      establishHeads(database, key);
      return new Storage(database, key);
    } catch (RuntimeException e) {
      database.close();
      throw new StartupException(e.getMessage(), e);
    }
  }

  private static EvidenceKey key(String url, KeySource keys, Database database) {
    if (keys.file().isPresent()) {
      return LocalKey.load(keys.file().get());
    }
    if (keys.hex().isPresent()) {
      return LocalKey.parse(keys.hex().get(), "CANDOR_KEY");
    }
    if (database.vendor() != Vendor.SQLITE) {
      throw new IllegalStateException("CANDOR_KEY_FILE or CANDOR_KEY is required with PostgreSQL: the evidence key "
          + "is never kept in the database");
    }
    return LocalKey.loadOrCreate(LocalKey.besideDatabase(url), database);
  }

  /**
   * A database made before chain heads were kept gets them now, once, from its timelines as they are: from then on
   * entries cut off the end of a chain, an incident row edited and an incident removed whole are noticed.
   */
  private static void establishHeads(Database database, EvidenceKey key) {
    JdbcTimelineStore.establishHeads(database.dataSource(), new HashChain(key)).ifPresent(made -> {
      if (made > 0) {
        log.info("Established the evidence heads of {} existing incident(s): candor verify now also notices "
            + "truncated timelines, edited incident rows and removed incidents", made);
      }
    });
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

  /** Who is in each incident channel, as Candor keeps it. */
  ChannelMembership members() {
    return new JdbcChannelMembership(database.dataSource());
  }

  /** Where each incident's living card is, and what it last showed. */
  IncidentCards cards() {
    return new JdbcIncidentCards(database.dataSource());
  }

  /** Who is owed no catch-up of an incident, or has had theirs. */
  CatchupLog catchups() {
    return new JdbcCatchupLog(database.dataSource());
  }

  PostmortemRepository postmortems() {
    return new JdbcPostmortemRepository(database.dataSource());
  }

  FollowUpRepository followUps() {
    return new JdbcFollowUpRepository(database.dataSource());
  }

  /** Which issue in the tracker each follow-up is. */
  TrackerLinks trackerLinks() {
    return new JdbcTrackerLinks(database.dataSource());
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
