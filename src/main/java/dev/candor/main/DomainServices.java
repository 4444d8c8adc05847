package dev.candor.main;

import dev.candor.catchup.Catchups;
import dev.candor.followup.Facilitators;
import dev.candor.followup.FollowUpJournal;
import dev.candor.followup.FollowUpRepository;
import dev.candor.followup.FollowUpService;
import dev.candor.followup.LevelsQuestion;
import dev.candor.followup.ReminderPlan;
import dev.candor.followup.TimelineFollowUpJournal;
import dev.candor.followup.WeeklyDigest;
import dev.candor.hooks.Webhooks;
import dev.candor.incident.ChannelNamer;
import dev.candor.incident.IncidentNotifier;
import dev.candor.incident.IncidentRepository;
import dev.candor.incident.IncidentService;
import dev.candor.nudge.BlameDetector;
import dev.candor.nudge.NudgeService;
import dev.candor.nudge.RuleSet;
import dev.candor.paging.Paging;
import dev.candor.postmortem.Meeting;
import dev.candor.postmortem.PostmortemService;
import dev.candor.slack.card.Cards;
import dev.candor.slack.catchup.CatchupFeature;
import dev.candor.slack.followup.FollowUpAnnouncements;
import dev.candor.slack.followup.TrackerNoticesInChannel;
import dev.candor.slack.incident.Announcements;
import dev.candor.slack.incident.SlackIncidentWorkspace;
import dev.candor.slack.incident.StaleUpdates;
import dev.candor.slack.platform.KeptMembers;
import dev.candor.slack.platform.MemberRefresh;
import dev.candor.slack.platform.PrivateChannels;
import dev.candor.slack.platform.SlackInfrastructure;
import dev.candor.slack.platform.UserZones;
import dev.candor.slack.postmortem.ResolutionAsk;
import dev.candor.store.TimelineJournal;
import dev.candor.timeline.TimelineService;
import java.util.List;
import java.util.Optional;

/**
 * The domain's services over the {@link Storage}, with the Slack-side ports they report through: what the
 * features at the Slack edge act on.
 */
