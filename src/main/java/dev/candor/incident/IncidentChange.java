package dev.candor.incident;

import java.time.Instant;
import java.util.Objects;

/**
 * One change to an incident: what, by whom and when. {@code value} is the new value in machine form
 * (a state, a severity, {@code role=user}); {@code text} is what the person wrote, possibly empty.
 */
public record IncidentChange(
    IncidentId incidentId, Kind kind, String actor, Instant at, String value, String text) {

  public IncidentChange {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(actor, "actor");
    Objects.requireNonNull(at, "at");
    value = value == null ? "" : value;
    text = text == null ? "" : text;
  }

  public enum Kind {
    DECLARED,
    STATUS,
    MITIGATED,
    SEVERITY,
    ROLE,
    TITLE,
    SUMMARY,
    RESOLVED,
    REOPENED,
    CANCELLED,
    KEY_EVENT,
    NOTE,
    /** A step of the post-mortem ceremony: its value says which ({@link PostmortemStep}). */
    POSTMORTEM,
    CLOSED,
    /** The channel was made private: nothing more of the incident leaves it. */
    MADE_PRIVATE
  }
}
