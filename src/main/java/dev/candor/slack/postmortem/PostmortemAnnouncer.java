package dev.candor.slack.postmortem;

import com.slack.api.model.User;
import dev.candor.incident.Incident;
import dev.candor.incident.IncidentId;
import dev.candor.incident.IncidentRepository;
import dev.candor.incident.SeverityScale;
import dev.candor.jobs.Job;
import dev.candor.jobs.RetryLater;
import dev.candor.postmortem.IcsInvite;
import dev.candor.postmortem.Meeting;
import dev.candor.postmortem.Postmortem;
import dev.candor.postmortem.PostmortemService;
import dev.candor.slack.platform.ChannelMembers;
import dev.candor.slack.platform.SlackCallFailed;
import dev.candor.slack.platform.SlackFiles;
import dev.candor.slack.platform.SlackGateway;
import dev.candor.slack.platform.SlackJobMessages;
import dev.candor.slack.platform.SlackMessage;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells everyone about a scheduled (or moved) meeting, as one durable job: the details in the channel,
 * the facilitator's checklist by DM, the channel reminders Slack will post (the day before and 15
 * minutes before; earlier ones for this incident are deleted first), and an {@code .ics} invite.
 * A job whose meeting was moved again meanwhile does nothing: the newer job tells the newer meeting.
 */
final class PostmortemAnnouncer {
  private static final Logger log = LoggerFactory.getLogger(PostmortemAnnouncer.class);
  /** Slack schedules messages at most 120 days ahead. */
  static final Duration SCHEDULING_HORIZON = Duration.ofDays(120);
  /** A reminder due sooner than this is not worth scheduling. */
  private static final Duration TOO_SOON = Duration.ofMinutes(1);

  private final PostmortemService postmortems;
  private final IncidentRepository incidents;
  private final SlackJobMessages messages;
  private final SlackGateway slack;
  private final SlackFiles files;
  private final Clock clock;
  private final SeverityScale scale;

  PostmortemAnnouncer(PostmortemService postmortems, IncidentRepository incidents, SlackJobMessages messages,
      SlackGateway slack, SlackFiles files, Clock clock, SeverityScale scale) {
    this.scale = scale;
    this.postmortems = postmortems;
    this.incidents = incidents;
    this.messages = messages;
    this.slack = slack;
    this.files = files;
    this.clock = clock;
  }

  public void run(Job job) {
    String[] payload = job.payload().split(":");
    IncidentId id = new IncidentId(Long.parseLong(payload[0]));
    int sequence = Integer.parseInt(payload[1]);
    Postmortem p = postmortems.of(id);
    Optional<Incident> incident = incidents.byId(id);
    if (p.sequence() != sequence || p.meeting() == null || incident.isEmpty()) {
      return; // moved again since: the newer job announces the newer meeting
    }
    Incident i = incident.get();
    Meeting m = p.meeting();
    try {
      List<Lead> leads = leads(m);
      postmortems.remindersScheduled(id, sequence, replaceReminders(i, m, leads));
      messages.postOnce(job, i.channelId(), PostmortemMessages.meeting(i, m, sequence > 1,
          leads.stream().map(Lead::name).toList()));
      if (p.invited() != sequence) {
        sendInvite(job, i, p); // once: a run after a crash between the share and this mark finds it shared
        postmortems.invited(id, sequence);
      }
    } catch (SlackCallFailed e) {
      throw SlackJobMessages.retryIfTemporary(job, e);
    }
    checklist(job, i, m);
  }

  /**
   * The facilitator's checklist, by DM: only to a member of a private incident's channel (anyone else is told
   * nothing of it; the channel is asked to invite them), and never holding up the rest when a DM can't be sent.
   */
  private void checklist(Job job, Incident i, Meeting m) {
    try {
      if (i.privateChannel() && !ChannelMembers.listsMember(slack, i.channelId(), m.facilitator())) {
        notice(i, PostmortemMessages.facilitatorNotInChannel(m.facilitator()));
        return;
      }
    } catch (SlackCallFailed e) {
      RuntimeException temporary = SlackJobMessages.retryIfTemporary(job, e);
      if (temporary instanceof RetryLater) {
        throw temporary; // a rate limit or an outage on the membership check: nothing was posted, so come back
      }
      log.warn("{}: the channel's members could not be read: {}", i.id(), e.getMessage());
      notice(i, PostmortemMessages.checklistUndelivered(m.facilitator()));
      return;
    }
    try {
      messages.dmOnce(job, m.facilitator(), PostmortemMessages.facilitatorChecklist(i, m));
    } catch (SlackCallFailed e) {
      log.warn("{}: the facilitator's checklist could not be sent: {}", i.id(), e.getMessage());
      notice(i, PostmortemMessages.checklistUndelivered(m.facilitator()));
    }
  }

