package dev.candor.incident;

import dev.candor.incident.IncidentChange.Kind;
import java.time.Instant;

/**
 * A change someone asks for in an incident channel. Each knows how to apply itself to an incident,
 * or why it cannot; nothing here touches storage or Slack.
 */
public sealed interface IncidentUpdate {

  /** Apply to {@code incident} on behalf of {@code actor} at {@code now}. */
  Outcome applyTo(Incident incident, String actor, Instant now);

  /** {@link #applyTo(Incident, String, Instant)}, a refusal naming severities as {@code scale} does. */
  default Outcome applyTo(Incident incident, String actor, Instant now, SeverityScale scale) {
    return applyTo(incident, actor, now);
  }

  /** What applying an update came to. */
  sealed interface Outcome {}

  record Applied(Incident incident, IncidentChange change) implements Outcome {}

  record Refused(String reason) implements Outcome {}

  record SetStatus(IncidentState newState, String update) implements IncidentUpdate {
    @Override
    public Outcome applyTo(Incident incident, String actor, Instant now) {
      if (!incident.isOpen()) {
        return notOpen(incident, "post a status update");
      }
      IncidentState next = newState == null ? incident.state() : newState;
      Incident after = incident.withState(next).withTimes(touched(incident.times(), now));
      return applied(after, Kind.STATUS, actor, now, next.name(), update);
    }
  }

  record MarkMitigated(String note) implements IncidentUpdate {
    @Override
    public Outcome applyTo(Incident incident, String actor, Instant now) {
      if (!incident.isOpen()) {
        return notOpen(incident, "mark it mitigated");
      }
      if (incident.times().mitigated() != null) {
        return new Refused(incident.id() + " is already marked mitigated. Post news with `/incident status <update>`.");
      }
      Incident.Times t = incident.times();
      Incident after =
          incident
              .withState(IncidentState.MONITORING)
              .withTimes(new Incident.Times(t.started(), t.declared(), now, t.resolved(), t.closed(), now));
      return applied(after, Kind.MITIGATED, actor, now, IncidentState.MONITORING.name(), note);
    }
  }

  record SetSeverity(Severity severity) implements IncidentUpdate {
    @Override
    public Outcome applyTo(Incident incident, String actor, Instant now) {
      return applyTo(incident, actor, now, SeverityScale.defaults());
    }

    /** The change keeps Candor's codes ({@code SEV1}, "was SEV2"); the refusal names the team's severity. */
    @Override
    public Outcome applyTo(Incident incident, String actor, Instant now, SeverityScale scale) {
      if (incident.state() == IncidentState.CLOSED || incident.state() == IncidentState.CANCELLED) {
        return notOpen(incident, "change its severity");
      }
      if (incident.severity() == severity) {
        return new Refused(incident.id() + " already is " + scale.level(severity).name() + ".");
      }
      return applied(incident.withSeverity(severity), Kind.SEVERITY, actor, now, severity.name(),
          "was " + incident.severity().label());
    }
  }

  record AssignRole(Role role, String user) implements IncidentUpdate {
    @Override
    public Outcome applyTo(Incident incident, String actor, Instant now) {
      if (!incident.isOpen() && incident.state() != IncidentState.RESOLVED) {
        return notOpen(incident, "assign roles");
      }
      if (incident.roles().holder(role).filter(user::equals).isPresent()) {
        return new Refused("That person already is " + role.label() + " of " + incident.id() + ".");
      }
      Incident after = incident.withRoles(incident.roles().with(role, user));
      return applied(after, Kind.ROLE, actor, now, role.name() + "=" + user, "");
    }
  }

  record SetTitle(String title) implements IncidentUpdate {
    @Override
    public Outcome applyTo(Incident incident, String actor, Instant now) {
      if (incident.state() == IncidentState.CLOSED) {
        return notOpen(incident, "rename it");
      }
      if (incident.title().equals(title)) {
        return new Refused(incident.id() + " already has that title.");
      }
      return applied(incident.withTitle(title), Kind.TITLE, actor, now, "", title);
    }
  }

  record SetSummary(String summary) implements IncidentUpdate {
    @Override
    public Outcome applyTo(Incident incident, String actor, Instant now) {
      if (incident.state() == IncidentState.CLOSED) {
        return notOpen(incident, "change its summary");
      }
      return applied(incident.withSummary(summary), Kind.SUMMARY, actor, now, "", summary);
    }
  }

  record Resolve(String summary) implements IncidentUpdate {
    @Override
    public Outcome applyTo(Incident incident, String actor, Instant now) {
      if (!incident.isOpen()) {
        return new Refused(incident.id() + " is " + incident.state().word()
            + " already. To work on it again, type `/incident reopen`.");
      }
      Incident.Times t = incident.times();
      Incident.Times times = new Incident.Times(
          t.started(), t.declared(), t.mitigated() == null ? now : t.mitigated(), now, t.closed(), now);
      Incident after = incident.withState(IncidentState.RESOLVED).withTimes(times);
      if (summary != null && !summary.isBlank()) {
        after = after.withSummary(summary);
      }
      return applied(after, Kind.RESOLVED, actor, now, IncidentState.RESOLVED.name(), summary);
    }
  }

