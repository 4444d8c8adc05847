package dev.candor.main;

import dev.candor.config.BotConfig;
import dev.candor.config.ConfigException;
import dev.candor.config.DatabaseUrls;
import dev.candor.config.KeySource;
import dev.candor.store.Database;
import dev.candor.store.JdbcEvidenceRecords;
import dev.candor.store.JdbcTimelineStore;
import dev.candor.store.LocalKey;
import dev.candor.store.ProcessLock;
import dev.candor.store.SqliteToPostgres;
import dev.candor.store.Vendor;
import dev.candor.timeline.EvidenceAudit;
import dev.candor.timeline.HashChain;
import dev.candor.timeline.TimelineService;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.Callable;
import javax.sql.DataSource;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code candor migrate --to jdbc:postgresql://…}: copies the SQLite database Candor runs on ({@code DATABASE_URL},
 * the key as {@code serve} finds it) into an empty PostgreSQL database, which Candor's migrations make first. The
 * copy is one transaction, committed only once every chain on PostgreSQL verifies as it does in SQLite; so a refusal
 * or a failure leaves the target empty. Exit 0 copied and intact, 1 copied with the problems {@code verify} already
 * finds in the SQLite database, 2 refused (nothing copied).
 */
@Command(name = "migrate",
    description = "Copy the SQLite database (DATABASE_URL, stopped) into an empty PostgreSQL database and verify every "
        + "chain there.")