  /**
   * A notice in the incident's channel, sent once at most: the job is not retried for it (a retry cannot tell
   * whether a notice whose answer was lost went out, and the job's announcement in the channel is already there).
   */
  private void notice(Incident i, SlackMessage message) {
    try {
      slack.call("chat.postMessage", c -> c.chatPostMessage(r -> r.channel(i.channelId()).text(message.text())
          .blocks(message.blocks())));
    } catch (SlackCallFailed e) {
      log.warn("{}: a notice in the channel could not be posted: {}", i.id(), e.getMessage());
    }
  }

  /** The channel reminders still ahead and within Slack's horizon: the day before, and 15 minutes before. */
  private List<Lead> leads(Meeting m) {
    Instant now = clock.instant();
    List<Lead> leads = new ArrayList<>();
    for (Lead lead : List.of(new Lead("the day before", m.start().minusDays(1).toInstant()),
        new Lead("15 minutes before", m.start().minusMinutes(15).toInstant()))) {
      if (!lead.at().isBefore(now.plus(TOO_SOON)) && !lead.at().isAfter(now.plus(SCHEDULING_HORIZON))) {
        leads.add(lead);
      }
    }
    return leads;
  }

  /** Deletes this incident's earlier reminders Slack still holds, then schedules the new ones. */
  private List<String> replaceReminders(Incident i, Meeting m, List<Lead> leads) {
    String mark = PostmortemMessages.REMINDER_MARK + i.id() + " (";
    var scheduled = slack.call("chat.scheduledMessages.list",
        c -> c.chatScheduledMessagesList(r -> r.channel(i.channelId()).limit(100)));
    if (scheduled.getScheduledMessages() != null) {
      for (var s : scheduled.getScheduledMessages()) {
        if (s.getText() != null && s.getText().startsWith(mark)) {
          try {
            slack.call("chat.deleteScheduledMessage", c -> c.chatDeleteScheduledMessage(r -> r.channel(i.channelId())
                .scheduledMessageId(s.getId())));
          } catch (SlackCallFailed e) {
            if (!"invalid_scheduled_message_id".equals(e.error())) {
              throw e;
            }
          }
        }
      }
    }
    List<String> ids = new ArrayList<>();
    for (Lead lead : leads) {
      String text = PostmortemMessages.reminder(i, m, lead.at());
      var r = slack.call("chat.scheduleMessage", c -> c.chatScheduleMessage(q -> q.channel(i.channelId())
          .postAt(Math.toIntExact(lead.at().getEpochSecond())).text(text)));
      ids.add(r.getScheduledMessageId());
    }
    return ids;
  }

  /** A channel reminder: its name in the meeting message, and when Slack posts it. */
  private record Lead(String name, Instant at) {}

  /** The invite: ORGANIZER the one who scheduled, ATTENDEE everyone invited with an address. */
  private void sendInvite(Job job, Incident i, Postmortem p) {
    Meeting m = p.meeting();
    IcsInvite.Person organizer = person(p.decidedBy());
    Set<String> invited = new LinkedHashSet<>();
    invited.add(m.facilitator());
    invited.addAll(m.attendees());
    invited.remove(p.decidedBy());
    List<IcsInvite.Person> attendees = invited.stream().map(this::person).toList();
    String summary = "Post-mortem: " + i.id() + " " + i.title();
    String description = "Blameless post-mortem of " + i.id() + " (" + i.title() + "), " + scale.level(i.severity()).name()
        + ". We are here to learn how the system made this possible, not who to blame. Channel: #"
        + (i.channelName() == null ? i.channelId() : i.channelName()) + ".";
    String ics = IcsInvite.of(uid(i), p.sequence() - 1, clock.instant(), summary, description, m, organizer, attendees);
    String file = "postmortem-" + i.id() + ".ics";
    // each version its own title, so a look for this version's file never mistakes the one it replaces for it
    String title = "Invite: post-mortem of " + i.id() + (p.sequence() > 1 ? ", version " + p.sequence() : "");
    files.shareOnce(job, i.channelId(), file, title, ics.getBytes(StandardCharsets.UTF_8),
        ":calendar: The calendar invite for the post-mortem of " + i.id()
            + (p.sequence() > 1 ? " (updated: it replaces the earlier one)." : ".")
            + " Open it to add the meeting to your calendar.");
  }

  /** One UID per incident's meeting, so a calendar replaces the old invite with the new. */
  static String uid(Incident i) {
    return "postmortem-" + i.id() + "-" + i.channelId() + "@candor";
  }

  private IcsInvite.Person person(String userId) {
    try {
      User u = slack.call("users.info", c -> c.usersInfo(r -> r.user(userId))).getUser();
      String email = u == null || u.getProfile() == null ? null : u.getProfile().getEmail();
      String name = u == null ? userId
          : u.getRealName() != null && !u.getRealName().isBlank() ? u.getRealName() : u.getName();
      return new IcsInvite.Person(userId, name == null ? userId : name,
          Optional.ofNullable(email).filter(e -> !e.isBlank()));
    } catch (SlackCallFailed e) {
      if ("user_not_found".equals(e.error())) {
        log.info("invite: {} is not in the workspace; named without an address", userId);
        return new IcsInvite.Person(userId, userId, Optional.empty());
      }
      throw e;
    }
  }
}
