package dev.candor.store;

import dev.candor.timeline.EventInbox;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The event inbox in SQLite: one row per event_id, committed to disk before the ack. Events arriving
 * together share one commit (group commit): a single writer takes whatever is waiting, writes it in one
 * transaction, and only then releases each request to answer Slack.
 *
 * <p>What waits for the writer is bounded, in events and in bytes: while the database is locked, a request is
 * answered 503 after {@value #WAIT_SECONDS} s and its event stays queued to be stored later, so without a bound a
 * locked database would fill memory. Once full, an event is refused at once ({@link EventInbox.Full}: Slack is
 * answered 503 and delivers it again), and that is logged once, until the queue has drained to half.
 *
 * <p>Each inbox is one processor's (one per process, named by {@link #claimant()}): events are claimed for it before
 * they are processed, by an update guarded on the claim they were read with, so replicas sharing the database each
 * process different events, and an app_home_opened is answered, a DM sent, once. A claim holds for
 * {@link #CLAIM_LEASE}; once it has run out, the events are another processor's to take (their claimant died).
 */
public final class JdbcEventInbox implements EventInbox, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(JdbcEventInbox.class);
  private static final int MAX_GROUP = 512;
  private static final long WAIT_SECONDS = 2;
  /** At most this many events wait for the writer. */
  static final int MAX_WAITING = 2_000;
  /** At most this many bytes of bodies (as Java holds them, two a character) wait for the writer. */
  static final long MAX_WAITING_BYTES = 32L << 20;
  /**
   * How long a claim on events holds: a batch is processed in well under a second, so this is how long the events a
   * killed replica had claimed wait before another replica takes them over (it looks every second when idle).
   */
  static final Duration CLAIM_LEASE = Duration.ofSeconds(15);
  /** Events this processor may claim: unprocessed, and claimed by no one, by itself, or under a lease run out. */
  private static final String CLAIMABLE = "processed_at IS NULL AND (lease_until IS NULL OR lease_until <= ? "
      + "OR claimed_by = ?)";

  private final Jdbc jdbc;
  private final DataSource dataSource;
  private final BlockingQueue<Arrival> arrivals = new LinkedBlockingQueue<>();
  private final Thread writer;
  private final int maxWaiting;
  private final long maxWaitingBytes;
  private final Vendor vendor;
  private final String claimant;
  private final Duration lease;
  private int waiting; // guarded by this
  private long waitingBytes; // guarded by this
  private boolean full; // guarded by this
  private volatile boolean running = true;

  private record Arrival(String eventId, int retryNum, String body, Instant receivedAt,
      CompletableFuture<Boolean> stored) {}

  /** The inbox of this process's event processor, named {@code claimant} in its claims (unique per process). */
  public JdbcEventInbox(DataSource dataSource, String claimant) {
    this(dataSource, claimant, CLAIM_LEASE, MAX_WAITING, MAX_WAITING_BYTES);
  }

  JdbcEventInbox(DataSource dataSource, String claimant, Duration lease, int maxWaiting, long maxWaitingBytes) {
    if (claimant == null || claimant.isBlank()) {
      throw new IllegalArgumentException("an event inbox's claimant is required");
    }
    this.jdbc = new Jdbc(dataSource);
    this.dataSource = dataSource;
    this.vendor = Jdbc.vendor(dataSource);
    this.claimant = claimant;
    this.lease = lease;
    this.maxWaiting = maxWaiting;
    this.maxWaitingBytes = maxWaitingBytes;
    this.writer = new Thread(this::write, "candor-inbox");
    this.writer.setDaemon(true);
    this.writer.start();
  }

  @Override
  public boolean accept(String eventId, int retryNum, String body, Instant receivedAt) {
    if (!running) {
      throw new StoreException("store event " + eventId, new IllegalStateException("the inbox is closed"));
    }
    if (!reserve(bytes(body))) {
      throw new Full("no room for event " + eventId);
    }
    CompletableFuture<Boolean> stored = new CompletableFuture<>();
    arrivals.add(new Arrival(eventId, retryNum, body, receivedAt, stored));
    try {
      return stored.get(WAIT_SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StoreException("store event " + eventId, e);
    } catch (ExecutionException | TimeoutException e) {
      throw new StoreException("store event " + eventId, e.getCause() == null ? e : e.getCause());
    }
  }

  private static long bytes(String body) {
    return 2L * body.length();
  }

  /** Makes room for one more waiting event of {@code bytes}, or says there is none (logged once while full). */
  private synchronized boolean reserve(long bytes) {
    if (waiting < maxWaiting && waitingBytes + bytes <= maxWaitingBytes) {
      waiting++;
      waitingBytes += bytes;
      return true;
    }
    if (!full) {
      full = true;
      log.warn("the event inbox is full: {} events ({} bytes) wait for the database; answering 503 so Slack "
          + "delivers them again", waiting, waitingBytes);
    }
    return false;
  }

  private synchronized void release(List<Arrival> group) {
    for (Arrival a : group) {
      waiting--;
      waitingBytes -= bytes(a.body());
    }
    if (full && waiting <= maxWaiting / 2 && waitingBytes <= maxWaitingBytes / 2) {
      full = false;
      log.info("the event inbox takes events again: {} wait for the database", waiting);
    }
  }

  /** How many events wait for the writer now (in the queue, or in the commit under way). */
  synchronized int waiting() {
    return waiting;
  }

  private void write() {
    List<Arrival> group = new ArrayList<>();
    while (running || !arrivals.isEmpty()) {
      try {
        Arrival first = arrivals.poll(200, TimeUnit.MILLISECONDS);
        if (first == null) {
          continue;
        }
        group.add(first);
        arrivals.drainTo(group, MAX_GROUP - 1);
        commit(group);
      } catch (InterruptedException e) {
        if (!running) {
          arrivals.drainTo(group);
          commit(group);
          return;
        }
      } finally {
        release(group);
        group.clear();
      }
    }
  }

  private void commit(List<Arrival> group) {
    if (group.isEmpty()) {
      return;
    }
    boolean[] fresh = new boolean[group.size()];
    ReentrantLock lock = Jdbc.writeLock(dataSource);
    lock.lock();
    try (Connection c = dataSource.getConnection()) {
      Jdbc.inTransaction(c, vendor, tx -> {
        try (PreparedStatement ps = tx.prepareStatement(
            "INSERT INTO events (event_id, received_at, retry_num, body) VALUES (?, ?, ?, ?) "
                + "ON CONFLICT (event_id) DO NOTHING")) {
          for (int i = 0; i < group.size(); i++) {
            Arrival a = group.get(i);
            ps.setString(1, a.eventId());
            ps.setLong(2, a.receivedAt().toEpochMilli());
            ps.setInt(3, a.retryNum());
            ps.setString(4, a.body());
            fresh[i] = ps.executeUpdate() == 1;
          }
        }
        return null;
      });
    } catch (SQLException | RuntimeException e) {
      log.error("storing {} events failed; none of them is acknowledged", group.size(), e);
      group.forEach(a -> a.stored().completeExceptionally(e));
      return;
    } finally {
      lock.unlock();
    }
    for (int i = 0; i < group.size(); i++) {
      group.get(i).stored().complete(fresh[i]);
    }
  }

  /** Who this inbox claims events for. */
  public String claimant() {
    return claimant;
  }

  /**
   * Claims the oldest claimable events. On PostgreSQL one update takes them, passing over rows another replica is
   * claiming at that moment ({@code FOR UPDATE SKIP LOCKED}), so two replicas polling at once take different
   * batches instead of racing for the same one. On SQLite (one process, one writer at a time) the events are read
   * without a turn at writing, since an idle processor looks every second, then claimed in one guarded update: what
   * was claimed in between is left out.
   */
  @Override
  public List<Pending> claim(int limit, Instant now) {
    if (vendor == Vendor.POSTGRESQL) {
      return claimSkippingLocked(limit, now);
    }
    List<Pending> seen = jdbc.query("read pending events",
        "SELECT seq, event_id, body, received_at FROM events WHERE " + CLAIMABLE + " ORDER BY seq LIMIT ?",
        rs -> new Pending(rs.getLong(1), rs.getString(2), rs.getString(3), Instant.ofEpochMilli(rs.getLong(4))),
        now, claimant, limit);
    if (seen.isEmpty()) {
      return seen;
    }
    List<Object> args = new ArrayList<>();
    args.add(claimant);
    args.add(now.plus(lease));
    seen.forEach(p -> args.add(p.seq()));
    args.add(now);
    args.add(claimant);
    Set<Long> claimed = new HashSet<>(jdbc.inTransaction("claim " + seen.size() + " events for " + claimant,
        c -> Jdbc.query(c, "UPDATE events SET claimed_by = ?, lease_until = ? WHERE seq IN ("
            + String.join(", ", Collections.nCopies(seen.size(), "?")) + ") AND " + CLAIMABLE + " RETURNING seq",
            rs -> rs.getLong(1), args.toArray())));
    return seen.stream().filter(p -> claimed.contains(p.seq())).toList();
  }

  private List<Pending> claimSkippingLocked(int limit, Instant now) {
    List<Pending> claimed = new ArrayList<>(jdbc.inTransaction("claim up to " + limit + " events for " + claimant,
        c -> Jdbc.query(c, "UPDATE events SET claimed_by = ?, lease_until = ? WHERE seq IN (SELECT seq FROM events "
            + "WHERE " + CLAIMABLE + " ORDER BY seq LIMIT ? FOR UPDATE SKIP LOCKED) "
            + "RETURNING seq, event_id, body, received_at",
            rs -> new Pending(rs.getLong(1), rs.getString(2), rs.getString(3), Instant.ofEpochMilli(rs.getLong(4))),
            claimant, now.plus(lease), now, claimant, limit)));
    claimed.sort(Comparator.comparingLong(Pending::seq));
    return claimed;
  }

  /**
   * Lets go of every claim on unprocessed events, when this process is the database's only user (SQLite): what a
   * crashed process had claimed is processed at once, not after its lease. How many were let go.
   */
  public int releaseClaimsOfTheDead() {
    return jdbc.inTransaction("release the event claims of a process that is gone", c -> Jdbc.update(c,
        "UPDATE events SET claimed_by = NULL, lease_until = NULL WHERE processed_at IS NULL AND lease_until IS NOT NULL"));
  }

  @Override
  public void markProcessed(List<Long> seqs, Instant at) {
    if (seqs.isEmpty()) {
      return;
    }
    jdbc.inTransaction("mark " + seqs.size() + " events processed", c -> {
      try (PreparedStatement ps = c.prepareStatement("UPDATE events SET processed_at = ?, body = '', lease_until = NULL WHERE seq = ?")) {
        for (long seq : seqs) {
          ps.setLong(1, at.toEpochMilli());
          ps.setLong(2, seq);
          ps.addBatch();
        }
        ps.executeBatch();
      }
      return null;
    });
  }

  @Override
  public int forgetProcessedBefore(Instant before) {
    return jdbc.inTransaction("forget processed events", c -> {
      try (PreparedStatement ps = c.prepareStatement(
          "DELETE FROM events WHERE processed_at IS NOT NULL AND received_at < ?")) {
        ps.setLong(1, before.toEpochMilli());
        return ps.executeUpdate();
      }
    });
  }

  @Override
  public void close() {
    running = false;
    writer.interrupt();
    try {
      writer.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
