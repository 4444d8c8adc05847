package dev.candor.hooks;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.candor.followup.FollowUp;
import dev.candor.followup.FollowUpChange;
import dev.candor.incident.Incident;
import dev.candor.incident.IncidentChange;
import dev.candor.incident.IncidentChange.Kind;
import dev.candor.incident.PostmortemStep;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * A lifecycle change as the JSON body of a webhook ({@code src/main/resources/hooks/webhook.schema.json}):
 * {@code {"type": "incident.severity", "timestamp": "…", "data": {"incident": {…}, "change": {…}}}}, the envelope
 * Standard Webhooks recommends. A private incident's body holds no words and no people: its number, the kind of
 * change, its severity and state, and its times (for a follow-up: its number, status, due date and level).
 */
public final class LifecycleEvents {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** The changes a webhook receives; notes and key events are the timeline's, not the lifecycle's. */
  private static final Set<Kind> SENT = EnumSet.of(Kind.DECLARED, Kind.STATUS, Kind.MITIGATED, Kind.SEVERITY,
      Kind.ROLE, Kind.TITLE, Kind.SUMMARY, Kind.RESOLVED, Kind.REOPENED, Kind.CANCELLED, Kind.CLOSED,
      Kind.MADE_PRIVATE, Kind.POSTMORTEM);
  /** Whose value says no words and names no one: kept for a private incident. */
  private static final Set<Kind> VALUE_KEPT_PRIVATE = EnumSet.of(Kind.STATUS, Kind.SEVERITY, Kind.POSTMORTEM);

  private LifecycleEvents() {}

  /** The event type of {@code change}: {@code incident.severity}, {@code postmortem.scheduled}; empty if none is sent. */
  public static Optional<String> type(IncidentChange change) {
    if (!SENT.contains(change.kind())) {
      return Optional.empty();
    }
    if (change.kind() == Kind.POSTMORTEM) {
      return PostmortemStep.valueOf(change.value()) == PostmortemStep.REMIND_TOMORROW ? Optional.empty()
          : Optional.of("postmortem." + postmortemName(PostmortemStep.valueOf(change.value())));
    }
    return Optional.of("incident." + change.kind().name().toLowerCase(Locale.ROOT));
  }

  private static String postmortemName(PostmortemStep step) {
    return switch (step) {
      case SCHEDULED -> "scheduled";
      case NOT_NEEDED -> "not_needed";
      case DOCUMENT_OPENED -> "published";
      case REMIND_TOMORROW -> "remind_tomorrow";
    };
  }

  /**
   * The body announcing {@code change} of {@code incident}, which made its {@code version}, or empty when webhooks do
   * not hear of it.
   */
  public static Optional<String> body(Incident incident, IncidentChange change, long version) {
    return type(change).map(type -> {
      ObjectNode data = JSON.createObjectNode();
      data.set("incident", incident(incident));
      ObjectNode c = data.putObject("change");
      c.put("kind", change.kind().name().toLowerCase(Locale.ROOT));
      c.put("at", change.at().toString());
      c.put("version", version);
      if (!incident.privateChannel()) {
        c.put("value", change.value());
        c.put("actor", change.actor());
        c.put("text", change.text());
      } else if (VALUE_KEPT_PRIVATE.contains(change.kind())) {
        c.put("value", change.value());
      }
      return envelope(type, change.at(), data);
    });
  }

  /** The body announcing {@code change} of a follow-up of {@code incident}. */
  public static String body(Incident incident, FollowUpChange change) {
    ObjectNode data = JSON.createObjectNode();
    data.set("incident", incident(incident));
    FollowUp f = change.after();
    ObjectNode fu = data.putObject("follow_up");
    fu.put("id", f.id());
    fu.put("status", f.status().name().toLowerCase(Locale.ROOT));
    fu.put("due", f.due().toString());
    fu.put("level", f.level().name().toLowerCase(Locale.ROOT));
    ObjectNode c = data.putObject("change");
    String kind = change.kind().name().toLowerCase(Locale.ROOT);
    c.put("kind", kind);
    c.put("at", change.at().toString());
    c.put("version", f.version());
    if (!incident.privateChannel()) {
      fu.put("title", f.title());
      fu.put("owner", f.owner());
      c.put("actor", change.actor());
      if (change.kind() == FollowUpChange.Kind.REASSIGNED) {
        c.put("previous_owner", change.before().owner());
      }
      if (change.kind() == FollowUpChange.Kind.DROPPED && f.dropReason() != null) {
        c.put("text", f.dropReason());
      }
    }
    return envelope("follow_up." + kind, change.at(), data);
  }

  private static ObjectNode incident(Incident incident) {
    ObjectNode i = JSON.createObjectNode();
    i.put("id", incident.id().value());
    i.put("number", incident.id().toString());
    i.put("private", incident.privateChannel());
    i.put("severity", incident.severity().name());
    i.put("state", incident.state().name().toLowerCase(Locale.ROOT));
    Incident.Times t = incident.times();
    i.put("started_at", t.started().toString());
    i.put("declared_at", t.declared().toString());
    time(i, "mitigated_at", t.mitigated());
    time(i, "resolved_at", t.resolved());
    time(i, "closed_at", t.closed());
    if (!incident.privateChannel()) {
      i.put("title", incident.title());
      i.put("summary", incident.summary());
      ObjectNode channel = i.putObject("channel");
      channel.put("id", incident.channelId());
      if (incident.channelName() != null) {
        channel.put("name", incident.channelName());
      }
      ObjectNode roles = i.putObject("roles");
      roles.put("commander", incident.roles().commander());
      roles.put("comms", incident.roles().comms());
      roles.put("scribe", incident.roles().scribe());
    }
    return i;
  }

  private static void time(ObjectNode node, String field, Instant at) {
    if (at == null) {
      node.putNull(field);
    } else {
      node.put(field, at.toString());
    }
  }

  private static String envelope(String type, Instant at, ObjectNode data) {
    ObjectNode root = JSON.createObjectNode();
    root.put("type", type);
    root.put("timestamp", at.toString());
    root.set("data", data);
    return root.toString();
  }
}
