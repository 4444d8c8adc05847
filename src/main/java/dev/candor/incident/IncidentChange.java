package dev.candor.incident;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One change to an incident: what, by whom and when. {@code value} is the new value in machine form
 * (a state, a severity, {@code role=user}); {@code text} is what the person wrote, possibly empty, once
 * {@link #masked masked}. {@code secretMacs} are the HMACs of the secrets masking took out of it, which the
 * timeline keeps with the change's entry (the change log does not: they are empty in a change read back).
 */
public record IncidentChange(
    IncidentId incidentId, Kind kind, String actor, Instant at, String value, String text, List<String> secretMacs) {

  public IncidentChange(IncidentId incidentId, Kind kind, String actor, Instant at, String value, String text) {
    this(incidentId, kind, actor, at, value, text, List.of());
  }

  public IncidentChange {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(actor, "actor");
    Objects.requireNonNull(at, "at");
    value = value == null ? "" : value;
    text = text == null ? "" : text;
    secretMacs = secretMacs == null ? List.of() : List.copyOf(secretMacs);
  }

  /** This change with its words masked, keeping the HMACs of what was taken out. */
  public IncidentChange masked(SecretMask mask) {
    SecretMask.Masked m = mask.mask(text);
    if (m.secretMacs().isEmpty() && m.text().equals(text)) {
      return this;
    }
    List<String> macs = new ArrayList<>(secretMacs);
    macs.addAll(m.secretMacs());
    return new IncidentChange(incidentId, kind, actor, at, value, m.text(), macs);
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
