package dev.candor.incident;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Where each incident's living card is (the message kept current as the incident changes), and what it last showed:
 * one per incident in its channel, and one copy where every incident is announced.
 */
public interface IncidentCards {

  /** Which of an incident's cards. */
  enum Place {
    /** The card in the incident channel: pinned and bookmarked. */
    CHANNEL,
    /** Its copy where every incident is announced. */
    COPY
  }

  /**
   * One card: {@code channel} and {@code ts} name the message, {@code renderedHash} what it last showed, {@code
   * reposts} how often it was posted again after it was deleted.
   */
  record Card(IncidentId incident, Place place, String channel, String ts, String renderedHash, int reposts,
      Instant updatedAt) {
    public Card {
      Objects.requireNonNull(incident, "incident");
      Objects.requireNonNull(place, "place");
      Objects.requireNonNull(channel, "channel");
      Objects.requireNonNull(ts, "ts");
      Objects.requireNonNull(renderedHash, "renderedHash");
    }
  }

  Optional<Card> find(IncidentId incident, Place place);

  /** Stores {@code card}, replacing what was kept for its incident and place. */
  void save(Card card);
}
