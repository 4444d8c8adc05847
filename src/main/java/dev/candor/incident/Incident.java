package dev.candor.incident;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * An incident as it stands now. Immutable: every change makes a new value, and the change itself is
 * kept as an {@link IncidentChange}.
 */
public record Incident(
    IncidentId id,
    String channelId,
    String channelName,
    String title,
    String summary,
    Severity severity,
    IncidentState state,
    Roles roles,
    boolean privateChannel,
    String declaredBy,
    String originChannelId,
    Times times,
    long version) {

  public Incident {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(channelId, "channelId");
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(summary, "summary");
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(roles, "roles");
    Objects.requireNonNull(times, "times");
  }

  /** Who holds each role; empty strings never, absent roles are null. */
  public record Roles(String commander, String comms, String scribe) {
    public Optional<String> holder(Role role) {
      return Optional.ofNullable(
          switch (role) {
            case COMMANDER -> commander;
            case COMMS -> comms;
            case SCRIBE -> scribe;
          });
    }

    public Roles with(Role role, String user) {
      return switch (role) {
        case COMMANDER -> new Roles(user, comms, scribe);
        case COMMS -> new Roles(commander, user, scribe);
        case SCRIBE -> new Roles(commander, comms, user);
      };
    }
  }

  /** The moments of an incident. Only started and declared are always set. */
  public record Times(
      Instant started,
      Instant declared,
      Instant mitigated,
      Instant resolved,
      Instant closed,
      Instant lastUpdate) {
    public Times {
      Objects.requireNonNull(started, "started");
      Objects.requireNonNull(declared, "declared");
      Objects.requireNonNull(lastUpdate, "lastUpdate");
    }
  }

  public boolean isOpen() {
    return state.isOpen();
  }

  /** How long from start to resolution, or to {@code now} while it is still open. */
  public Duration duration(Instant now) {
    Instant end = times.resolved() != null ? times.resolved() : now;
    return Duration.between(times.started(), end);
  }

  Incident withTitle(String newTitle) {
    return new Incident(id, channelId, channelName, newTitle, summary, severity, state, roles,
        privateChannel, declaredBy, originChannelId, times, version);
  }

  Incident withSummary(String newSummary) {
    return new Incident(id, channelId, channelName, title, newSummary, severity, state, roles,
        privateChannel, declaredBy, originChannelId, times, version);
  }

  Incident withSeverity(Severity newSeverity) {
    return new Incident(id, channelId, channelName, title, summary, newSeverity, state, roles,
        privateChannel, declaredBy, originChannelId, times, version);
  }

  Incident withState(IncidentState newState) {
    return new Incident(id, channelId, channelName, title, summary, severity, newState, roles,
        privateChannel, declaredBy, originChannelId, times, version);
  }

  Incident withRoles(Roles newRoles) {
    return new Incident(id, channelId, channelName, title, summary, severity, state, newRoles,
        privateChannel, declaredBy, originChannelId, times, version);
  }

  Incident madePrivate() {
    return new Incident(id, channelId, channelName, title, summary, severity, state, roles,
        true, declaredBy, originChannelId, times, version);
  }

  Incident withTimes(Times newTimes) {
    return new Incident(id, channelId, channelName, title, summary, severity, state, roles,
        privateChannel, declaredBy, originChannelId, newTimes, version);
  }
}
