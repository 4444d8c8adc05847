package dev.candor.followup;

import dev.candor.incident.IncidentId;
import dev.candor.incident.IncidentRepository;
import java.util.Optional;

/**
 * Who facilitates an incident's learning: the person asked about follow-up levels and sent the weekly
 * digest of the incident's open follow-ups. Post-mortems name a facilitator; until one is named (or
 * where there is no post-mortem), the incident's commander stands in.
 */
@FunctionalInterface
public interface Facilitators {

  Optional<String> of(IncidentId incident);

  /** The incident's commander. */
  static Facilitators commanders(IncidentRepository incidents) {
    return id -> incidents.byId(id).map(i -> i.roles().commander()).filter(u -> !u.isBlank());
  }

  /** The facilitator {@code named} gives, or else {@code fallback}'s. */
  static Facilitators firstOf(Facilitators named, Facilitators fallback) {
    return id -> named.of(id).or(() -> fallback.of(id));
  }
}
