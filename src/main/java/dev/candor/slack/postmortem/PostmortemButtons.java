package dev.candor.slack.postmortem;

import com.slack.api.bolt.context.builtin.ActionContext;
import com.slack.api.bolt.request.builtin.BlockActionRequest;
import com.slack.api.bolt.response.Response;
import com.slack.api.model.view.View;
import dev.candor.incident.Incident;
import dev.candor.incident.IncidentId;
import dev.candor.incident.IncidentService;
import dev.candor.incident.IncidentState;
import dev.candor.incident.IncidentUpdate;
import dev.candor.incident.PostmortemStep;
import dev.candor.postmortem.Decision;
import dev.candor.postmortem.Postmortem;
import dev.candor.postmortem.PostmortemService;
import dev.candor.slack.platform.Mrkdwn;
import dev.candor.slack.platform.People;
import dev.candor.slack.platform.Replies;
import dev.candor.slack.platform.SlackCallFailed;
import dev.candor.slack.platform.SlackGateway;
import dev.candor.slack.postmortem.PostmortemModals.ScheduleDefaults;
import dev.candor.timeline.EntryKind;
import dev.candor.timeline.Source;
import dev.candor.timeline.TimelineEntry;
import dev.candor.timeline.TimelineService;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The post-mortem's buttons: [Schedule post-mortem], [Not needed…], [Remind me tomorrow] on the prompt;
 * [Open post-mortem] and [Reschedule] on the meeting. A button acts on the incident of the channel it
 * was clicked in, and only while that still makes sense: a stale click says what happened instead.
 */
final class PostmortemButtons {
  private static final Logger log = LoggerFactory.getLogger(PostmortemButtons.class);
  /** Attendees the form starts with, at most. */
  static final int MAX_PREFILLED = 30;

  private final PostmortemService postmortems;
  private final IncidentService incidents;
  private final TimelineService timeline;
  private final SlackGateway withinAck;
  private final PostmortemDocuments documents;
  private final ExecutorService background;
  private final String botUserId;
  private final Clock clock;

  PostmortemButtons(PostmortemService postmortems, IncidentService incidents, TimelineService timeline, SlackGateway withinAck, PostmortemDocuments documents, ExecutorService background,
      String botUserId, Clock clock) {
    this.postmortems = postmortems;
    this.incidents = incidents;
    this.timeline = timeline;
    this.withinAck = withinAck;
    this.documents = documents;
    this.background = background;
    this.botUserId = botUserId;
    this.clock = clock;
  }

  /** [Schedule post-mortem] and [Reschedule]: the form, prefilled. */
  public Response schedule(BlockActionRequest req, ActionContext ctx) {
    Optional<Incident> incident = incident(req);
    if (incident.isEmpty()) {
      return stale(req, ctx, "That button belongs to an incident I can't find in this channel any more.");
    }
    Optional<String> cannot = cannotSchedule(incident.get());
    if (cannot.isPresent()) {
      return stale(req, ctx, cannot.get());
    }
    String user = req.getPayload().getUser().getId();
    String trigger = req.getPayload().getTriggerId();
    Incident i = incident.get();
    // the trigger lasts 3 seconds from the click: open the form right after answering Slack
    background.execute(() -> openScheduleForm(trigger, user, i, false, text -> privately(ctx, text)));
    return ctx.ack();
  }

  /** Why {@code i} can't have its post-mortem scheduled, if it can't. */
  static Optional<String> cannotSchedule(Incident i) {
    return i.state() == IncidentState.CANCELLED
        ? Optional.of(i.id() + " was cancelled (declared by mistake), so it has no post-mortem.")
        : Optional.empty();
  }

  /** [Not needed…]: asks for the reason, unless someone already decided. */
  public Response notNeeded(BlockActionRequest req, ActionContext ctx) {
    Optional<Incident> incident = incident(req);
    if (incident.isEmpty()) {
      return stale(req, ctx, "That button belongs to an incident I can't find in this channel any more.");
    }
    Postmortem p = postmortems.of(incident.get().id());
    if (p.decision() != Decision.PENDING) {
      return stale(req, ctx, alreadyDecided(p));
    }
    String trigger = req.getPayload().getTriggerId();
    IncidentId id = incident.get().id();
    background.execute(() -> open(trigger, PostmortemModals.notNeeded(id), text -> privately(ctx, text)));
    return ctx.ack();
  }

  /** [Remind me tomorrow]: the prompt comes again a day from now; the channel is told who asked. */
  public Response remindTomorrow(BlockActionRequest req, ActionContext ctx) {
    Optional<Incident> incident = incident(req);
    if (incident.isEmpty()) {
      return stale(req, ctx, "That button belongs to an incident I can't find in this channel any more.");
    }
    Incident i = incident.get();
    String user = req.getPayload().getUser().getId();
    var outcome = postmortems.remindTomorrow(i.id());
    if (outcome instanceof PostmortemService.AlreadyDecided d) {
      return stale(req, ctx, alreadyDecided(d.postmortem()));
    }
    if (outcome instanceof PostmortemService.AlreadyAsked) {
      return stale(req, ctx, "A reminder for tomorrow is already set; I'll ask this channel again then.");
    }
    incidents.update(i.channelId(), user, new IncidentUpdate.RecordPostmortem(PostmortemStep.REMIND_TOMORROW, ""));
    return ctx.ack();
  }

