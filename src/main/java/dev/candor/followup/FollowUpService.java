package dev.candor.followup;

import dev.candor.incident.IncidentId;
import dev.candor.jobs.JobStore;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

/**
 * Follow-ups and their reminders: the owner hears on assignment, before the due date, on it, and weekly
 * while it is overdue. Every message is a durable job, so a restart neither loses nor repeats one.
 */
public final class FollowUpService {
  /** Job kinds this service schedules; the Slack side handles them. */
  public static final String ASSIGNED = "followup.assigned";
  public static final String REMIND = "followup.remind";

  private final FollowUpRepository repository;
  private final JobStore jobs;
  private final ReminderPlan plan;
  private final Clock clock;

  public FollowUpService(FollowUpRepository repository, JobStore jobs, ReminderPlan plan, Clock clock) {
    this.repository = repository;
    this.jobs = jobs;
    this.plan = plan;
    this.clock = clock;
  }

  /** What a new follow-up is made of. */
  public record NewFollowUp(IncidentId incident, String title, String owner, ZoneId ownerZone, LocalDate due,
      Level level, String createdBy) {}

  public FollowUp create(NewFollowUp n) {
    Instant now = clock.instant();
    FollowUp saved = repository.insert(new FollowUp(0, n.incident(), n.title(), n.owner(), n.ownerZone(), n.due(),
        n.level(), FollowUp.Status.OPEN, null, n.createdBy(), now));
    jobs.schedule(ASSIGNED, key(saved.id(), "assigned"), Long.toString(saved.id()), now);
    scheduleNext(saved, now);
    return saved;
  }

  public Instant now() {
    return clock.instant();
  }

  /** Today in the owner's time zone. */
  public LocalDate today(ZoneId zone) {
    return LocalDate.ofInstant(clock.instant(), zone);
  }

  public Optional<FollowUp> byId(long id) {
    return repository.byId(id);
  }

  public List<FollowUp> forIncident(IncidentId incident) {
    return repository.forIncident(incident);
  }

  /** A person's open follow-ups, overdue first. */
  public List<FollowUp> openFor(String owner) {
    return repository.openFor(owner);
  }

  /** Marks it done; its pending reminders go. Empty when it was not open. */
  public Optional<FollowUp> done(long id) {
    if (!repository.close(id, FollowUp.Status.DONE, null)) {
      return Optional.empty();
    }
    jobs.cancelPrefix(key(id, ""));
    return repository.byId(id);
  }

  /** Drops it, for {@code reason}; its pending reminders go. Empty when it was not open. */
  public Optional<FollowUp> drop(long id, String reason) {
    if (!repository.close(id, FollowUp.Status.DROPPED, reason)) {
      return Optional.empty();
    }
    jobs.cancelPrefix(key(id, ""));
    return repository.byId(id);
  }

  /** Moves the next reminder a week out (not the due date). Empty when it was not open. */
  public Optional<Instant> snooze(long id) {
    Optional<FollowUp> f = repository.byId(id).filter(FollowUp::isOpen);
    if (f.isEmpty()) {
      return Optional.empty();
    }
    Instant next = ReminderPlan.aWeekFrom(clock.instant(), f.get().ownerZone());
    jobs.schedule(REMIND, key(id, "remind"), Long.toString(id), next);
    return Optional.of(next);
  }

  /** After a reminder went out at {@code firedAt}: schedules the one after it (weekly while overdue). */
  public void reminded(FollowUp f, Instant firedAt) {
    if (!f.isOpen()) {
      return;
    }
    String key = key(f.id(), "remind");
    // a snooze clicked while this reminder was going out already chose the next one: keep it
    boolean snoozed = jobs.find(key).filter(e -> e.status() == dev.candor.jobs.Job.Status.PENDING)
        .filter(e -> e.runAt().isAfter(firedAt)).isPresent();
    if (!snoozed) {
      Instant after = firedAt.isAfter(clock.instant()) ? firedAt : clock.instant();
      jobs.schedule(REMIND, key, Long.toString(f.id()), plan.next(f.due(), f.ownerZone(), after));
    }
  }

  private void scheduleNext(FollowUp f, Instant after) {
    jobs.schedule(REMIND, key(f.id(), "remind"), Long.toString(f.id()), plan.next(f.due(), f.ownerZone(), after));
  }

  static String key(long id, String what) {
    return "followup:" + id + ":" + what;
  }
}
