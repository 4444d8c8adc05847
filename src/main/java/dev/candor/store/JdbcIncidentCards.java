package dev.candor.store;

import dev.candor.incident.IncidentCards;
import dev.candor.incident.IncidentId;
import java.util.Optional;
import javax.sql.DataSource;

/** The incident cards in the database, one row per incident and place; a save is one upsert. */
public final class JdbcIncidentCards implements IncidentCards {
  private static final String SAVE = "INSERT INTO incident_cards (incident_id, place, channel_id, ts, rendered_hash, "
      + "reposts, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (incident_id, place) DO UPDATE SET "
      + "channel_id = excluded.channel_id, ts = excluded.ts, rendered_hash = excluded.rendered_hash, "
      + "reposts = excluded.reposts, updated_at = excluded.updated_at";

  private final Jdbc jdbc;

  public JdbcIncidentCards(DataSource dataSource) {
    this.jdbc = new Jdbc(dataSource);
  }

  @Override
  public Optional<Card> find(IncidentId incident, Place place) {
    return jdbc.queryOne("read the card of " + incident,
        "SELECT channel_id, ts, rendered_hash, reposts, updated_at FROM incident_cards WHERE incident_id = ? "
            + "AND place = ?",
        rs -> new Card(incident, place, rs.getString("channel_id"), rs.getString("ts"), rs.getString("rendered_hash"),
            rs.getInt("reposts"), Jdbc.instant(rs, "updated_at")),
        incident.value(), place);
  }

  @Override
  public void save(Card card) {
    jdbc.inTransaction("keep the card of " + card.incident(), c -> Jdbc.update(c, SAVE, card.incident().value(),
        card.place(), card.channel(), card.ts(), card.renderedHash(), card.reposts(), card.updatedAt()));
  }
}