  /** [Open post-mortem]: the draft, as the channel's canvas (or a file where canvases can't be). */
  public Response open(BlockActionRequest req, ActionContext ctx) {
    Optional<Incident> incident = incident(req);
    if (incident.isEmpty()) {
      return stale(req, ctx, "That button belongs to an incident I can't find in this channel any more.");
    }
    String user = req.getPayload().getUser().getId();
    background.execute(() -> documents.open(incident.get(), user, text -> privately(ctx, text)));
    return ctx.ack();
  }

  /**
   * Opens the schedule form (prefilled, in {@code user}'s time zone) with {@code trigger}; {@code fromHome} marks
   * a form opened from the App Home, which is published again once it is submitted. {@code privately} tells the
   * clicker when the form cannot be opened.
   */
  void openScheduleForm(String trigger, String user, Incident i, boolean fromHome, Consumer<String> privately) {
    Optional<ZoneId> known = People.zone(withinAck, user);
    ZoneId zone = known.orElse(ZoneId.of("UTC"));
    Postmortem p = postmortems.of(i.id());
    String note = switch (p.decision()) {
      case SCHEDULED -> p.scheduledMeeting().map(m -> "Already scheduled by " + Mrkdwn.user(p.decidedBy()) + " for "
          + Mrkdwn.date(m.start(), "{date_short_pretty} at {time}") + ". Submitting this form moves it.").orElse("");
      case NOT_NEEDED -> Mrkdwn.user(p.decidedBy()) + " decided no post-mortem is needed (" + Mrkdwn.words(
          p.reason() == null ? "" : Mrkdwn.clip(p.reason(), 200)) + "). Scheduling one anyway is fine; the record keeps both.";
      case PENDING -> "";
    };
    ScheduleDefaults defaults = p.scheduledMeeting()
        .map(m -> new ScheduleDefaults(m.facilitator(), m.start().withZoneSameInstant(zone).toLocalDate(),
            m.start().withZoneSameInstant(zone).toLocalTime(), m.length(), m.attendees(), m.where()))
        .orElseGet(() -> new ScheduleDefaults(null, nextWorkingDay(LocalDate.now(clock.withZone(zone))),
            LocalTime.of(10, 0), Duration.ofHours(1), participants(i), ""));
    open(trigger, PostmortemModals.schedule(i.id(), zone, known.isPresent(), p.sequence(), note, defaults, fromHome),
        privately);
  }

  private void open(String trigger, View view, Consumer<String> privately) {
    try {
      withinAck.call("views.open", c -> c.viewsOpen(r -> r.triggerId(trigger).view(view)));
    } catch (SlackCallFailed e) {
      log.warn("opening a post-mortem form failed: {}", e.getMessage());
      privately.accept("I couldn't open the form (Slack answered `" + e.error() + "`). Try the button again.");
    }
  }

  /** The people who took part: who held a role and who wrote in the channel, in order of appearance. */
  List<String> participants(Incident i) {
    Set<String> people = new LinkedHashSet<>();
    Stream.of(i.declaredBy(), i.roles().commander(), i.roles().comms(), i.roles().scribe())
        .filter(PostmortemButtons::isPerson).forEach(people::add);
    for (TimelineEntry e : timeline.entries(i.id())) {
      if (people.size() >= MAX_PREFILLED) {
        break;
      }
      if ((e.kind() == EntryKind.MESSAGE || e.kind() == EntryKind.MEMBER_JOINED) && e.source() != Source.CANDOR
          && isPerson(e.actor()) && !e.actor().equals(botUserId)) {
        people.add(e.actor());
      }
    }
    return people.stream().limit(MAX_PREFILLED).toList();
  }

  private static boolean isPerson(String id) {
    return id != null && (id.startsWith("U") || id.startsWith("W"));
  }

  static LocalDate nextWorkingDay(LocalDate today) {
    LocalDate d = today.plusDays(1);
    while (d.getDayOfWeek() == DayOfWeek.SATURDAY || d.getDayOfWeek() == DayOfWeek.SUNDAY) {
      d = d.plusDays(1);
    }
    return d;
  }

  static String alreadyDecided(Postmortem p) {
    return switch (p.decision()) {
      case SCHEDULED -> p.scheduledMeeting().map(m -> Mrkdwn.user(p.decidedBy()) + " already scheduled the post-mortem for "
          + Mrkdwn.date(m.start(), "{date_short_pretty} at {time}") + ". [Reschedule] on that message moves it.")
          .orElse("The post-mortem is already scheduled.");
      case NOT_NEEDED -> Mrkdwn.user(p.decidedBy()) + " already decided no post-mortem is needed: "
          + Mrkdwn.words(p.reason() == null ? "" : p.reason());
      case PENDING -> "Nothing is decided yet.";
    };
  }

  /** The incident of the channel the button was clicked in, if the button is about that incident. */
  private Optional<Incident> incident(BlockActionRequest req) {
    var p = req.getPayload();
    if (p.getActions() == null || p.getActions().isEmpty() || p.getChannel() == null) {
      return Optional.empty();
    }
    Optional<Incident> here = incidents.inChannel(p.getChannel().getId());
    String value = p.getActions().get(0).getValue();
    return here.filter(i -> i.id().toString().equals(value));
  }

  private Response stale(BlockActionRequest req, ActionContext ctx, String text) {
    privately(ctx, text);
    return ctx.ack();
  }

  private void privately(ActionContext ctx, String text) {
    Replies.later(background, ctx, r -> r.responseType("ephemeral").replaceOriginal(false).text(text));
  }
}
