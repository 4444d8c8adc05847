package dev.candor.slack.postmortem;

import com.slack.api.model.canvas.CanvasDocumentContent;
import dev.candor.followup.FollowUp;
import dev.candor.followup.FollowUpService;
import dev.candor.incident.Incident;
import dev.candor.incident.IncidentService;
import dev.candor.incident.IncidentState;
import dev.candor.incident.IncidentUpdate;
import dev.candor.incident.PostmortemStep;
import dev.candor.incident.SeverityScale;
import dev.candor.nudge.NudgeService;
import dev.candor.postmortem.MarkdownText;
import dev.candor.postmortem.Names;
import dev.candor.postmortem.Postmortem;
import dev.candor.postmortem.Postmortem.Document;
import dev.candor.postmortem.PostmortemComposer;
import dev.candor.postmortem.PostmortemRecord;
import dev.candor.postmortem.PostmortemService;
import dev.candor.slack.incident.Announcements;
import dev.candor.slack.platform.SlackCallFailed;
import dev.candor.slack.platform.SlackFiles;
import dev.candor.slack.platform.SlackGateway;
import dev.candor.timeline.Timeline;
import dev.candor.timeline.TimelineService;
import dev.candor.trackers.TrackerIssue;
import dev.candor.trackers.TrackerLinks;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens the post-mortem draft, composed from the record, as the channel's canvas. A channel that already
 * has a canvas gets a link to it; a workspace that cannot have channel canvases gets a Markdown file in
 * the channel. Opening again links to the document already there.
 */
final class PostmortemDocuments {
  private static final Logger log = LoggerFactory.getLogger(PostmortemDocuments.class);
  /** What Slack answers where a channel canvas cannot be made: the draft becomes a file instead. */
  static final Set<String> NO_CANVASES = Set.of("team_tier_cannot_create_channel_canvases",
      "canvas_disabled_user_team", "free_teams_cannot_create_non_tabbed_canvases", "feature_not_enabled",
      "not_allowed", "restricted_action", "canvas_disabled");
  /** What Slack answers where the channel has its canvas already. */
  static final Set<String> CANVAS_EXISTS = Set.of("channel_canvas_already_exists", "free_team_canvas_tab_already_exists");

  private final PostmortemService postmortems;
  private final IncidentService incidents;
  private final TimelineService timeline;
  private final FollowUpService followUps;
  private final NudgeService nudges;
  private final SlackGateway slack;
  private final SlackFiles files;
  private final Announcements announcements;
  private final ZoneId zone;
  private final TrackerLinks issues;
  private final SeverityScale scale;
  private final ConcurrentHashMap<Long, Object> locks = new ConcurrentHashMap<>();

  PostmortemDocuments(PostmortemService postmortems, IncidentService incidents, TimelineService timeline,
      FollowUpService followUps, NudgeService nudges, SlackGateway slack, SlackFiles files,
      Announcements announcements, ZoneId zone, TrackerLinks issues, SeverityScale scale) {
    this.scale = scale;
    this.issues = issues;
    this.postmortems = postmortems;
    this.incidents = incidents;
    this.timeline = timeline;
    this.followUps = followUps;
    this.nudges = nudges;
    this.slack = slack;
    this.files = files;
    this.announcements = announcements;
    this.zone = zone;
  }

  /** Opens (or finds) the draft of {@code incident} for {@code by}; {@code privately} answers only them. */
  public void open(Incident incident, String by, Consumer<String> privately) {
    synchronized (locks.computeIfAbsent(incident.id().value(), k -> new Object())) {
      Incident now = incidents.inChannel(incident.channelId()).orElse(incident);
      if (now.state() == IncidentState.CANCELLED) {
        privately.accept(now.id() + " was cancelled (declared by mistake), so it has no post-mortem.");
        return;
      }
      if (now.isOpen()) {
        privately.accept(now.id() + " is still " + now.state().word() + ". The draft is built from the finished record: "
            + "resolve it first with `/incident resolve`, then open the post-mortem.");
        return;
      }
      Postmortem p = postmortems.of(incident.id());
      if (p.document() != null) {
        privately.accept(PostmortemMessages.documentExists(p.document()));
        return;
      }
      Document made;
      try {
        made = make(now, p);
      } catch (SlackCallFailed e) {
        log.warn("{}: opening the post-mortem document failed: {}", incident.id(), e.getMessage());
        privately.accept("I couldn't open the post-mortem document (Slack answered `" + e.error()
            + "`). Try again in a moment; `candor export " + incident.id() + "` gives the timeline meanwhile.");
        return;
      }
      Document kept = postmortems.documentOpened(incident.id(), made);
      announcements.together(now, () -> incidents.update(incident.channelId(), by,
          new IncidentUpdate.RecordPostmortem(PostmortemStep.DOCUMENT_OPENED, kept.kind().name().toLowerCase()
              .replace('_', ' ') + " " + kept.id())), updated -> PostmortemMessages.documentOpened(now, kept, by));
    }
  }

