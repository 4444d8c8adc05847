package dev.candor.slack.postmortem;

import com.slack.api.bolt.context.builtin.ViewSubmissionContext;
import com.slack.api.bolt.request.builtin.ViewSubmissionRequest;
import com.slack.api.bolt.response.Response;
import dev.candor.incident.Incident;
import dev.candor.incident.IncidentId;
import dev.candor.incident.IncidentRepository;
import dev.candor.incident.IncidentService;
import dev.candor.incident.IncidentState;
import dev.candor.incident.IncidentUpdate;
import dev.candor.incident.PostmortemStep;
import dev.candor.jobs.UnitOfWork;
import dev.candor.postmortem.Meeting;
import dev.candor.postmortem.PostmortemService;
import dev.candor.slack.home.HomeIncidents;
import dev.candor.slack.platform.AppHome;
import dev.candor.slack.platform.FormState;
import dev.candor.slack.platform.Mrkdwn;
import dev.candor.slack.platform.SlackGateway;
import dev.candor.slack.platform.SlackText;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The post-mortem forms' submissions. Problems are shown inline in the form (a meeting in the past, no
 * facilitator, a reason left empty); a good submission closes it, and the decision goes into the record.
 */
final class PostmortemForms {
  /** The furthest ahead a meeting may be set: as far as Slack will hold its channel reminders. */
  static final Duration HORIZON = PostmortemAnnouncer.SCHEDULING_HORIZON;
  private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("EEE d MMM HH:mm", Locale.ENGLISH);

  private final PostmortemService postmortems;
  private final IncidentService incidents;
  private final IncidentRepository repository;
  private final UnitOfWork unitOfWork;
  private final Clock clock;
  private final AppHome home;
  private final HomeIncidents members;

  /**
   * {@code unitOfWork} keeps a decision and its timeline entry together; a form opened from the App Home is
   * submitted only by a member of the incident channel ({@code withinAck} asks Slack), then {@code home} is
   * published again.
   */
  PostmortemForms(PostmortemService postmortems, IncidentService incidents, IncidentRepository repository,
      UnitOfWork unitOfWork, Clock clock, AppHome home, SlackGateway withinAck) {
    this.home = home;
    this.members = new HomeIncidents(repository, withinAck);
    this.postmortems = postmortems;
    this.unitOfWork = unitOfWork;
    this.incidents = incidents;
    this.repository = repository;
    this.clock = clock;
  }

  public Response schedule(ViewSubmissionRequest req, ViewSubmissionContext ctx) {
    var view = req.getPayload().getView();
    String user = req.getPayload().getUser().getId();
    FormState form = FormState.of(req, PostmortemModals.VALUE);
    String[] meta = view.getPrivateMetadata() == null ? new String[0] : view.getPrivateMetadata().split("\\|");
    boolean fromHome = meta.length == 4 && PostmortemModals.FROM_HOME.equals(meta[3]);
    Optional<Incident> incident = meta.length == 3 || fromHome ? incident(meta[0]) : Optional.empty();
    Map<String, String> errors = new HashMap<>();
    if (incident.isEmpty() || incident.get().state() == IncidentState.CANCELLED) {
      errors.put(PostmortemModals.FACILITATOR, "This form's incident is gone or was cancelled. Close the form.");
      return ctx.ackWithErrors(errors);
    }
    String outside = fromHome ? members.outsider(incident.get(), user) : null;
    if (outside != null) {
      return ctx.ackWithErrors(Map.of(PostmortemModals.FACILITATOR, outside));
    }
    ZoneId zone = zone(meta[1]);
    String facilitator = form.user(PostmortemModals.FACILITATOR);
    if (facilitator == null) {
      errors.put(PostmortemModals.FACILITATOR, "Pick a facilitator — in a team of one, pick yourself.");
    }
    LocalDate date = date(form.date(PostmortemModals.DATE));
    LocalTime time = time(form.time(PostmortemModals.TIME));
    if (date == null) {
      errors.put(PostmortemModals.DATE, "Pick a date.");
    }
    if (time == null) {
      errors.put(PostmortemModals.TIME, "Pick a time.");
    }
    Duration length = minutes(form.text(PostmortemModals.LENGTH));
    if (length == null) {
      errors.put(PostmortemModals.LENGTH, "Pick how long it takes.");
    }
    ZonedDateTime start = null;
    if (date != null && time != null) {
      start = ZonedDateTime.of(date, time, zone);
      ZonedDateTime now = ZonedDateTime.now(clock.withZone(zone));
      if (!start.toLocalTime().equals(time)) {
        errors.put(PostmortemModals.TIME, time + " doesn't exist on " + date + " in " + zone.getId()
            + " (the clocks go forward). Pick another time.");
      } else if (!start.isAfter(now)) {
        errors.put(PostmortemModals.DATE, "That is in the past: it is " + SHOWN.format(now) + " in " + zone.getId()
            + " now. Pick a later date or time.");
      } else if (start.isAfter(now.plus(HORIZON))) {
        errors.put(PostmortemModals.DATE, "That is more than " + HORIZON.toDays() + " days away, beyond what Slack "
            + "can remind the channel of. A post-mortem helps most within a week or two.");
      }
    }
    if (!errors.isEmpty()) {
      return ctx.ackWithErrors(errors);
    }
    Meeting meeting = new Meeting(start, length, facilitator, form.users(PostmortemModals.ATTENDEES),
        form.text(PostmortemModals.WHERE));
    Incident i = incident.get();
    int seen = sequence(meta[2]);
    String record = (seen > 0 ? "moved to " : "for ") + SHOWN.format(start) + " " + zone.getId() + ", facilitated by <@"
        + facilitator + ">";
    var outcome = unitOfWork.run(() -> {
      var o = postmortems.schedule(i.id(), user, meeting, seen);
      if (o instanceof PostmortemService.Done) {
        incidents.update(i.channelId(), user, new IncidentUpdate.RecordPostmortem(PostmortemStep.SCHEDULED, record));
      }
      return o;
    });
    if (!(outcome instanceof PostmortemService.Done)) {
      return ctx.ackWithErrors(Map.of(PostmortemModals.DATE, SlackText.plain(PostmortemButtons.alreadyDecided(
          outcome.postmortem())) + " This form is out of date: close it and use [Reschedule] to move the meeting."));
    }
    if (fromHome) {
      home.refresh(user, ":calendar: The post-mortem of " + i.id() + " is " + (seen > 0 ? "moved to " : "set for ")
          + Mrkdwn.date(start, "{date_short_pretty} at {time}") + ", facilitated by " + Mrkdwn.user(facilitator)
          + "; " + Mrkdwn.channel(i.channelId()) + " has the details.");
    }
    return ctx.ack();
  }