record DomainServices(TimelineService timeline, PostmortemService postmortems, Announcements announcements,
    IncidentRepository repository, StaleUpdates stale, IncidentService incidents, NudgeService nudges,
    FollowUpService followUps, LevelsQuestion levels, WeeklyDigest digest, KeptMembers members,
    MemberRefresh memberRefresh, Paging paging, Cards cards, CatchupFeature catchups,
    Optional<Trackers> trackers) {

  static DomainServices assemble(SlackInfrastructure infra, Storage storage, RuleSet rules) {
    var settings = infra.settings();
    var clock = infra.clock();
    var timeline = new TimelineService(storage.timeline(), storage.key(), clock);
    // one masker at the edge where words enter the domain: every service that accepts text masks it first
    var mask = timeline.masker();
    var postmortems = new PostmortemService(storage.postmortems(), infra.jobs(), infra.unitOfWork(),
        settings.postmortemPromptAfter(), mask, clock);
    // what Candor says about a change in its channel is a durable job, one queue per incident
    var announcements = new Announcements(infra.jobs(), infra.unitOfWork(), settings.incidentsChannel(), clock,
        new ResolutionAsk(postmortems), settings.declare().severities());
    // each change goes into the timeline, a resolution schedules its post-mortem prompt, and the change's
    // announcement is scheduled, in the transaction that makes the change: none is lost to a crash after it
    var journal = new TimelineJournal(timeline);
    // every lifecycle change is also a signed webhook to each of CANDOR_WEBHOOK_URLS, scheduled with the change
    var webhooks = new Webhooks(settings.webhooks().urls(), infra.jobs(), clock);
    // declaring at or above CANDOR_PAGE_AT pages the on-call through PagerDuty, scheduled with the change too
    var paging = new Paging(settings.paging().routingKey(), settings.paging().pageAt(), settings.paging().services(),
        infra.jobs(), infra.unitOfWork(), mask, clock, settings.declare().severities());
    // the living incident card: posted with the declaration (ahead of its announcement), edited after each change
    var cards = new Cards(infra.jobs(), clock);
    var repository = storage.incidents((c, incident, change, version) -> {
      journal.record(c, incident, change, version);
      cards.incidentChanged(incident, change);
      postmortems.incidentChanged(incident.id(), change.kind());
      announcements.incidentChanged(incident, change, version);
      webhooks.incidentChanged(incident, change, version);
      paging.incidentChanged(incident, change);
    });
    // the job side of every feature calls Slack through infra.forJobs(): a job never waits on Slack
    var forJobs = infra.forJobs();
    var stale = new StaleUpdates(infra.jobs(), repository, forJobs.messages(), new PrivateChannels(forJobs.gateway()),
        settings.statusReminder(), clock, settings.declare().severities());
    // who is in each incident channel, kept from member events and seeded and refreshed by durable jobs
    // (a look at one's incidents reads a never-read channel on a worker thread; the refresh job reads through forJobs)
    var members = new KeptMembers(storage.members(), infra.gateway(), clock);
    var memberRefresh = new MemberRefresh(new KeptMembers(storage.members(), forJobs.gateway(), clock), repository,
        infra.jobs(), clock);
    // a catch-up for whoever joins late: who is present is read at declaration, a join later gets one DM
    var catchups = CatchupFeature.assemble(infra, repository, new Catchups(timeline, storage.followUps(), clock),
        storage.catchups());
    var incidents = new IncidentService(repository,
        new SlackIncidentWorkspace(infra.gateway(), infra.identity().userId()),
        IncidentNotifier.all(List.of(stale, memberRefresh, catchups.notifier())),
        new ChannelNamer(settings.declare().channelName()), settings.timezone(), mask, clock,
        settings.declare().severities());
    var nudges = new NudgeService(
        new BlameDetector(rules, settings.nudgeModel() ? NudgeModel.whenLoaded() : Optional::empty), storage.nudges(),
        settings.nudgeCooldown(), clock);
    FollowUpRepository followUpStore = storage.followUps();
    // Who is asked about follow-up levels and gets the weekly digest: the post-mortem's facilitator, or the
    // commander while none is named. A facilitator outside a private incident's channel is passed over for the
    // commander.
    Facilitators facilitators = new PrivateChannels(forJobs.gateway()).insideOnly(
        id -> postmortems.of(id).scheduledMeeting().map(Meeting::facilitator), Facilitators.commanders(repository),
        repository);
    var levels = new LevelsQuestion(followUpStore, repository, facilitators, infra.jobs(),
        settings.followUpLevelsAfter(), clock);
    // with CANDOR_TRACKER, each follow-up is an issue there, kept in step by jobs scheduled with each change
    var trackers = Trackers.of(settings.tracker(), storage.trackerLinks(), followUpStore, repository, infra.jobs(),
        new TrackerNoticesInChannel(repository, announcements), clock);
    FollowUpJournal followUpJournal = new TimelineFollowUpJournal(repository, timeline)
        .andThen(new FollowUpAnnouncements(repository, announcements)).andThen(webhooks.followUps(repository));
    if (trackers.isPresent()) {
      followUpJournal = followUpJournal.andThen(trackers.get().sync().journal());
    }
    var followUps = new FollowUpService(followUpStore, infra.jobs(), new ReminderPlan(settings.followUpRemindDays()),
        clock, infra.unitOfWork(), followUpJournal, levels, mask);
    trackers.ifPresent(t -> t.bringBackTo(followUps, settings.socketMode()));
    var digest = new WeeklyDigest(followUpStore, repository, facilitators, new UserZones(forJobs.gateway()),
        infra.jobs(), clock);
    return new DomainServices(timeline, postmortems, announcements, repository, stale, incidents, nudges, followUps,
        levels, digest, members, memberRefresh, paging, cards, catchups, trackers);
  }
}
