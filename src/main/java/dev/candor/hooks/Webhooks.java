package dev.candor.hooks;

import dev.candor.followup.FollowUpJournal;
import dev.candor.incident.Incident;
import dev.candor.incident.IncidentChange;
import dev.candor.incident.IncidentId;
import dev.candor.incident.IncidentRepository;
import dev.candor.jobs.JobStore;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

/**
 * Schedules a signed webhook to each of {@code CANDOR_WEBHOOK_URLS} for every lifecycle change of an incident and of
 * its follow-ups, in the transaction that makes the change (the incident repository's journal and the follow-up
 * journal call it): no change is stored without its deliveries. Each delivery is a durable job in a queue per
 * incident per URL, so one receiver gets an incident's changes in the order they were made, however often one is
 * retried, while a slow receiver holds up no other. An event's {@code webhook-id} is chosen here, once.
 */
public final class Webhooks {
  /** Job kind: deliver one webhook. */
  public static final String KIND = "webhook.deliver";

  private final List<URI> urls;
  private final JobStore jobs;
  private final Clock clock;

  public Webhooks(List<URI> urls, JobStore jobs, Clock clock) {
    this.urls = List.copyOf(urls);
    this.jobs = jobs;
    this.clock = clock;
  }

  /** {@code change} made {@code version} of {@code incident}: its webhooks, when it is a lifecycle change. */
  public void incidentChanged(Incident incident, IncidentChange change, long version) {
    if (!urls.isEmpty()) {
      LifecycleEvents.body(incident, change, version).ifPresent(body -> schedule(incident.id(), body));
    }
  }

  /** The follow-up journal that schedules a follow-up change's webhooks, in its unit of work. */
  public FollowUpJournal followUps(IncidentRepository incidents) {
    return change -> {
      if (urls.isEmpty()) {
        return;
      }
      IncidentId id = change.after().incidentId();
      Incident incident = incidents.byId(id)
          .orElseThrow(() -> new IllegalStateException("follow-up " + change.after().id() + " of a missing " + id));
      schedule(id, LifecycleEvents.body(incident, change));
    };
  }

  private void schedule(IncidentId incident, String body) {
    String id = "msg_" + UUID.randomUUID().toString().replace("-", "");
    for (URI url : urls) {
      String queue = queue(incident, url);
      jobs.scheduleInQueue(queue, KIND, queue + ":" + id, new Delivery(url, id, body).toJson(), clock.instant());
    }
  }

  /** The queue, and the prefix of the job keys, of {@code incident}'s webhooks to {@code url}. */
  public static String queue(IncidentId incident, URI url) {
    return "webhook:" + incident.value() + ":" + urlHash(url);
  }

  private static String urlHash(URI url) {
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256").digest(url.toString().getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(hash, 0, 6);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is not available", e);
    }
  }
}
