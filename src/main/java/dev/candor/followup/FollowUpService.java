package dev.candor.followup;

import dev.candor.incident.IncidentId;
import dev.candor.incident.SecretMask;
import dev.candor.jobs.Job;
import dev.candor.jobs.JobStore;
import dev.candor.jobs.UnitOfWork;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Follow-ups and their reminders: the owner hears on assignment, before the due date, on it, and weekly
 * while it is overdue. Every message is a durable job, so a restart neither loses nor repeats one. Each
 * change is one unit of work: the follow-up, the jobs it schedules or cancels and its entry in the
 * incident's record are stored together or not at all.
 */
public final class FollowUpService {
  /** Job kinds this service schedules; the Slack side handles them. */
  public static final String ASSIGNED = "followup.assigned";
  public static final String REASSIGNED = "followup.reassigned";
  public static final String REMIND = "followup.remind";

  private final FollowUpRepository repository;
  private final JobStore jobs;
  private final ReminderPlan plan;
  private final Clock clock;
  private final UnitOfWork work;
  private final FollowUpJournal journal;
  private final LevelsQuestion levels;
  private final SecretMask mask;

  /** {@code mask} takes secrets out of a title or a reason before anything keeps or sends it. */
  public FollowUpService(FollowUpRepository repository, JobStore jobs, ReminderPlan plan, Clock clock, UnitOfWork work,
      FollowUpJournal journal, LevelsQuestion levels, SecretMask mask) {
    this.repository = Objects.requireNonNull(repository, "repository");
    this.jobs = Objects.requireNonNull(jobs, "jobs");
    this.plan = Objects.requireNonNull(plan, "plan");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.work = Objects.requireNonNull(work, "work");
    this.journal = Objects.requireNonNull(journal, "journal");
    this.levels = Objects.requireNonNull(levels, "levels");
    this.mask = Objects.requireNonNull(mask, "mask");
  }

  /** What a new follow-up is made of. */
  public record NewFollowUp(IncidentId incident, String title, String owner, ZoneId ownerZone, LocalDate due,
      Level level, String createdBy) {}

  /** What asking for a change came to. */
  public sealed interface Outcome {}

  /** Changed from {@code before} to {@code after}. */
  public record Changed(FollowUp before, FollowUp after) implements Outcome {}

  /** Nothing to change: it already is as asked. */
  public record Unchanged(FollowUp current) implements Outcome {}

  /** It is done or dropped. */
  public record NotOpen(FollowUp current) implements Outcome {}

  /** It changed since the form was opened on an older version; {@code current} is how it is now. */
  public record Stale(FollowUp current) implements Outcome {}

  /** There is no such follow-up. */
  public record Missing() implements Outcome {}