  record Reopen() implements IncidentUpdate {
    @Override
    public Outcome applyTo(Incident incident, String actor, Instant now) {
      if (incident.isOpen()) {
        return new Refused(incident.id() + " is still open (" + incident.state().word() + ").");
      }
      if (incident.state() == IncidentState.CLOSED) {
        return new Refused(incident.id() + " is closed; its record is final. Declare a new incident with `/incident declare <title>`.");
      }
      Incident.Times t = incident.times();
      // It came back: impact is ongoing again, so it can be marked mitigated anew (the first time stays in the record).
      Incident.Times times = new Incident.Times(t.started(), t.declared(), null, null, null, now);
      Incident after = incident.withState(IncidentState.INVESTIGATING).withTimes(times);
      return applied(after, Kind.REOPENED, actor, now, IncidentState.INVESTIGATING.name(), "");
    }
  }

  record Cancel(String reason) implements IncidentUpdate {
    @Override
    public Outcome applyTo(Incident incident, String actor, Instant now) {
      if (!incident.isOpen()) {
        return notOpen(incident, "cancel it");
      }
      Incident after = incident.withState(IncidentState.CANCELLED).withTimes(touched(incident.times(), now));
      return applied(after, Kind.CANCELLED, actor, now, IncidentState.CANCELLED.name(), reason);
    }
  }

  /** A note for the record ({@code /incident note}): changes nothing but the timeline. */
  record AddNote(String note) implements IncidentUpdate {
    @Override
    public Outcome applyTo(Incident incident, String actor, Instant now) {
      if (incident.state() == IncidentState.CLOSED) {
        return notOpen(incident, "add a note");
      }
      return applied(incident, Kind.NOTE, actor, now, "", note);
    }
  }

  /** Marks a message of the channel as a key event of the incident (the "Add to timeline" shortcut). */
  record MarkKeyEvent(String messageTs, String author, String text) implements IncidentUpdate {
    @Override
    public Outcome applyTo(Incident incident, String actor, Instant now) {
      String by = author == null ? "" : author;
      return applied(incident, Kind.KEY_EVENT, actor, now, messageTs + "@" + by, text);
    }
  }

  /**
   * Closes a resolved incident: its record is final. {@code beforePostmortem} says the closer confirmed
   * closing before the post-mortem was held or declared not needed; the record keeps that choice.
   */
  record Close(boolean beforePostmortem) implements IncidentUpdate {
    @Override
    public Outcome applyTo(Incident incident, String actor, Instant now) {
      if (incident.state() == IncidentState.CLOSED) {
        return new Refused(incident.id() + " is closed already.");
      }
      if (incident.state() != IncidentState.RESOLVED) {
        return new Refused("Only a resolved incident can be closed; " + incident.id() + " is "
            + incident.state().word() + "." + (incident.isOpen() ? " Resolve it first with `/incident resolve`." : ""));
      }
      Incident.Times t = incident.times();
      Incident after = incident.withState(IncidentState.CLOSED)
          .withTimes(new Incident.Times(t.started(), t.declared(), t.mitigated(), t.resolved(), now, now));
      return applied(after, Kind.CLOSED, actor, now, beforePostmortem ? "BEFORE_POSTMORTEM" : "",
          beforePostmortem ? "closed before the post-mortem was held or declared not needed" : "");
    }
  }

  /** A step of the post-mortem, kept in the record: scheduled, not needed (and why), document opened… */
  record RecordPostmortem(PostmortemStep step, String text) implements IncidentUpdate {
    @Override
    public Outcome applyTo(Incident incident, String actor, Instant now) {
      if (incident.state() == IncidentState.CANCELLED) {
        return new Refused(incident.id() + " was cancelled (declared by mistake): it has no post-mortem.");
      }
      return applied(incident, Kind.POSTMORTEM, actor, now, step.name(), text == null ? "" : text);
    }
  }

  /**
   * The incident's channel was made private (Slack said so, or Candor found it so before publishing): from now
   * on nothing about it leaves the channel. One way only: a private incident stays private for Candor even if
   * its channel is later made public, since what was said in private is not Candor's to publish.
   */
  record MakePrivate() implements IncidentUpdate {
    @Override
    public Outcome applyTo(Incident incident, String actor, Instant now) {
      if (incident.privateChannel()) {
        return new Refused(incident.id() + " is private already.");
      }
      return applied(incident.madePrivate(), Kind.MADE_PRIVATE, actor, now, "", "");
    }
  }

  private static Incident.Times touched(Incident.Times t, Instant now) {
    return new Incident.Times(t.started(), t.declared(), t.mitigated(), t.resolved(), t.closed(), now);
  }

  private static Outcome applied(
      Incident after, Kind kind, String actor, Instant now, String value, String text) {
    return new Applied(after, new IncidentChange(after.id(), kind, actor, now, value, text));
  }

  private static Outcome notOpen(Incident incident, String what) {
    String hint = incident.state() == IncidentState.RESOLVED || incident.state() == IncidentState.CANCELLED
        ? " Type `/incident reopen` first."
        : "";
    return new Refused("Can't " + what + ": " + incident.id() + " is "
        + incident.state().word() + "." + hint);
  }
}