final class MigrateCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--to", required = true, paramLabel = "JDBC-URL",
      description = "The empty PostgreSQL database to copy into, e.g. jdbc:postgresql://db.example.com/candor?user=candor")
  String to;

  private final Map<String, String> env;
  private final Clock clock;

  MigrateCommand() {
    this(System.getenv(), Clock.systemUTC());
  }

  MigrateCommand(Map<String, String> env, Clock clock) {
    this.env = env;
    this.clock = clock;
  }

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (Vendor.of(to).orElse(null) != Vendor.POSTGRESQL) {
      return fail(err, "--to must be a PostgreSQL JDBC URL such as jdbc:postgresql://db.example.com:5432/candor?user="
          + "candor, not " + DatabaseUrls.redacted(to));
    }
    String target = DatabaseUrls.redacted(to);
    String url;
    KeySource keys;
    try {
      url = BotConfig.databaseUrlFrom(env);
      keys = BotConfig.keySourceFrom(env);
    } catch (ConfigException e) {
      return fail(err, e.getMessage());
    }
    Path file = Database.file(url);
    if (file == null) {
      return fail(err, "DATABASE_URL (" + DatabaseUrls.redacted(url) + ") names no SQLite file: migrate copies the "
          + "SQLite database Candor ran on into PostgreSQL");
    }
    try (OfflineStore source = OfflineStore.open(url, keys)) {
      Optional<ProcessLock> lock = ProcessLock.tryAcquire(file);
      if (lock.isEmpty()) {
        return fail(err, "a Candor is running on " + file + " (it holds " + ProcessLock.lockFile(file) + "): stop it "
            + "first, so that nothing it records after the copy is left behind");
      }
      try {
        return migrate(source, file, keys, target, out, err);
      } finally {
        lock.get().close();
      }
    } catch (OfflineStore.Unavailable e) {
      return fail(err, e.getMessage());
    }
  }

  private int migrate(OfflineStore source, Path file, KeySource keys, String target, PrintWriter out,
      PrintWriter err) {
    HashChain chain = new HashChain(source.key());
    try {
      if (JdbcTimelineStore.sealedWithAnotherKey(source.dataSource(), chain)) {
        return fail(err, "the evidence key from " + keys.describe() + " is not the key the chains in " + file
            + " were sealed with: run migrate with the key serve used");
      }
    } catch (RuntimeException e) {
      return fail(err, "cannot read " + file + ": " + OfflineStore.rootMessage(e));
    }
    Optional<String> notEmpty;
    try {
      notEmpty = notEmpty(to);
    } catch (SQLException e) {
      return fail(err, "cannot connect to " + target + ": " + OfflineStore.rootMessage(e));
    }
    if (notEmpty.isPresent()) {
      return fail(err, "the target database " + target + " is not empty: " + notEmpty.get() + "; migrate copies "
          + "into an empty database only");
    }
    Database postgres;
    try {
      postgres = Database.open(to);
    } catch (RuntimeException e) {
      return fail(err, "cannot open " + target + ": " + OfflineStore.rootMessage(e));
    }
    List<EvidenceAudit.Line> lines = new ArrayList<>();
    List<SqliteToPostgres.Table> tables;
    try (postgres) {
      tables = SqliteToPostgres.copy(source.database(), postgres, clock, copied -> {
        List<EvidenceAudit.Line> before = audit(source.dataSource(), source);
        List<EvidenceAudit.Line> after = audit(postgres.dataSource(), source);
        if (!before.equals(after)) {
          throw new IllegalStateException("the copy does not verify as " + file + " does (" + firstDifference(before,
              after) + ")");
        }
        lines.addAll(after);
      });
    } catch (SqliteToPostgres.Refused e) {
      return fail(err, e.getMessage() + "; nothing was copied");
    } catch (RuntimeException e) {
      return fail(err, "the copy into " + target + " failed, and nothing of it was kept: "
          + OfflineStore.rootMessage(e));
    }
    report(out, file, target, keys, tables, lines);
    return lines.stream().anyMatch(EvidenceAudit.Line::problem) ? Main.CHECK_FAILED : Main.OK;
  }

  /** What {@code candor verify} says of the database behind {@code dataSource}, checked with the source's key. */
  private List<EvidenceAudit.Line> audit(DataSource dataSource, OfflineStore source) {
    TimelineService timeline = new TimelineService(new JdbcTimelineStore(dataSource), source.key(), clock);
    return new EvidenceAudit(new HashChain(source.key())).audit(new JdbcEvidenceRecords(dataSource),
        timeline::verify, Optional.empty());
  }

  private static String firstDifference(List<EvidenceAudit.Line> before, List<EvidenceAudit.Line> after) {
    for (int i = 0; i < Math.max(before.size(), after.size()); i++) {
      String was = i < before.size() ? before.get(i).text() : "nothing";
      String is = i < after.size() ? after.get(i).text() : "nothing";
      if (!was.equals(is)) {
        return "SQLite: " + was + "; PostgreSQL: " + is;
      }
    }
    return "the same lines";
  }

  /** Why the database at {@code url} cannot take the copy, asked before Candor's migrations touch it. */
  private static Optional<String> notEmpty(String url) throws SQLException {
    Properties settings = new Properties();
    settings.setProperty("connectTimeout", "5");
    settings.setProperty("ApplicationName", "candor migrate");
    try (Connection c = DriverManager.getConnection(url, settings)) {
      return SqliteToPostgres.notEmpty(c);
    }
  }

  private void report(PrintWriter out, Path file, String target, KeySource keys, List<SqliteToPostgres.Table> tables,
      List<EvidenceAudit.Line> lines) {
    out.println("Copied " + file + " into " + target + ", in one transaction:");
    int width = tables.stream().mapToInt(t -> t.name().length()).max().orElse(0);
    for (SqliteToPostgres.Table t : tables) {
      out.println("  " + t.name() + " ".repeat(width - t.name().length() + 2) + t.rows());
    }
    lines.forEach(l -> out.println(l.text()));
    boolean intact = lines.stream().noneMatch(EvidenceAudit.Line::problem);
    out.println(intact ? "Every chain verifies on PostgreSQL." : "PostgreSQL holds the problems above as "
        + file + " does (candor verify reports them there too): they were copied as they are.");
    String key = keys.hex().isPresent() ? "the same CANDOR_KEY"
        : "CANDOR_KEY_FILE=" + keys.file().orElseGet(() -> LocalKey.besideDatabase("jdbc:sqlite:" + file));
    out.println("Run Candor on it with DATABASE_URL=" + target + " and " + key + " (the key the chains were sealed "
        + "with; it is not in PostgreSQL). Stop using " + file + ": what is recorded there from now on is not copied.");
    out.flush();
  }

  private static int fail(PrintWriter err, String line) {
    err.println("candor: " + line);
    err.flush();
    return Main.USAGE;
  }
}