  /** Adds it, schedules the owner's DM now and the first reminder, and records it: all in one unit of work. */
  public FollowUp create(NewFollowUp n) {
    return work.run(() -> {
      Instant now = clock.instant();
      FollowUp saved = repository.insert(new FollowUp(0, n.incident(), mask.text(n.title()), n.owner(), n.ownerZone(), n.due(),
          n.level(), FollowUp.Status.OPEN, null, n.createdBy(), now, 1));
      jobs.schedule(ASSIGNED, key(saved.id(), "assigned"), Long.toString(saved.id()), now);
      scheduleNext(saved, now);
      journal.record(new FollowUpChange(FollowUpChange.Kind.ADDED, null, saved, n.createdBy(), now));
      levels.consider(saved.incidentId());
      return saved;
    });
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

  /**
   * Changes the title, due date and level of version {@code version}. A new due date replaces the pending
   * reminder (a snooze included) with the plan's next one for that date.
   */
  public Outcome edit(long id, long version, String actor, String title, LocalDate due, Level level) {
    return work.run(() -> change(id, version, f -> f.withDetails(mask.text(title), due, level), (before, after, now) -> {
      if (!after.due().equals(before.due())) {
        scheduleNext(after, now);
      }
      journal.record(new FollowUpChange(FollowUpChange.Kind.EDITED, before, after, actor, now));
      if (after.level() != before.level()) {
        levels.consider(after.incidentId());
      }
    }));
  }

  /**
   * Hands version {@code version} to {@code owner}: the new owner gets a DM now, and the pending reminder is
   * replaced by the next one at 09:00 in their time zone. The due date stays.
   */
  public Outcome reassign(long id, long version, String actor, String owner, ZoneId ownerZone) {
    return work.run(() -> change(id, version, f -> f.withOwner(owner, ownerZone), (before, after, now) -> {
      jobs.schedule(REASSIGNED, key(id, "assigned"), id + " " + actor, now);
      scheduleNext(after, now);
      journal.record(new FollowUpChange(FollowUpChange.Kind.REASSIGNED, before, after, actor, now));
    }));
  }

  private interface Then {
    void run(FollowUp before, FollowUp after, Instant now);
  }

  private Outcome change(long id, long version, UnaryOperator<FollowUp> how, Then then) {
    Optional<FollowUp> current = repository.byId(id);
    if (current.isEmpty()) {
      return new Missing();
    }
    FollowUp before = current.get();
    if (!before.isOpen()) {
      return new NotOpen(before);
    }
    if (before.version() != version) {
      return new Stale(before);
    }
    FollowUp wanted = how.apply(before);
    if (wanted.equals(before)) {
      return new Unchanged(before);
    }
    if (!repository.update(before, wanted)) {
      return new Stale(repository.byId(id).orElse(before));
    }
    FollowUp after = repository.byId(id).orElseThrow();
    then.run(before, after, clock.instant());
    return new Changed(before, after);
  }

  /** Marks it done; its pending reminders go. Empty when it was not open. */
  public Optional<FollowUp> done(long id, String actor) {
    return close(id, FollowUp.Status.DONE, null, FollowUpChange.Kind.DONE, actor);
  }

  /** Drops it, for {@code reason}; its pending reminders go. Empty when it was not open. */
  public Optional<FollowUp> drop(long id, String actor, String reason) {
    return close(id, FollowUp.Status.DROPPED, reason == null ? null : mask.text(reason), FollowUpChange.Kind.DROPPED,
        actor);
  }

  private Optional<FollowUp> close(long id, FollowUp.Status status, String reason, FollowUpChange.Kind kind,
      String actor) {
    return work.run(() -> {
      Optional<FollowUp> before = repository.byId(id);
      if (before.isEmpty() || !repository.close(id, status, reason)) {
        return Optional.empty();
      }
      jobs.cancelPrefix(key(id, ""));
      FollowUp after = repository.byId(id).orElseThrow();
      journal.record(new FollowUpChange(kind, before.get(), after, actor, clock.instant()));
      levels.consider(after.incidentId());
      return Optional.of(after);
    });
  }

  /**
   * Opens a done or dropped follow-up again ({@code actor} reopened its issue in the tracker): its reminders start
   * again from the plan. Empty when it was open already.
   */
  public Optional<FollowUp> reopen(long id, String actor) {
    return work.run(() -> {
      Optional<FollowUp> before = repository.byId(id);
      if (before.isEmpty() || !repository.reopen(id)) {
        return Optional.empty();
      }
      FollowUp after = repository.byId(id).orElseThrow();
      Instant now = clock.instant();
      scheduleNext(after, now);
      journal.record(new FollowUpChange(FollowUpChange.Kind.REOPENED, before.get(), after, actor, now));
      levels.consider(after.incidentId());
      return Optional.of(after);
    });
  }

  /** The payload of a reminder a snooze moved: the follow-up's id, then this word. */
  static final String SNOOZED = "snoozed";

  /**
   * Moves the next reminder a week out (not the due date) — never sooner than the one already pending, so a
   * snooze cannot bring a reminder forward. Returns when it comes; empty when the follow-up was not open.
   */
  public Optional<Instant> snooze(long id) {
    Optional<FollowUp> f = repository.byId(id).filter(FollowUp::isOpen);
    if (f.isEmpty()) {
      return Optional.empty();
    }
    String key = key(id, "remind");
    Instant aWeek = ReminderPlan.aWeekFrom(clock.instant(), f.get().ownerZone());
    // looking and scheduling in one unit of work, as a reminder going out plans its next one (see reminded)
    return work.run(() -> {
      Optional<Instant> pending = jobs.find(key).filter(e -> e.status() == Job.Status.PENDING)
          .map(JobStore.Entry::runAt);
      if (pending.isPresent() && !pending.get().isBefore(aWeek)) {
        return pending;
      }
      jobs.schedule(REMIND, key, id + " " + SNOOZED, aWeek);
      return Optional.of(aWeek);
    });
  }

  /** The follow-up id of a reminder job's payload (see {@link #reminded(FollowUp, Instant, String)}). */
  public static long reminderOf(String payload) {
    return Long.parseLong(payload.split(" ", 2)[0]);
  }

  /** {@link #reminded(FollowUp, Instant, String)} after a reminder on the plan. */
  public void reminded(FollowUp f, Instant firedAt) {
    reminded(f, firedAt, Long.toString(f.id()));
  }

  /**
   * After a reminder (job payload {@code payload}) went out at {@code firedAt} — or failed for good: a failure
   * must not end the reminders — schedules the one after it (weekly while overdue). After a snoozed one the
   * plan goes on, but never sooner than a week after it.
   */
  public void reminded(FollowUp f, Instant firedAt, String payload) {
    if (!f.isOpen()) {
      return;
    }
    String key = key(f.id(), "remind");
    // a snooze clicked while this reminder was going out already chose the next one: keep it. Looking and
    // scheduling are one unit of work, so a snooze is either seen here or comes after, never overwritten.
    work.run(() -> {
      boolean snoozed = jobs.find(key).filter(e -> e.status() == Job.Status.PENDING)
          .filter(e -> e.runAt().isAfter(firedAt)).isPresent();
      if (!snoozed) {
        Instant after = firedAt.isAfter(clock.instant()) ? firedAt : clock.instant();
        Instant next = plan.next(f.due(), f.ownerZone(), after);
        String nextPayload = Long.toString(f.id());
        if (payload.endsWith(" " + SNOOZED)) {
          Instant aWeekLater = ReminderPlan.aWeekFrom(firedAt, f.ownerZone());
          if (next.isBefore(aWeekLater)) {
            next = aWeekLater; // and weekly from there, as the snooze set the rhythm
            nextPayload = f.id() + " " + SNOOZED;
          }
        }
        jobs.schedule(REMIND, key, nextPayload, next);
      }
      return null;
    });
  }

  private void scheduleNext(FollowUp f, Instant after) {
    jobs.schedule(REMIND, key(f.id(), "remind"), Long.toString(f.id()), plan.next(f.due(), f.ownerZone(), after));
  }

  static String key(long id, String what) {
    return "followup:" + id + ":" + what;
  }
}
