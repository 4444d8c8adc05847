package dev.candor.store;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Copies a SQLite database into an empty PostgreSQL one ({@code candor migrate}): every table the schema has, read
 * from the schema itself (so a table added later is copied without anyone listing it), in one read snapshot of the
 * SQLite file and one transaction on PostgreSQL, parents before the tables that refer to them. Identity columns go on
 * after the copied ids, and jobs a stopped process had claimed are left for the next runner at once. Whatever fails,
 * the target is left as it was: empty.
 */
public final class SqliteToPostgres {
  /** Flyway's own table: each database keeps its own history. */
  static final String HISTORY = "flyway_schema_history";
  /**
   * Tables the migrations seed with a row, and when that row still says "nothing recorded": the copy replaces it.
   */
  private static final Map<String, String> SEEDED = Map.of("evidence_ledger",
      "incidents = 0 AND last_incident = 0 AND flaws = ''");
  private static final int BATCH = 500;

  private final Database source;
  private final Database target;

  private SqliteToPostgres(Database source, Database target) {
    this.source = source;
    this.target = target;
  }

  /** How many rows a table holds. */
  public record Table(String name, long rows) {}

  /** The copy was refused or failed; the message is the line to show, and the target holds nothing of it. */
  public static final class Refused extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Refused(String message) {
      super(message);
    }
  }

  /** A check made on the copy before it is committed; throwing rolls the whole copy back. */
  public interface BeforeCommit {
    void check(List<Table> copied);
  }

  /**
   * Why the PostgreSQL database at {@code target} cannot take a copy (it holds rows, or tables Candor did not make),
   * read before anything is created in it; empty when it can. Nothing is written.
   */
  public static Optional<String> notEmpty(Connection target) throws SQLException {
    Set<String> tables = tables(target);
    if (tables.isEmpty()) {
      return Optional.empty();
    }
    if (!tables.contains(HISTORY)) {
      return Optional.of("it holds tables Candor did not make (" + String.join(", ", new TreeSet<>(tables)) + ")");
    }
    return rowsIn(target, tables);
  }

  /**
   * Copies {@code source} (SQLite, current schema) into {@code target} (PostgreSQL, migrated, empty) and runs
   * {@code beforeCommit} inside the target's transaction (repositories on the target's data source, used on this
   * thread, see the copy). {@code clock} is the moment claims of a process that is gone are let go at.
   */
  public static List<Table> copy(Database source, Database target, Clock clock, BeforeCommit beforeCommit) {
    if (source.vendor() != Vendor.SQLITE || target.vendor() != Vendor.POSTGRESQL) {
      throw new IllegalArgumentException("copies a SQLite database into PostgreSQL");
    }
    return new SqliteToPostgres(source, target).copy(clock, beforeCommit);
  }

  private List<Table> copy(Clock clock, BeforeCommit beforeCommit) {
    // one read transaction on SQLite: a snapshot, whatever another process writes meanwhile
    return new Jdbc(source.dataSource()).inTransaction("read the SQLite database", from ->
        new Jdbc(target.dataSource()).inTransaction("copy into PostgreSQL", to -> {
          List<String> order = order(from, to);
          try (Statement s = to.createStatement()) {
            // nobody else writes these tables until the copy is committed or rolled back
            s.execute("LOCK TABLE " + String.join(", ", order) + " IN EXCLUSIVE MODE");
          }
          Optional<String> full = rowsIn(to, new LinkedHashSet<>(order));
          if (full.isPresent()) {
            throw new Refused("the target database is not empty: " + full.get());
          }
          List<Table> copied = new ArrayList<>();
          for (String table : order) {
            copied.add(new Table(table, copyTable(from, to, table)));
          }
          continueIdentities(to, order);
          // the process that claimed them is gone: the first runner on the target takes them over at once
          new JdbcJobStore(target.dataSource(), clock).expireClaimsOfOthers("candor-migrate", clock.instant());
          beforeCommit.check(Collections.unmodifiableList(copied));
          return copied;
        }));
  }

  /** The tables to copy, each after those it refers to; the two schemas must have the same tables. */
  private static List<String> order(Connection from, Connection to) throws SQLException {
    Set<String> sqlite = new TreeSet<>();
    try (Statement s = from.createStatement(); ResultSet rs = s.executeQuery(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'")) {
      while (rs.next()) {
        sqlite.add(rs.getString(1));
      }
    }
    sqlite.remove(HISTORY);
    Set<String> postgres = new TreeSet<>(tables(to));
    postgres.remove(HISTORY);
    if (!sqlite.equals(postgres)) {
      Set<String> onlySqlite = new TreeSet<>(sqlite);
      onlySqlite.removeAll(postgres);
      Set<String> onlyPostgres = new TreeSet<>(postgres);
      onlyPostgres.removeAll(sqlite);
      throw new Refused("the two schemas differ (only in SQLite: " + onlySqlite + "; only in PostgreSQL: "
          + onlyPostgres + "): run the same Candor version on both");
    }
    Map<String, Set<String>> parents = new LinkedHashMap<>();
    DatabaseMetaData meta = to.getMetaData();
    for (String table : postgres) {
      Set<String> refers = new TreeSet<>();
      try (ResultSet rs = meta.getImportedKeys(null, to.getSchema(), table)) {
        while (rs.next()) {
          refers.add(rs.getString("PKTABLE_NAME"));
        }
      }
      refers.remove(table);
      parents.put(table, refers);
    }
    List<String> order = new ArrayList<>();
    while (order.size() < parents.size()) {
      int before = order.size();
      for (Map.Entry<String, Set<String>> t : parents.entrySet()) {
        if (!order.contains(t.getKey()) && order.containsAll(t.getValue())) {
          order.add(t.getKey());
        }
      }
      if (order.size() == before) {
        throw new Refused("the tables refer to each other in a cycle: " + parents);
      }
    }
    return order;
  }

  /** The tables of the connection's schema (PostgreSQL). */
  private static Set<String> tables(Connection c) throws SQLException {
    Set<String> tables = new LinkedHashSet<>();
    try (PreparedStatement ps = c.prepareStatement("SELECT table_name FROM information_schema.tables "
        + "WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name");
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        tables.add(rs.getString(1));
      }
    }
    return tables;
  }

  /** Which of {@code tables} holds a row (besides a seeded row that records nothing), or empty when none does. */
  private static Optional<String> rowsIn(Connection c, Set<String> tables) throws SQLException {
    for (String table : tables) {
      if (table.equals(HISTORY)) {
        continue;
      }
      String seeded = SEEDED.get(table);
      String sql = "SELECT count(*) FROM " + table + (seeded == null ? "" : " WHERE NOT (" + seeded + ")");
      try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
        rs.next();
        long rows = rs.getLong(1);
        if (rows > 0) {
          return Optional.of(table + " holds " + rows + " row" + (rows == 1 ? "" : "s"));
        }
      }
    }
    return Optional.empty();
  }

  private record Column(String name, String type) {}

  /** Copies every row of {@code table}; returns how many, checked against the count on both sides. */
  private static long copyTable(Connection from, Connection to, String table) throws SQLException {
    List<Column> columns = columns(to, table);
    requireSameColumns(from, table, columns);
    if (SEEDED.containsKey(table)) {
      try (Statement s = to.createStatement()) {
        s.executeUpdate("DELETE FROM " + table);
      }
    }
    List<String> names = columns.stream().map(Column::name).toList();
    String list = String.join(", ", names);
    long rows = 0;
    try (Statement read = from.createStatement();
        ResultSet rs = read.executeQuery("SELECT " + list + " FROM " + table);
        PreparedStatement write = to.prepareStatement("INSERT INTO " + table + " (" + list + ") VALUES ("
            + String.join(", ", Collections.nCopies(names.size(), "?")) + ")")) {
      while (rs.next()) {
        for (int i = 0; i < columns.size(); i++) {
          copyValue(rs, write, i + 1, table, columns.get(i));
        }
        write.addBatch();
        if (++rows % BATCH == 0) {
          write.executeBatch();
        }
      }
      write.executeBatch();
    }
    long there = count(to, table);
    long here = count(from, table);
    if (there != rows || here != rows) {
      throw new SQLException(table + ": " + here + " rows in SQLite, " + rows + " read, " + there + " in PostgreSQL");
    }
    return rows;
  }

  private static long count(Connection c, String table) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM " + table)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  /** The target's columns of {@code table}, in order, with their PostgreSQL types. */
  private static List<Column> columns(Connection to, String table) throws SQLException {
    List<Column> columns = new ArrayList<>();
    try (PreparedStatement ps = to.prepareStatement("SELECT column_name, data_type FROM information_schema.columns "
        + "WHERE table_schema = current_schema() AND table_name = ? ORDER BY ordinal_position")) {
      ps.setString(1, table);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          columns.add(new Column(rs.getString(1), rs.getString(2)));
        }
      }
    }
    return columns;
  }

  private static void requireSameColumns(Connection from, String table, List<Column> columns) throws SQLException {
    Set<String> sqlite = new TreeSet<>();
    try (Statement s = from.createStatement(); ResultSet rs = s.executeQuery("SELECT * FROM " + table + " LIMIT 0")) {
      for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
        sqlite.add(rs.getMetaData().getColumnName(i));
      }
    }
    Set<String> postgres = new TreeSet<>();
    columns.forEach(c -> postgres.add(c.name()));
    if (!sqlite.equals(postgres)) {
      throw new Refused("the table " + table + " has other columns in SQLite " + sqlite + " than in PostgreSQL "
          + postgres + ": run the same Candor version on both");
    }
  }

  /** One value, read as the target column's type wants it (SQLite keeps integers and text whatever is declared). */
  private static void copyValue(ResultSet rs, PreparedStatement write, int i, String table, Column column)
      throws SQLException {
    switch (column.type()) {
      case "bigint", "integer", "smallint" -> {
        long v = rs.getLong(i);
        if (rs.wasNull()) {
          write.setNull(i, Types.BIGINT);
        } else {
          write.setLong(i, v);
        }
      }
      case "text", "character varying", "character" -> write.setString(i, rs.getString(i));
      case "boolean" -> {
        boolean v = rs.getBoolean(i);
        if (rs.wasNull()) {
          write.setNull(i, Types.BOOLEAN);
        } else {
          write.setBoolean(i, v);
        }
      }
      case "double precision", "real" -> {
        double v = rs.getDouble(i);
        if (rs.wasNull()) {
          write.setNull(i, Types.DOUBLE);
        } else {
          write.setDouble(i, v);
        }
      }
      case "bytea" -> write.setBytes(i, rs.getBytes(i));
      default -> throw new Refused("the column " + table + "." + column.name() + " is of type " + column.type()
          + ", which candor migrate does not copy");
    }
  }

  /** Each identity column goes on after the highest id copied, so new rows never take a copied one's id. */
  private static void continueIdentities(Connection to, List<String> tables) throws SQLException {
    List<String[]> identities = new ArrayList<>();
    try (Statement s = to.createStatement(); ResultSet rs = s.executeQuery("SELECT table_name, column_name "
        + "FROM information_schema.columns WHERE table_schema = current_schema() AND is_identity = 'YES'")) {
      while (rs.next()) {
        identities.add(new String[] {rs.getString(1), rs.getString(2)});
      }
    }
    for (String[] identity : identities) {
      if (!tables.contains(identity[0])) {
        continue;
      }
      String table = identity[0];
      String column = identity[1];
      try (PreparedStatement ps = to.prepareStatement("SELECT setval(pg_get_serial_sequence(?, ?), "
          + "COALESCE((SELECT max(" + column + ") FROM " + table + "), 0) + 1, false)")) {
        ps.setString(1, table);
        ps.setString(2, column);
        ps.executeQuery().close();
      }
    }
  }
}
