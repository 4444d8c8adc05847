package dev.candor.hooks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.candor.followup.TimelineFollowUpJournal;
import dev.candor.incident.IncidentId;
import dev.candor.jobs.Job;
import dev.candor.jobs.JobStore;
import dev.candor.paging.Paging;
import dev.candor.timeline.EntryCopies;
import dev.candor.timeline.TimelineEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The words of an entry as the incident's outbound jobs keep them: its webhook deliveries and its PagerDuty pages
 * (a status update's text, a follow-up's title). A redaction rewrites each job that holds them, still to go or the
 * record of one gone; one gone already cannot be recalled, and the record of the redaction says so. Tracker sync
 * jobs keep only a follow-up's id (the words are read from the follow-up when the job runs), so nothing of theirs
 * needs rewriting.
 */
public final class OutboundCopies implements EntryCopies {
  static final String REDACTED = "(redacted)";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final JobStore jobs;

  public OutboundCopies(JobStore jobs) {
    this.jobs = jobs;
  }

  @Override
  public List<String> scrub(TimelineEntry entry) {
    String text = words(entry);
    if (text == null || text.isBlank()) {
      return List.of();
    }
    IncidentId incident = entry.incidentId();
    List<String> where = new ArrayList<>(2);
    where.addAll(scrub(jobs.list("webhook:" + incident.value() + ":"), text, "webhook delivery",
        "webhook deliveries"));
    where.addAll(scrub(jobs.list(Paging.prefix(incident)), text, "PagerDuty page", "PagerDuty pages"));
    return where;
  }

  /**
   * The words the outbound payloads carry: the entry's text, but of a follow-up's creation only its title (the entry
   * adds the owner and due date), of its drop only the reason.
   */
  static String words(TimelineEntry entry) {
    String text = entry.text();
    String detail = entry.detail() == null ? "" : entry.detail();
    if (text == null) {
      return null;
    }
    if (detail.startsWith("FOLLOWUP_ADDED ") && text.endsWith(")") && text.lastIndexOf(" (") > 0) {
      return text.substring(0, text.lastIndexOf(" ("));
    }
    int because = text.indexOf(TimelineFollowUpJournal.DROPPED_BECAUSE);
    if (detail.startsWith("FOLLOWUP_DROPPED ") && because >= 0) {
      return text.substring(because + TimelineFollowUpJournal.DROPPED_BECAUSE.length());
    }
    return text;
  }

  private List<String> scrub(List<JobStore.Entry> held, String text, String one, String many) {
    int queued = 0;
    int sent = 0;
    for (JobStore.Entry job : held) {
      JsonNode payload;
      try {
        payload = JSON.readTree(job.payload());
      } catch (JsonProcessingException e) {
        continue; // not a payload this code wrote
      }
      JsonNode scrubbed = scrubbed(payload, text);
      if (scrubbed == null) {
        continue;
      }
      jobs.rewritePayload(job.key(), scrubbed.toString());
      if (job.status() == Job.Status.DONE || job.status() == Job.Status.CLAIMED) {
        sent++; // it went out (or is going out now) with the words
      } else {
        queued++;
      }
    }
    List<String> where = new ArrayList<>(2);
    if (queued > 0) {
      where.add(queued + " queued " + (queued == 1 ? one : many));
    }
    if (sent > 0) {
      where.add(sent + " " + (sent == 1 ? one : many) + " already sent (which cannot be recalled)");
    }
    return where;
  }

  /** {@code json} without {@code text} in any string (a body kept as a JSON string too); null when none held it. */
  static JsonNode scrubbed(JsonNode json, String text) {
    if (json.isTextual()) {
      String s = json.asText();
      String trimmed = s.strip();
      if (trimmed.startsWith("{") || trimmed.startsWith("[")) {
        try {
          JsonNode inner = scrubbed(JSON.readTree(s), text);
          return inner == null ? null : new TextNode(inner.toString());
        } catch (JsonProcessingException e) {
          // plain text that starts with a brace
        }
      }
      return s.contains(text) ? new TextNode(s.replace(text, REDACTED)) : null;
    }
    if (json instanceof ObjectNode o) {
      ObjectNode copy = o.deepCopy();
      boolean changed = false;
      for (Map.Entry<String, JsonNode> field : o.properties()) {
        JsonNode v = scrubbed(field.getValue(), text);
        if (v != null) {
          copy.set(field.getKey(), v);
          changed = true;
        }
      }
      return changed ? copy : null;
    }
    if (json instanceof ArrayNode a) {
      ArrayNode copy = a.deepCopy();
      boolean changed = false;
      for (int i = 0; i < a.size(); i++) {
        JsonNode v = scrubbed(a.get(i), text);
        if (v != null) {
          copy.set(i, v);
          changed = true;
        }
      }
      return changed ? copy : null;
    }
    return null;
  }
}
