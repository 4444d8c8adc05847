package dev.candor.followup;

import dev.candor.incident.Incident;
import dev.candor.incident.IncidentId;
import dev.candor.incident.IncidentRepository;
import dev.candor.jobs.Job;
import dev.candor.jobs.JobStore;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The weekly digest: on Monday at 09:00 in their own time zone, each facilitator gets a DM listing the
 * open follow-ups of their incidents, overdue first. Nobody gets an empty one.
 *
 * <p>Two kinds of durable job do it. A sweep per ISO week ({@code digests:2026-W49}) runs once Monday
 * 09:00 has come somewhere on Earth (Sunday 19:00 UTC); it finds who facilitates an incident with open
 * follow-ups and schedules each one's digest ({@code digest:<user>:2026-W49}) at Monday 09:00 in their
 * zone, then schedules the next week's sweep. A digest's key names its week, so it is sent once per week
 * whatever restarts happen, and a run that died after sending finds its message in the DM (job metadata).
 * A digest that could only go out after its week ended (Candor was down) is skipped.
 */
public final class WeeklyDigest {
  public static final String SWEEP = "followup.digests";
  public static final String SEND = "followup.digest";
  static final LocalTime AT = LocalTime.of(9, 0);
  /** The first place where Monday 09:00 comes (UTC+14). */
  static final ZoneOffset EARLIEST = ZoneOffset.ofHours(14);

  private final FollowUpRepository followUps;
  private final IncidentRepository incidents;
  private final Facilitators facilitators;
  private final Zones zones;
  private final JobStore jobs;
  private final Clock clock;

  public WeeklyDigest(FollowUpRepository followUps, IncidentRepository incidents, Facilitators facilitators,
      Zones zones, JobStore jobs, Clock clock) {
    this.followUps = followUps;
    this.incidents = incidents;
    this.facilitators = facilitators;
    this.zones = zones;
    this.jobs = jobs;
    this.clock = clock;
  }

  /** One line of a digest: a follow-up and its incident. */
  public record Item(FollowUp followUp, Incident incident) {}

  /** A digest to send: to whom, as of when, and the open follow-ups, soonest due (so overdue) first. */
  public record Digest(String recipient, Instant at, List<Item> items) {
    /** Days {@code item} is overdue, in its owner's time zone (0 or less when it is not). */
    public long daysOverdue(Item item) {
      return item.followUp().daysOverdue(LocalDate.ofInstant(at, item.followUp().ownerZone()));
    }

    public long overdue() {
      return items.stream().filter(i -> daysOverdue(i) > 0).count();
    }
  }

  /** At start: makes sure a sweep is coming (the next Monday's, when none is). */
  public void start() {
    boolean coming = jobs.list("digests:").stream()
        .anyMatch(e -> e.status() == Job.Status.PENDING || e.status() == Job.Status.CLAIMED);
    if (!coming) {
      scheduleSweep(nextMonday(LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC)));
    }
  }

  /** The sweep: each facilitator's digest for the sweep's week, then the next week's sweep. */
  public void sweep(Job job) {
    LocalDate monday = LocalDate.parse(job.payload());
    for (String recipient : recipients()) {
      String key = digestKey(recipient, monday);
      boolean handled = jobs.find(key).filter(e -> e.status() == Job.Status.DONE
          || e.status() == Job.Status.CLAIMED).isPresent();
      if (!handled) {
        ZoneId zone = zones.of(recipient);
        Instant at = ZonedDateTime.of(monday, AT, zone).toInstant();
        jobs.schedule(SEND, key, recipient + " " + monday + " " + zone.getId(),
            at.isAfter(clock.instant()) ? at : clock.instant());
      }
    }
    next(job);
  }

  /** After a sweep (or a sweep that failed for good): the next week's, or the coming Monday's after a long outage. */
  public void next(Job sweep) {
    LocalDate following = LocalDate.parse(sweep.payload()).plusWeeks(1);
    LocalDate coming = nextMonday(LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).minusDays(1));
    scheduleSweep(following.isBefore(coming) ? coming : following);
  }

  /** When a digest job runs: what to send now, or empty (nothing open, or its week is over for the recipient). */
  public Optional<Digest> due(Job job) {
    String[] p = job.payload().split(" ");
    String recipient = p[0];
    LocalDate monday = LocalDate.parse(p[1]);
    LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneId.of(p[2]));
    if (today.isAfter(monday.plusDays(6))) {
      return Optional.empty();
    }
    List<Item> items = openOf(recipient);
    return items.isEmpty() ? Optional.empty() : Optional.of(new Digest(recipient, clock.instant(), items));
  }

  /** The open follow-ups of the incidents {@code recipient} facilitates, soonest due first. */
  List<Item> openOf(String recipient) {
    Map<IncidentId, Optional<String>> whose = new HashMap<>();
    Map<IncidentId, Optional<Incident>> incident = new HashMap<>();
    List<Item> out = new ArrayList<>();
    for (FollowUp f : followUps.open()) {
      if (whose.computeIfAbsent(f.incidentId(), facilitators::of).filter(recipient::equals).isPresent()) {
        incident.computeIfAbsent(f.incidentId(), incidents::byId).ifPresent(i -> out.add(new Item(f, i)));
      }
    }
    out.sort(Comparator.comparing((Item i) -> i.followUp().due()).thenComparing(i -> i.followUp().id()));
    return out;
  }

  /** Everyone who facilitates an incident with an open follow-up. */
  Set<String> recipients() {
    Set<IncidentId> withOpen = new LinkedHashSet<>();
    followUps.open().forEach(f -> withOpen.add(f.incidentId()));
    Set<String> out = new LinkedHashSet<>();
    withOpen.forEach(id -> facilitators.of(id).ifPresent(out::add));
    return out;
  }

  private void scheduleSweep(LocalDate monday) {
    Instant at = ZonedDateTime.of(monday, AT, EARLIEST).toInstant();
    jobs.schedule(SWEEP, "digests:" + week(monday), monday.toString(), at);
  }

  /** The Monday after {@code day}. */
  static LocalDate nextMonday(LocalDate day) {
    return day.with(TemporalAdjusters.next(DayOfWeek.MONDAY));
  }

  /** {@code 2026-W49}: the ISO week of {@code day}. */
  public static String week(LocalDate day) {
    return String.format("%d-W%02d", day.get(IsoFields.WEEK_BASED_YEAR), day.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
  }

  public static String digestKey(String recipient, LocalDate monday) {
    return "digest:" + recipient + ":" + week(monday);
  }
}
