package dev.candor.store;

import dev.candor.config.DatabaseUrls;
import java.util.Optional;

/**
 * The databases Candor runs on, told apart by their JDBC URL. The repositories' SQL is the same on both (upserts
 * by {@code ON CONFLICT}, generated ids by {@code RETURNING}); what differs is here: where each one's own migrations
 * are (beside the shared ones in {@code db/migration}), and how {@link Database} opens it.
 */
public enum Vendor {
  /** One process per file, the embedded default: {@code jdbc:sqlite:data/candor.db}. */
  SQLITE("jdbc:sqlite:", "classpath:db/sqlite"),
  /** PostgreSQL 14 or newer, a server several replicas may share: {@code jdbc:postgresql://host/db}. */
  POSTGRESQL("jdbc:postgresql:", "classpath:db/postgresql");

  /** The migrations every database runs; each vendor adds its own folder (the versions never repeat). */
  static final String SHARED_MIGRATIONS = "classpath:db/migration";

  private final String prefix;
  private final String ownMigrations;

  Vendor(String prefix, String ownMigrations) {
    this.prefix = prefix;
    this.ownMigrations = ownMigrations;
  }

  /** The vendor of a JDBC URL, or empty when Candor does not run on it. */
  public static Optional<Vendor> of(String url) {
    for (Vendor v : values()) {
      if (url != null && url.startsWith(v.prefix) && url.length() > v.prefix.length()) {
        return Optional.of(v);
      }
    }
    return Optional.empty();
  }

  /** The vendor of {@code url}; an {@link IllegalArgumentException} naming it when Candor does not run on it. */
  static Vendor from(String url) {
    return of(url).orElseThrow(() -> new IllegalArgumentException("not a SQLite or PostgreSQL JDBC URL: "
        + DatabaseUrls.redacted(url)));
  }

  String prefix() {
    return prefix;
  }

  /** Where Flyway finds this vendor's schema: the shared migrations and its own. */
  String[] migrations() {
    return new String[] {SHARED_MIGRATIONS, ownMigrations};
  }
}
