package dev.candor.followup;

import dev.candor.incident.IncidentId;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Objects;

/** Something to do after an incident: who, by when, at which level, and where it stands. */
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
    Instant createdAt) {

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

  /** Days past due on {@code today} in the owner's zone (0 or less when not overdue). */
  public long daysOverdue(LocalDate today) {
    return java.time.temporal.ChronoUnit.DAYS.between(due, today);
  }
}
