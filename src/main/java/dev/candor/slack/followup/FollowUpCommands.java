package dev.candor.slack.followup;

import com.slack.api.app_backend.slash_commands.payload.SlashCommandPayload;
import com.slack.api.bolt.context.builtin.SlashCommandContext;
import com.slack.api.bolt.response.Response;
import dev.candor.followup.FollowUp;
import dev.candor.followup.FollowUpService;
import dev.candor.incident.Incident;
import dev.candor.slack.platform.CommandReplies;
import dev.candor.slack.platform.PrivateChannels;
import dev.candor.slack.platform.SlackGateway;
import dev.candor.trackers.TrackerIssue;
import dev.candor.trackers.TrackerLinks;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;

/** {@code /incident followup …} and {@code /incident followups}: each answers with what the caller should see. */
public final class FollowUpCommands {
  private final FollowUpService followUps;
  private final SlackGateway slack;
  private final FollowUpAddForm form;
  private final PrivateChannels members;
  private final ExecutorService background;
  private final TrackerLinks issues;

  /** {@code slack} looks owners up; {@code form} is the modal. Changes are announced as the service makes them. */
  FollowUpCommands(FollowUpService followUps, SlackGateway slack, FollowUpAddForm form, ExecutorService background,
      TrackerLinks issues) {
    this.issues = issues;
    this.followUps = followUps;
    this.slack = slack;
    this.form = form;
    this.members = new PrivateChannels(slack);
    this.background = background;
  }

  /** Answers {@code request} about the follow-ups of {@code incident}, the incident of the command's channel. */
  public Response handle(SlashCommandPayload p, SlashCommandContext ctx, Incident incident,
      FollowUpGrammar.Request request) {
    if (request instanceof FollowUpGrammar.Add a) {
      // looking the owner up and storing take Slack and database time: answer Slack first
      background.execute(() -> {
        String problem = add(p, incident, a);
        if (problem != null) {
          CommandReplies.privately(ctx, problem);
        }
      });
      return ctx.ack();
    }
    String answer;
    if (request instanceof FollowUpGrammar.OpenForm) {
      answer = form.open(p.getTriggerId(), incident);
    } else if (request instanceof FollowUpGrammar.Drop d) {
      answer = drop(p, incident, d);
    } else if (request instanceof FollowUpGrammar.Invalid invalid) {
      answer = invalid.message();
    } else {
      List<FollowUp> all = followUps.forIncident(incident.id());
      Map<Long, TrackerIssue> tracked = new HashMap<>();
      all.forEach(f -> issues.of(f.id()).ifPresent(i -> tracked.put(f.id(), i)));
      answer = FollowUpMessages.list(incident, all, tracked, followUps.now());
    }
    return answer == null ? ctx.ack() : CommandReplies.ephemeral(ctx, answer);
  }

  /**
   * Adds the follow-up, which is announced (after Slack was answered: the owner is looked up first);
   * returns what to tell the caller privately, or null when all went well.
   */
  private String add(SlashCommandPayload p, Incident incident, FollowUpGrammar.Add a) {
    FollowUpInputs.Owner owner = FollowUpInputs.owner(slack, a.owner(), FollowUpGrammar.EXAMPLE);
    if (owner.problem() != null) {
      return owner.problem();
    }
    String outside = members.ownerProblem(incident, a.owner());
    if (outside != null) {
      return outside;
    }
    FollowUpInputs.Due due = FollowUpInputs.due(a.due(), null, followUps.today(owner.zone()), a.owner(), null);
    if (due.problem() != null) {
      return due.problem();
    }
    followUps.create(new FollowUpService.NewFollowUp(incident.id(), a.title(), a.owner(), owner.zone(),
        due.date(), a.level(), p.getUserId()));
    return null;
  }

  /** Drops a follow-up of this incident; returns the caller's answer, or null when it was announced. */
  private String drop(SlashCommandPayload p, Incident incident, FollowUpGrammar.Drop d) {
    var f = followUps.byId(d.id()).filter(x -> x.incidentId().equals(incident.id()));
    if (f.isEmpty()) {
      return incident.id() + " has no follow-up #" + d.id() + ". The numbers are in `/incident followups`.";
    }
    var dropped = followUps.drop(d.id(), p.getUserId(), d.reason());
    if (dropped.isEmpty()) {
      return "Follow-up #" + d.id() + " is " + f.get().status().name().toLowerCase(Locale.ROOT)
          + " already.";
    }
    return null;
  }
}
