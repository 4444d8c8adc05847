package dev.candor.testing;

import dev.candor.store.Database;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real PostgreSQL for the tests: one embedded server per test JVM, started on first use (a few seconds) and
 * stopped when the JVM ends, and a fresh database on it for each caller. Fresh databases are copies of one migrated
 * once ({@code CREATE DATABASE … TEMPLATE}), so each costs milliseconds, not a migration.
 */
public final class Postgres {
  private static final String TEMPLATE = "candor_template";
  private static final AtomicInteger NEXT = new AtomicInteger();
  private static EmbeddedPostgres server;

  private Postgres() {}

  private static synchronized EmbeddedPostgres server() {
    if (server == null) {
      try {
        // stopped by the shutdown hook the library registers; nothing here must survive a crash, so nothing waits
        // for the disk (CREATE DATABASE's copies above all)
        EmbeddedPostgres started = EmbeddedPostgres.builder().setServerConfig("fsync", "off")
            .setServerConfig("synchronous_commit", "off").setServerConfig("full_page_writes", "off").start();
        execute(started, "CREATE DATABASE " + TEMPLATE);
        // the schema as Candor makes it, copied into every fresh database
        Database.open(started.getJdbcUrl("postgres", TEMPLATE)).close();
        server = started;
      } catch (IOException e) {
        throw new UncheckedIOException("cannot start the embedded PostgreSQL", e);
      }
    }
    return server;
  }

  /** The JDBC URL of a new database on the server with Candor's schema already in it (its ledger still pending). */
  public static String freshDatabase() {
    return create(" TEMPLATE " + TEMPLATE + " STRATEGY FILE_COPY");
  }

  /**
   * A fresh database ({@link #freshDatabase}) for one test, dropped once the test and its own {@code @AfterEach}
   * are done (its connections closed or not): register it as a {@code @RegisterExtension} field, so each test
   * (JUnit makes an instance per test) has its own, and the server's disk holds only the databases in use.
   */
  public static final class FreshDatabase implements AfterEachCallback {
    private final String url = freshDatabase();

    public String url() {
      return url;
    }

    @Override
    public void afterEach(ExtensionContext context) {
      String name = url.substring(url.lastIndexOf('/') + 1, url.indexOf('?'));
      execute(server(), "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }
  }

  /** The JDBC URL of a new, empty database on the server: no schema at all. */
  public static String emptyDatabase() {
    return create("");
  }

  private static synchronized String create(String from) {
    EmbeddedPostgres pg = server();
    String name = "candor_" + NEXT.incrementAndGet();
    execute(pg, "CREATE DATABASE " + name + from);
    return pg.getJdbcUrl("postgres", name);
  }

  /** The port the server listens on. */
  public static int port() {
    return server().getPort();
  }

  private static void execute(EmbeddedPostgres pg, String sql) {
    try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
      s.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(sql + ": " + e.getMessage(), e);
    }
  }
}
