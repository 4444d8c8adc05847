package dev.candor.paging;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.candor.incident.Incident;
import dev.candor.incident.IncidentChange;
import dev.candor.incident.IncidentId;
import dev.candor.incident.SecretMask;
import dev.candor.incident.Severity;
import dev.candor.incident.SeverityScale;
import dev.candor.jobs.Job;
import dev.candor.jobs.JobStore;
import dev.candor.jobs.UnitOfWork;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Pages the on-call through PagerDuty's Events API v2. Declaring at or above {@code CANDOR_PAGE_AT} triggers a page
 * to {@code PAGERDUTY_ROUTING_KEY}; a severity raised past it later (or a reopening at it) triggers one then; resolving,
 * cancelling or closing resolves every page of the incident still open. {@code /incident page} pages a named service
 * ({@code PAGERDUTY_SERVICES}) or a routing key by hand. Every page is a durable job in a queue per incident, scheduled
 * in the transaction of the change that asked for it, so a trigger always goes before its resolve; all of an
 * incident's pages share its {@code dedup_key}, so a retried trigger is one alert in PagerDuty.
 */
public final class Paging {
  /** Job kind: send one event to PagerDuty. */
  public static final String KIND = "pagerduty.event";
  /** Whom {@code PAGERDUTY_ROUTING_KEY} pages, in messages. */
  static final String ON_CALL = "the on-call";
  private static final Pattern ROUTING_KEY = Pattern.compile("[A-Za-z0-9]{32}");
  private static final ObjectMapper JSON = new ObjectMapper();
  /** The words that name {@code PAGERDUTY_ROUTING_KEY}'s service in {@code /incident page}. */
  private static final Set<String> ONCALL = Set.of("oncall", "on-call", "default");
  /** PagerDuty's payload.summary holds at most 1024 characters. */
  private static final int MAX_SUMMARY = 1024;

  private final Optional<String> routingKey;
  private final int pageAt;
  private final Map<String, String> services;
  private final JobStore jobs;
  private final UnitOfWork work;
  private final SecretMask mask;
  private final Clock clock;
  private final SeverityScale scale;

  /**
   * {@code pageAt}: 1 pages at SEV1 only, 4 at every severity. {@code services}: names (lowercase) to routing keys.
   */
  public Paging(Optional<String> routingKey, int pageAt, Map<String, String> services, JobStore jobs, UnitOfWork work,
      SecretMask mask, Clock clock) {
    this(routingKey, pageAt, services, jobs, work, mask, clock, SeverityScale.defaults());
  }

  /** As above, a page's summary naming the severity as the team's {@code scale} does ({@code INC-4 P1: …}). */
  public Paging(Optional<String> routingKey, int pageAt, Map<String, String> services, JobStore jobs, UnitOfWork work,
      SecretMask mask, Clock clock, SeverityScale scale) {
    this.scale = scale;
    this.routingKey = routingKey;
    this.pageAt = pageAt;
    this.services = Map.copyOf(services);
    this.jobs = jobs;
    this.work = work;
    this.mask = mask;
    this.clock = clock;
  }

  /** The {@code dedup_key} of every page about {@code incident}: {@code candor-inc-12}. */
  public static String dedupKey(IncidentId incident) {
    return "candor-" + incident.toString().toLowerCase(Locale.ROOT);
  }

  /** Called in the transaction of each change: the pages it asks for. */
  public void incidentChanged(Incident incident, IncidentChange change) {
    switch (change.kind()) {
      case DECLARED, SEVERITY, REOPENED -> {
        if (routingKey.isPresent() && incident.isOpen() && reaches(incident.severity())
            && !openPages(incident.id()).containsKey(routingKey.get())) {
          schedule(incident.id(), "trigger", ON_CALL, trigger(incident, routingKey.get(), ""));
        }
      }
      case RESOLVED, CANCELLED, CLOSED -> openPages(incident.id()).forEach((key, target) ->
          schedule(incident.id(), "resolve", target, resolve(incident.id(), key)));
      default -> { }
    }
  }

  private boolean reaches(Severity severity) {
    return severity.ordinal() + 1 <= pageAt;
  }

  /** What {@code /incident page} came to. */
  public sealed interface Asked {}

  /** A page to {@code target} is on its way; the channel hears what PagerDuty answers. */
  public record Sent(String target) implements Asked {}

  /** Nothing was paged, and why, for the person who asked. */
  public record NotSent(String why) implements Asked {}

