package dev.candor.insights;

import dev.candor.followup.FollowUp;
import dev.candor.followup.Level;
import dev.candor.incident.IncidentState;
import dev.candor.incident.Severity;
import dev.candor.postmortem.Decision;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Whether a team is learning, in figures over a {@link Period}: incidents per week by severity, how long they took
 * to mitigate and resolve, what became of their post-mortems, their follow-ups by level, how many had only
 * software-level follow-ups, and private nudges per 100 messages. Counts and durations only: never a person.
 * Cancelled incidents (they turned out not to be incidents) are counted apart and left out of every figure.
 */
public record Insights(Period period, Instant now, int incidents, int cancelled, List<WeekCount> perWeek,
    Map<Severity, Spread> toMitigate, Map<Severity, Spread> toResolve, Postmortems postmortems,
    List<FollowUpMonth> followUps, int droppedFollowUps, List<SoftwareShare> softwareOnly, SoftwareShare softwareTotal,
    List<NudgeWeek> nudges) {

  /** Incidents declared in the week starting {@code monday}, by severity. */
  public record WeekCount(LocalDate monday, Map<Severity, Integer> bySeverity) {
    public int total() {
      return bySeverity.values().stream().mapToInt(Integer::intValue).sum();
    }
  }

  /** What became of the post-mortems of the incidents that were resolved; reasons with how often each was given. */
  public record Postmortems(int held, int upcoming, int notNeeded, int skipped, int undecided, int stillOpen,
      Map<String, Integer> reasons) {}

  /** Follow-ups added in {@code month} at {@code level}: done, open (not yet due) and overdue, as they stand now. */
  public record FollowUpMonth(YearMonth month, Level level, int done, int open, int overdue) {
    public int total() {
      return done + open + overdue;
    }
  }

  /** Of the incidents ({@code label}) that have follow-ups, how many have only software-level ones. */
  public record SoftwareShare(String label, int withFollowUps, int softwareOnly) {
    /** The share in whole percent, or empty when no incident had a follow-up. */
    public Optional<Integer> percent() {
      return withFollowUps == 0 ? Optional.empty()
          : Optional.of((int) Math.round(100.0 * softwareOnly / withFollowUps));
    }
  }

  /**
   * Messages written and private nudges shown in the week starting {@code monday} (by UTC date), in the channels of
   * the incidents the period counts.
   */
  public record NudgeWeek(LocalDate monday, long messages, long nudges) {
    /** Nudges per 100 messages, or empty when there was no message. */
    public Optional<Double> per100() {
      return messages == 0 ? Optional.empty() : Optional.of(100.0 * nudges / messages);
    }
  }

  /** The figures of the incidents among {@code facts} declared in {@code period}, as they stand at {@code now}. */
  public static Insights of(List<IncidentFacts> facts, Period period, Instant now) {
    LocalDate today = period.dateOf(now);
    Map<LocalDate, Map<Severity, Integer>> weeks = new LinkedHashMap<>();
    Map<LocalDate, long[]> nudgeWeeks = new LinkedHashMap<>();
    for (LocalDate w : period.weeks()) {
      weeks.put(w, zeroes());
      nudgeWeeks.put(w, new long[2]);
    }
    Map<Severity, List<Duration>> mitigate = new EnumMap<>(Severity.class);
    Map<Severity, List<Duration>> resolve = new EnumMap<>(Severity.class);
    int[] pm = new int[6];
    Map<String, Integer> reasons = new TreeMap<>();
    Map<YearMonth, Map<Level, int[]>> followUps = new TreeMap<>();
    period.months().forEach(m -> followUps.put(m, levels()));
    Map<YearMonth, int[]> software = new TreeMap<>();
    period.months().forEach(m -> software.put(m, new int[2]));
    int incidents = 0;
    int cancelled = 0;
    int dropped = 0;
    for (IncidentFacts f : facts) {
      LocalDate declared = period.dateOf(f.declared());
      if (declared.isBefore(period.from()) || declared.isAfter(period.to())) {
        continue;
      }
      if (f.state() == IncidentState.CANCELLED) {
        cancelled++;
        continue;
      }
      incidents++;
      LocalDate week = Period.weekOf(declared);
      weeks.get(week).merge(f.severity(), 1, Integer::sum);
      for (IncidentFacts.ChatDay day : f.chat()) {
        // the week it was said in (a UTC date's week), not the incident's; a day outside the period is left out
        long[] chat = day.day().isBefore(period.from()) || day.day().isAfter(period.to()) ? null
            : nudgeWeeks.get(Period.weekOf(day.day()));
        if (chat != null) {
          chat[0] += day.messages();
          chat[1] += day.nudges();
        }
      }
      if (f.mitigated() != null) {
        mitigate.computeIfAbsent(f.severity(), s -> new ArrayList<>()).add(took(f.started(), f.mitigated()));
      }
      if (f.resolved() != null && !f.state().isOpen()) {
        resolve.computeIfAbsent(f.severity(), s -> new ArrayList<>()).add(took(f.started(), f.resolved()));
      }
      int fate = fate(f, now);
      pm[fate]++;
      if (fate == NOT_NEEDED) {
        reasons.merge(Anonymous.words(f.notNeededReason()), 1, Integer::sum);
      }
      boolean any = false;
      boolean allSoftware = true;
      for (IncidentFacts.FollowUpFacts u : f.followUps()) {
        if (u.status() == FollowUp.Status.DROPPED) {
          dropped++;
          continue;
        }
        any = true;
        allSoftware &= u.level() == Level.SOFTWARE;
        Map<Level, int[]> month = followUps.computeIfAbsent(YearMonth.from(period.dateOf(u.created())),
            m -> levels());
        int[] counts = month.get(u.level());
        counts[u.status() == FollowUp.Status.DONE ? 0 : u.due().isBefore(today) ? 2 : 1]++;
      }
      if (any) {
        int[] share = software.get(YearMonth.from(declared));
        share[0]++;
        share[1] += allSoftware ? 1 : 0;
      }
    }
    return new Insights(period, now, incidents, cancelled, weekCounts(weeks), spreads(mitigate), spreads(resolve),
        new Postmortems(pm[HELD], pm[UPCOMING], pm[NOT_NEEDED], pm[SKIPPED], pm[UNDECIDED], pm[STILL_OPEN],
            Collections.unmodifiableMap(reasons)),
        followUpMonths(followUps), dropped, shares(software), total(software), nudgeWeeks(nudgeWeeks));
  }

  private static final int HELD = 0;
  private static final int UPCOMING = 1;
  private static final int NOT_NEEDED = 2;
  private static final int SKIPPED = 3;
  private static final int UNDECIDED = 4;
  private static final int STILL_OPEN = 5;

  /**
   * What became of an incident's post-mortem: held (its meeting has begun), upcoming, not needed, skipped (closed
   * with none held or decided against), undecided (resolved, nobody decided yet), or not yet due (still open).
   */
  private static int fate(IncidentFacts f, Instant now) {
    if (f.state().isOpen()) {
      return STILL_OPEN;
    }
    if (f.decision() == Decision.NOT_NEEDED) {
      return NOT_NEEDED;
    }
    if (f.decision() == Decision.SCHEDULED && f.meetingStart() != null) {
      return f.meetingStart().isAfter(now) ? UPCOMING : HELD;
    }
    return f.state() == IncidentState.CLOSED ? SKIPPED : UNDECIDED;
  }

  private static Duration took(Instant from, Instant to) {
    Duration d = Duration.between(from, to);
    return d.isNegative() ? Duration.ZERO : d;
  }

  private static Map<Severity, Integer> zeroes() {
    Map<Severity, Integer> m = new EnumMap<>(Severity.class);
    for (Severity s : Severity.values()) {
      m.put(s, 0);
    }
    return m;
  }

  private static Map<Level, int[]> levels() {
    Map<Level, int[]> m = new EnumMap<>(Level.class);
    for (Level l : Level.values()) {
      m.put(l, new int[3]);
    }
    return m;
  }

  private static List<WeekCount> weekCounts(Map<LocalDate, Map<Severity, Integer>> weeks) {
    List<WeekCount> out = new ArrayList<>();
    weeks.forEach((w, counts) -> out.add(new WeekCount(w, Collections.unmodifiableMap(counts))));
    return List.copyOf(out);
  }

  private static Map<Severity, Spread> spreads(Map<Severity, List<Duration>> durations) {
    Map<Severity, Spread> out = new EnumMap<>(Severity.class);
    durations.forEach((s, list) -> Spread.of(list).ifPresent(spread -> out.put(s, spread)));
    return Collections.unmodifiableMap(out);
  }

  private static List<FollowUpMonth> followUpMonths(Map<YearMonth, Map<Level, int[]>> months) {
    List<FollowUpMonth> out = new ArrayList<>();
    months.forEach((m, byLevel) -> byLevel.forEach((l, c) -> out.add(new FollowUpMonth(m, l, c[0], c[1], c[2]))));
    return List.copyOf(out);
  }

  private static List<SoftwareShare> shares(Map<YearMonth, int[]> months) {
    List<SoftwareShare> out = new ArrayList<>();
    months.forEach((m, c) -> out.add(new SoftwareShare(m.toString(), c[0], c[1])));
    return List.copyOf(out);
  }

  private static SoftwareShare total(Map<YearMonth, int[]> months) {
    int with = 0;
    int only = 0;
    for (int[] c : months.values()) {
      with += c[0];
      only += c[1];
    }
    return new SoftwareShare("all", with, only);
  }

  private static List<NudgeWeek> nudgeWeeks(Map<LocalDate, long[]> weeks) {
    List<NudgeWeek> out = new ArrayList<>();
    weeks.forEach((w, c) -> out.add(new NudgeWeek(w, c[0], c[1])));
    return List.copyOf(out);
  }

  /** Whether there is nothing to show: no incident (cancelled ones aside) in the period. */
  public boolean empty() {
    return incidents == 0;
  }

  /** Follow-ups in the period, not dropped, by state: done, open, overdue. */
  public int[] followUpTotals() {
    int[] t = new int[3];
    for (FollowUpMonth m : followUps) {
      t[0] += m.done();
      t[1] += m.open();
      t[2] += m.overdue();
    }
    return t;
  }

  /** Messages and nudges over the whole period. */
  public NudgeWeek nudgeTotal() {
    long messages = 0;
    long nudged = 0;
    for (NudgeWeek w : nudges) {
      messages += w.messages();
      nudged += w.nudges();
    }
    return new NudgeWeek(period.from(), messages, nudged);
  }
}