  private Document make(Incident incident, Postmortem p) {
    try {
      // live mentions for the people the record names; plain names for those people's words mention
      String markdown = compose(incident, p, Names.canvasMentions().knowing(directory()));
      var created = slack.call("conversations.canvases.create", c -> c.conversationsCanvasesCreate(r -> r
          .channelId(incident.channelId()).title("Post-mortem: " + incident.id() + " " + incident.title())
          .documentContent(CanvasDocumentContent.builder().type("markdown").markdown(markdown).build())));
      return new Document(Document.Kind.CANVAS, created.getCanvasId(), files.permalink(created.getCanvasId()));
    } catch (SlackCallFailed e) {
      if (CANVAS_EXISTS.contains(e.error())) {
        return existingCanvas(incident, p);
      }
      if (!NO_CANVASES.contains(e.error())) {
        throw e;
      }
      log.info("{}: no channel canvas here ({}); sharing the draft as a Markdown file", incident.id(), e.error());
    }
    String markdown = compose(incident, p, slackNames());
    var shared = files.share(incident.channelId(), "postmortem-" + incident.id() + ".md",
        "Post-mortem draft: " + incident.id(), markdown.getBytes(StandardCharsets.UTF_8),
        ":memo: The post-mortem draft of " + incident.id() + ", built from the record. Download it, write the "
            + "narrative, and keep it where your team keeps its post-mortems.");
    return new Document(Document.Kind.FILE, shared.id(), shared.permalink());
  }

  /** Links the canvas the channel has, and shares the draft beside it as a file, so nothing is overwritten or lost. */
  private Document existingCanvas(Incident incident, Postmortem p) {
    var info = slack.call("conversations.info", c -> c.conversationsInfo(r -> r.channel(incident.channelId())));
    var props = info.getChannel() == null ? null : info.getChannel().getProperties();
    String id = props == null || props.getCanvas() == null ? null : props.getCanvas().getFileId();
    if (id == null) {
      throw new SlackCallFailed("conversations.info", "channel_canvas_not_found");
    }
    String link = files.permalink(id);
    files.share(incident.channelId(), "postmortem-" + incident.id() + ".md", "Post-mortem draft: " + incident.id(),
        compose(incident, p, slackNames()).getBytes(StandardCharsets.UTF_8),
        ":memo: This channel already has a canvas, so I didn't overwrite it. Here is the post-mortem draft of "
            + incident.id() + " as Markdown, to paste into it or keep beside it.");
    return new Document(Document.Kind.EXISTING_CANVAS, id, link);
  }

  /** {@code @Real Name} from Slack profiles, for a file (which shows no live mentions); an id when unknown. */
  private Names slackNames() {
    Map<String, String> names = new HashMap<>();
    Names handles = id -> {
      if (id == null || !Names.SLACK_ID.matcher(id).matches()) {
        return MarkdownText.escape(id == null ? "someone" : id);
      }
      return MarkdownText.escape("@" + names.computeIfAbsent(id, this::displayName));
    };
    return handles.knowing(known(names));
  }

  /** The names Slack's profiles give people (users.info, asked once a person), for plain text. */
  private Function<String, Optional<String>> directory() {
    return known(new HashMap<>());
  }

  private Function<String, Optional<String>> known(Map<String, String> names) {
    return id -> {
      if (!Names.SLACK_ID.matcher(id).matches()) {
        return Optional.empty();
      }
      String name = names.computeIfAbsent(id, this::displayName);
      return name.equals(id) ? Optional.empty() : Optional.of(name);
    };
  }

  private String displayName(String userId) {
    try {
      var u = slack.call("users.info", c -> c.usersInfo(r -> r.user(userId))).getUser();
      String name = u == null ? null : u.getRealName() != null && !u.getRealName().isBlank() ? u.getRealName() : u.getName();
      return name == null || name.isBlank() ? userId : name;
    } catch (SlackCallFailed e) {
      return userId;
    }
  }

  private String compose(Incident incident, Postmortem p, Names names) {
    Timeline t = Timeline.of(incident, timeline.entries(incident.id()));
    List<FollowUp> all = followUps.forIncident(incident.id());
    Map<Long, TrackerIssue> tracked = new HashMap<>();
    all.forEach(f -> issues.of(f.id()).ifPresent(i -> tracked.put(f.id(), i)));
    PostmortemRecord record = new PostmortemRecord(incident, t, all,
        p.meeting() == null ? null : p.meeting().facilitator(), p.scheduledMeeting(),
        nudges.shownIn(incident.channelId()), zone);
    return new PostmortemComposer(names).withIssues(tracked).withScale(scale).compose(record);
  }
}
