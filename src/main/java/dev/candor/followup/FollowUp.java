package dev.candor.followup;

import dev.candor.incident.IncidentId;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * Something to do after an incident: who, by when, at which level, and where it stands. {@code version}
 * grows with every change, so a form opened on an older version changes nothing.
 */
public record FollowUp(
    long id,
    IncidentId incidentId,
    String title,
    String owner,
    ZoneId ownerZone,
    LocalDate due,
    Level level,
    Status status,
    String dropReason,
    String createdBy,
    Instant createdAt,
    long version) {

  public enum Status {
    OPEN,
    DONE,
    DROPPED
  }

  public FollowUp {
    Objects.requireNonNull(incidentId, "incidentId");
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(owner, "owner");
    Objects.requireNonNull(ownerZone, "ownerZone");
    Objects.requireNonNull(due, "due");
    Objects.requireNonNull(level, "level");
    Objects.requireNonNull(status, "status");
  }

  public boolean isOpen() {
    return status == Status.OPEN;
  }

  /** This follow-up with another title, due date and level (the same version until stored). */
  public FollowUp withDetails(String newTitle, LocalDate newDue, Level newLevel) {
    return new FollowUp(id, incidentId, newTitle, owner, ownerZone, newDue, newLevel, status, dropReason, createdBy,
        createdAt, version);
  }

  /** This follow-up with another owner, whose time zone its reminders follow. */
  public FollowUp withOwner(String newOwner, ZoneId newZone) {
    return new FollowUp(id, incidentId, title, newOwner, newZone, due, level, status, dropReason, createdBy, createdAt,
        version);
  }

  /** Days past due on {@code today} in the owner's zone (0 or less when not overdue). */
  public long daysOverdue(LocalDate today) {
    return ChronoUnit.DAYS.between(due, today);
  }
}
