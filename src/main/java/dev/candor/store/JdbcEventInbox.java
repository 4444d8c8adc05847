package dev.candor.store;

import dev.candor.timeline.EventInbox;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
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
 */
public final class JdbcEventInbox implements EventInbox, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(JdbcEventInbox.class);
  private static final int MAX_GROUP = 512;
  private static final long WAIT_SECONDS = 2;
  /** At most this many events wait for the writer. */
  static final int MAX_WAITING = 2_000;
  /** At most this many bytes of bodies (as Java holds them, two a character) wait for the writer. */
  static final long MAX_WAITING_BYTES = 32L << 20;

  private final Jdbc jdbc;
  private final DataSource dataSource;
  private final BlockingQueue<Arrival> arrivals = new LinkedBlockingQueue<>();
  private final Thread writer;
  private final Vendor vendor;
  private final int maxWaiting;
  private final long maxWaitingBytes;
  private int waiting; // guarded by this
  private long waitingBytes; // guarded by this
  private boolean full; // guarded by this
  private volatile boolean running = true;

  private record Arrival(String eventId, int retryNum, String body, Instant receivedAt,
      CompletableFuture<Boolean> stored) {}

  public JdbcEventInbox(DataSource dataSource) {
    this(dataSource, MAX_WAITING, MAX_WAITING_BYTES);
  }

  JdbcEventInbox(DataSource dataSource, int maxWaiting, long maxWaitingBytes) {
    this.jdbc = new Jdbc(dataSource);
    this.dataSource = dataSource;
    this.vendor = Jdbc.vendor(dataSource);
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

  @Override
  public List<Pending> pending(int limit) {
    return jdbc.query("read pending events",
        "SELECT seq, event_id, body, received_at FROM events WHERE processed_at IS NULL ORDER BY seq LIMIT ?",
        rs -> new Pending(rs.getLong(1), rs.getString(2), rs.getString(3), Instant.ofEpochMilli(rs.getLong(4))),
        limit);
  }

  @Override
  public void markProcessed(List<Long> seqs, Instant at) {
    if (seqs.isEmpty()) {
      return;
    }
    jdbc.inTransaction("mark " + seqs.size() + " events processed", c -> {
      try (PreparedStatement ps = c.prepareStatement("UPDATE events SET processed_at = ?, body = '' WHERE seq = ?")) {
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