  /**
   * Pages {@code target} (a service's name from {@code PAGERDUTY_SERVICES}, {@code oncall} for
   * {@code PAGERDUTY_ROUTING_KEY}, or a routing key) about {@code incident}, with {@code message} (masked) in the
   * summary; the channel is told that {@code actor} asked for it.
   */
  public Asked pageByHand(Incident incident, String target, String message, String actor) {
    if (!incident.isOpen()) {
      return new NotSent(incident.id() + " is " + incident.state().label() + "; reopen it before paging anyone.");
    }
    String word = target.strip().toLowerCase(Locale.ROOT);
    String key;
    String whom;
    if (services.containsKey(word)) {
      key = services.get(word);
      whom = word;
    } else if (ONCALL.contains(word) && routingKey.isPresent()) {
      key = routingKey.get();
      whom = ON_CALL;
    } else if (ROUTING_KEY.matcher(target.strip()).matches()) {
      key = target.strip();
      whom = "the service with routing key …" + key.substring(key.length() - 4);
    } else {
      return new NotSent(unknown(target));
    }
    String said = mask.text(message == null ? "" : message.strip());
    String named = whom + " (asked by <@" + actor + ">)";
    work.run(() -> schedule(incident.id(), "trigger", named, trigger(incident, key, said)));
    return new Sent(whom);
  }

  private String unknown(String target) {
    List<String> names = new ArrayList<>(services.keySet());
    if (routingKey.isPresent()) {
      names.add(0, "oncall");
    }
    String known = names.isEmpty() ? "No service is set up (PAGERDUTY_ROUTING_KEY, PAGERDUTY_SERVICES); "
        : "Name one of: " + String.join(", ", names.stream().sorted().toList()) + "; ";
    return "`" + target.replace("`", "'") + "` is no PagerDuty service Candor knows. " + known
        + "or give a service's Events API v2 routing key (32 letters and digits).";
  }

  /** Routing keys paged about {@code incident} and not resolved since, each with whom it pages. */
  Map<String, String> openPages(IncidentId incident) {
    Map<String, String> open = new LinkedHashMap<>();
    for (JobStore.Entry entry : jobs.list(prefix(incident))) {
      if (entry.status() == Job.Status.FAILED || entry.status() == Job.Status.CANCELLED) {
        continue; // a refused trigger paged no one
      }
      Page page = Page.parse(entry.payload());
      if (page.action().equals("trigger")) {
        open.put(page.routingKey(), page.target());
      } else {
        open.remove(page.routingKey());
      }
    }
    return open;
  }

  private Long schedule(IncidentId incident, String action, String target, String body) {
    String queue = "pagerduty:" + incident.value();
    String key = prefix(incident) + String.format(Locale.ROOT, "%06d", jobs.list(prefix(incident)).size() + 1);
    return jobs.scheduleInQueue(queue, KIND, key, new Page(incident, action, target, body).toJson(), clock.instant());
  }

  /** The prefix of the keys of an incident's pages, numbered in the order they were asked for. */
  public static String prefix(IncidentId incident) {
    return "pagerduty:" + incident.value() + ":";
  }

  /**
   * A trigger: the summary names the incident and its severity, and for a public incident its title; a private
   * incident's says only that it is private (its words stay in its channel). {@code said}: words typed with
   * {@code /incident page}.
   */
  private String trigger(Incident incident, String key, String said) {
    ObjectNode event = JSON.createObjectNode();
    event.put("routing_key", key);
    event.put("event_action", "trigger");
    event.put("dedup_key", dedupKey(incident.id()));
    event.put("client", "Candor");
    ObjectNode payload = event.putObject("payload");
    String about = incident.privateChannel() ? " (a private incident; details in its Slack channel)"
        : ": " + incident.title();
    String summary = incident.id() + " " + scale.level(incident.severity()).name() + about + (said.isEmpty() ? "" : " — " + said);
    payload.put("summary", summary.length() > MAX_SUMMARY ? summary.substring(0, MAX_SUMMARY - 1) + "…" : summary);
    payload.put("source", "candor");
    payload.put("severity", severity(incident.severity()));
    payload.put("timestamp", clock.instant().toString());
    payload.put("component", incident.id().toString());
    ObjectNode details = payload.putObject("custom_details");
    details.put("incident", incident.id().toString());
    details.put("severity", incident.severity().label()); // Candor's code, for machines
    details.put("severity_name", scale.level(incident.severity()).name());
    details.put("state", incident.state().name().toLowerCase(Locale.ROOT));
    details.put("declared_at", incident.times().declared().toString());
    return event.toString();
  }

  private static String resolve(IncidentId incident, String key) {
    ObjectNode event = JSON.createObjectNode();
    event.put("routing_key", key);
    event.put("event_action", "resolve");
    event.put("dedup_key", dedupKey(incident));
    return event.toString();
  }

  /** PagerDuty's severities: critical, error, warning, info. */
  static String severity(Severity severity) {
    return switch (severity) {
      case SEV1 -> "critical";
      case SEV2 -> "error";
      case SEV3 -> "warning";
      case SEV4 -> "info";
    };
  }
}
