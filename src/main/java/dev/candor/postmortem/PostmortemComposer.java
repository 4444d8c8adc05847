package dev.candor.postmortem;

import dev.candor.followup.FollowUp;
import dev.candor.followup.Level;
import dev.candor.incident.Durations;
import dev.candor.incident.Incident;
import dev.candor.incident.Role;
import dev.candor.incident.SeverityScale;
import dev.candor.timeline.Timeline;
import dev.candor.trackers.TrackerIssue;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The post-mortem draft, built from the record: a header, a summary left for people to write, impact,
 * the timeline's phases and key events, contributing factors at five levels with questions, what went
 * well, where we got lucky, the follow-ups by level, and how many blameless-language nudges were sent
 * (a count, no names).
 *
 * <p>The draft is Markdown a channel canvas takes: headings {@code #} to {@code ###} only, no HTML, and
 * every word people wrote escaped ({@link MarkdownText}), so nothing in the record can format the
 * document or mention anyone; people appear only through {@link Names}. Pure and deterministic: the
 * same record gives the same bytes.
 */
public final class PostmortemComposer {
  private static final Comparator<FollowUp> BY_DUE =
      Comparator.comparing(FollowUp::due).thenComparingLong(FollowUp::id).thenComparing(FollowUp::title);

  private final Names names;
  private final SeverityScale scale;
  /** Where the draft sends readers for the events it leaves out, as Markdown; null for live Candor's places. */
  private final String wholeTimeline;
  /** In a replay, what Candor would have sent; null live, where the record's count is what it sent. */
  private final WouldHaveSent replayed;
  /** Each follow-up's issue in the tracker, by follow-up id: linked beside it. */
  private final Map<Long, TrackerIssue> issues;

  /**
   * What a replay's Candor would have sent privately, had it been in the channel: nudges toward blameless
   * language, and notes of support to people who blamed themselves (which are not nudges).
   */
  public record WouldHaveSent(long nudges, long supportNotes) {
    public WouldHaveSent {
      if (nudges < 0 || supportNotes < 0) {
        throw new IllegalArgumentException("counts: " + nudges + ", " + supportNotes);
      }
    }
  }

  /** The composer of live Candor: the whole timeline is in the channel and in {@code candor export}. */
  public PostmortemComposer(Names names) {
    this(names, null);
  }

  /** @param wholeTimeline where the whole timeline is, as Markdown (a replay's {@code timeline.md}, say) */
  public PostmortemComposer(Names names, String wholeTimeline) {
    this(names, wholeTimeline, null);
  }

  /**
   * A replay's composer: Candor was not in the channel, so the draft says what it would have sent
   * ({@code replayed}), nudges and support notes apart, instead of what it sent.
   */
  public PostmortemComposer(Names names, String wholeTimeline, WouldHaveSent replayed) {
    this(names, wholeTimeline, replayed, Map.of());
  }

  private PostmortemComposer(Names names, String wholeTimeline, WouldHaveSent replayed,
      Map<Long, TrackerIssue> issues) {
    this(names, wholeTimeline, replayed, issues, SeverityScale.defaults());
  }

  private PostmortemComposer(Names names, String wholeTimeline, WouldHaveSent replayed,
      Map<Long, TrackerIssue> issues, SeverityScale scale) {
    this.scale = Objects.requireNonNull(scale, "scale");
    this.names = Objects.requireNonNull(names, "names");
    this.wholeTimeline = wholeTimeline;
    this.replayed = replayed;
    this.issues = Map.copyOf(issues);
  }

  /** This composer, linking each follow-up that has one to its issue in the tracker ({@code issues}, by id). */
  public PostmortemComposer withIssues(Map<Long, TrackerIssue> issues) {
    return new PostmortemComposer(names, wholeTimeline, replayed, issues, scale);
  }

  /** This composer, naming the incident's severity as the team's {@code scale} does ({@code P1 (critical)}). */
  public PostmortemComposer withScale(SeverityScale scale) {
    return new PostmortemComposer(names, wholeTimeline, replayed, issues, scale);
  }

  /** The draft as Markdown with headings h1–h3 only. */
  public String compose(PostmortemRecord record) {
    ShownTimes times = new ShownTimes(record.zone());
    StringBuilder md = new StringBuilder(8192 + record.timeline().items().size() * 64);
    header(md, record, times);
    summary(md, record.incident());
    impact(md, record.incident(), times);
    timeline(md, record, times);
    factors(md);
    md.append("## What went well\n\n").append(italic(Prompts.WENT_WELL)).append("\n\n");
    md.append("## Where we got lucky\n\n").append(italic(Prompts.LUCKY)).append("\n\n");
    followUps(md, record.followUps());
    language(md, record.nudgesSent());
    return md.toString();
  }

  private void header(StringBuilder md, PostmortemRecord record, ShownTimes times) {
    Incident incident = record.incident();
    Incident.Times t = incident.times();
    md.append("# Post-mortem: ").append(incident.id()).append(' ').append(MarkdownText.escape(incident.title()))
        .append("\n\n");
    md.append("- **Incident:** ").append(incident.id()).append(", ")
        .append(MarkdownText.escape(scale.label(incident.severity()))).append(", ").append(incident.state().word())
        .append('\n');
    md.append("- **Duration:** ");
    if (t.resolved() != null) {
      ShownTimes.Sequence span = times.sequence();
      md.append(Durations.words(Duration.between(t.started(), t.resolved()))).append(", from ")
          .append(span.next(t.started())).append(" to ").append(span.next(t.resolved()));
    } else {
      md.append("not resolved yet; started ").append(times.dateTime(t.started()));
    }
    md.append('\n');
    md.append("- **Roles:** ");
    Role[] roles = Role.values();
    for (int i = 0; i < roles.length; i++) {
      md.append(i == 0 ? "" : ", ").append(roles[i].label()).append(' ')
          .append(incident.roles().holder(roles[i]).map(names::of).orElse("not assigned"));
    }
    md.append('\n');
    md.append("- **Facilitator:** ")
        .append(record.facilitator() == null ? "not chosen yet" : names.of(record.facilitator())).append('\n');
    md.append("- **Meeting:** ").append(record.meeting().map(m -> meeting(m, times)).orElse("not scheduled yet"))
        .append('\n');
    record.meeting().filter(m -> !m.attendees().isEmpty()).ifPresent(m ->
        md.append("- **Invited:** ").append(String.join(", ", m.attendees().stream().map(names::of).toList()))
            .append('\n'));
    md.append("- **Times:** ").append(times.zoneName()).append("\n\n");
  }

  private static String meeting(Meeting m, ShownTimes times) {
    Instant at = m.start().toInstant();
    StringBuilder s = new StringBuilder(times.dateTime(at)).append(' ').append(times.zoneName());
    if (!m.start().getZone().normalized().equals(times.zone().normalized())) {
      ShownTimes theirs = new ShownTimes(m.start().getZone());
      s.append(" (").append(theirs.dateTime(at)).append(' ').append(theirs.zoneName()).append(')');
    }
    s.append(", ").append(Durations.words(m.length()));
    String where = MarkdownText.escape(m.where());
    if (!where.isEmpty()) {
      s.append(", ").append(where);
    }
    return s.toString();
  }

  private static void summary(StringBuilder md, Incident incident) {
    md.append("## Summary\n\n").append(italic(Prompts.SUMMARY)).append("\n\n");
    String written = MarkdownText.escape(incident.summary());
    if (!written.isEmpty()) {
      md.append("> **Written during the incident:** ").append(written).append("\n\n");
    }
  }

  private static void impact(StringBuilder md, Incident incident, ShownTimes times) {
    md.append("## Impact\n\n");
    for (String question : Prompts.IMPACT) {
      md.append("- ").append(italic(question)).append('\n');
    }
    Incident.Times t = incident.times();
    md.append("\nWhat the record shows:\n\n");
    md.append("- **Started:** ").append(times.dateTime(t.started())).append('\n');
    md.append("- **Declared:** ").append(sinceStart(t.declared(), t.started(), times)).append('\n');
    md.append("- **Mitigated:** ")
        .append(t.mitigated() == null ? "not recorded" : sinceStart(t.mitigated(), t.started(), times)).append('\n');
    md.append("- **Resolved:** ");
    if (t.resolved() == null) {
      md.append("not yet");
    } else {
      md.append(sinceStart(t.resolved(), t.started(), times));
      if (t.mitigated() != null && t.mitigated().isBefore(t.resolved())) {
        md.append(", ").append(Durations.words(Duration.between(t.mitigated(), t.resolved())))
            .append(" after it was mitigated");
      }
    }
    md.append("\n\n");
  }

  private static String sinceStart(Instant at, Instant started, ShownTimes times) {
    Duration since = Duration.between(started, at);
    boolean later = since.compareTo(Duration.ZERO) > 0;
    return times.dateTime(at) + (later ? ", " + Durations.words(since) + " after it started" : ", as it started");
  }

  private void timeline(StringBuilder md, PostmortemRecord record, ShownTimes times) {
    Timeline timeline = record.timeline();
    md.append("## Timeline\n\n### Phases\n\n");
    ShownTimes.Sequence clock = times.sequence();
    for (Timeline.Phase phase : timeline.phases()) {
      boolean atOnce = phase.name() != Timeline.PhaseName.STARTED && phase.sinceStart().compareTo(Duration.ZERO) <= 0;
      md.append("- **").append(clock.next(phase.at())).append("** ")
          .append(atOnce ? phase.name().word() + " at the start" : phase.summary()).append('\n');
    }
    md.append("\n### Key events\n\n");
    List<Timeline.Item> shown = KeyEvents.select(timeline);
    String everything = wholeTimeline != null ? wholeTimeline
        : "`/incident timeline` in the channel, or `candor export " + record.incident().id() + " --format md`";
    new KeyEvents(names, times, scale).appendTo(md, timeline, shown, everything);
    if (!KeyEvents.anyMarkedByPeople(shown)) {
      md.append(shown.isEmpty() ? "" : "\n").append(italic("No message was marked as a key event. Add what"
          + " mattered here; next time, pin a message or use \"Add to timeline\" on it as it happens.")).append('\n');
    }
    md.append('\n');
  }

  private static void factors(StringBuilder md) {
    md.append("## Contributing factors\n\n").append(italic(Prompts.FACTORS)).append("\n\n");
    for (Level level : Level.values()) {
      md.append("### ").append(capitalized(level.label())).append("\n\n");
      for (String question : Prompts.factors(level)) {
        md.append("- ").append(question).append('\n');
      }
      md.append('\n');
    }
  }

  /** {@code  ([octo-org/ops#12](https://…))} when {@code f} has an issue in the tracker. */
  private String issue(FollowUp f) {
    TrackerIssue issue = issues.get(f.id());
    if (issue == null || !issue.url().matches("https?://[^\\s()<>]+")) {
      return "";
    }
    return " ([" + MarkdownText.escape(issue.key()) + "](" + issue.url() + "))";
  }

  private void followUps(StringBuilder md, List<FollowUp> followUps) {
    md.append("## Follow-ups\n\n");
    if (followUps.isEmpty()) {
      md.append(italic(Prompts.NO_FOLLOW_UPS)).append("\n\n");
      return;
    }
    for (Level level : Level.values()) {
      List<FollowUp> here = followUps.stream().filter(f -> f.level() == level).sorted(BY_DUE).toList();
      if (here.isEmpty()) {
        continue;
      }
      md.append("### ").append(capitalized(level.label())).append("\n\n");
      for (FollowUp f : here) {
        md.append("- ").append(MarkdownText.escape(f.title())).append(" — owner ").append(names.of(f.owner()))
            .append(", due ").append(f.due()).append(", ").append(status(f)).append(issue(f)).append('\n');
      }
      md.append('\n');
    }
    List<FollowUp> kept = followUps.stream().filter(f -> f.status() != FollowUp.Status.DROPPED).toList();
    if (!kept.isEmpty() && kept.stream().allMatch(f -> f.level() == Level.SOFTWARE)) {
      md.append(italic(Prompts.ALL_SOFTWARE)).append("\n\n");
    }
  }

  private static String status(FollowUp f) {
    return switch (f.status()) {
      case OPEN -> "open";
      case DONE -> "done";
      case DROPPED -> "dropped" + Optional.ofNullable(f.dropReason()).map(MarkdownText::escape)
          .filter(r -> !r.isEmpty()).map(r -> " (" + r + ")").orElse("");
    };
  }

  private void language(StringBuilder md, long nudges) {
    md.append("## Blameless language\n\n");
    if (replayed != null) {
      md.append("Candor was not in the channel during the incident, so it sent nothing. ");
      if (replayed.nudges() == 0 && replayed.supportNotes() == 0) {
        md.append("Had it been there, it would have sent no private note: nothing anyone wrote read as blame.\n\n");
      } else {
        md.append("Had it been there, it would have sent ").append(count(replayed.nudges(), "private nudge",
                "private nudges")).append(" toward blameless language");
        if (replayed.supportNotes() > 0) {
          md.append(" and ").append(count(replayed.supportNotes(), "private note", "private notes"))
              .append(" of support to people who blamed themselves");
        }
        md.append(".\n\n");
      }
    } else if (nudges == 0) {
      md.append("Candor sent no private nudges toward blameless language during the incident. Thank you for the"
          + " care in how you talked to each other.\n\n");
    } else {
      md.append("Candor sent ").append(nudges).append(nudges == 1 ? " private nudge" : " private nudges")
          .append(" toward blameless language during the incident.\n\n");
    }
    md.append(italic(Prompts.TALK)).append('\n');
  }

  private static String count(long n, String one, String many) {
    return (n == 0 ? "no" : String.valueOf(n)) + " " + (n == 1 ? one : many);
  }

  private static String italic(String text) {
    return "_" + text + "_";
  }

  private static String capitalized(String label) {
    return Character.toUpperCase(label.charAt(0)) + label.substring(1);
  }
}