  public Response notNeeded(ViewSubmissionRequest req, ViewSubmissionContext ctx) {
    var view = req.getPayload().getView();
    String user = req.getPayload().getUser().getId();
    Optional<Incident> incident = incident(view.getPrivateMetadata());
    String reason = FormState.of(req, PostmortemModals.VALUE).text(PostmortemModals.REASON).strip();
    if (incident.isEmpty()) {
      return ctx.ackWithErrors(Map.of(PostmortemModals.REASON, "This form's incident is gone. Close the form."));
    }
    if (reason.length() < 3) {
      return ctx.ackWithErrors(Map.of(PostmortemModals.REASON, "Say why, in a few words: it goes into the record."));
    }
    if (reason.length() > 1_000) {
      return ctx.ackWithErrors(Map.of(PostmortemModals.REASON, "At most 1,000 characters."));
    }
    Incident i = incident.get();
    var outcome = unitOfWork.run(() -> {
      var o = postmortems.notNeeded(i.id(), user, reason);
      if (o instanceof PostmortemService.Done) {
        incidents.update(i.channelId(), user, new IncidentUpdate.RecordPostmortem(PostmortemStep.NOT_NEEDED, reason));
      }
      return o;
    });
    if (outcome instanceof PostmortemService.AlreadyDecided d) {
      return ctx.ackWithErrors(Map.of(PostmortemModals.REASON,
          SlackText.plain(PostmortemButtons.alreadyDecided(d.postmortem()))));
    }
    return ctx.ack();
  }

  private Optional<Incident> incident(String id) {
    try {
      return repository.byId(new IncidentId(Long.parseLong(id)));
    } catch (NumberFormatException | NullPointerException e) {
      return Optional.empty();
    }
  }

  private static ZoneId zone(String id) {
    try {
      return ZoneId.of(id);
    } catch (DateTimeException e) {
      return ZoneId.of("UTC");
    }
  }

  private static LocalDate date(String s) {
    if (s == null) {
      return null;
    }
    try {
      return LocalDate.parse(s);
    } catch (DateTimeException e) {
      return null;
    }
  }

  private static LocalTime time(String s) {
    if (s == null) {
      return null;
    }
    try {
      return LocalTime.parse(s);
    } catch (DateTimeException e) {
      return null;
    }
  }

  private static int sequence(String s) {
    try {
      return Integer.parseInt(s);
    } catch (NumberFormatException e) {
      return -1; // a form from nowhere matches no meeting
    }
  }

  private static Duration minutes(String s) {
    try {
      Duration d = Duration.ofMinutes(Long.parseLong(s));
      return PostmortemModals.LENGTHS.contains(d) ? d : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
