package dev.candor.slack.incident;


import com.slack.api.model.block.LayoutBlock;
import dev.candor.incident.Durations;
import dev.candor.incident.Incident;
import dev.candor.incident.IncidentChange;
import dev.candor.incident.IncidentState;
import dev.candor.incident.PostmortemStep;
import dev.candor.incident.Role;
import dev.candor.incident.Severity;
import dev.candor.incident.SeverityScale;
import dev.candor.slack.platform.Mrkdwn;
import dev.candor.slack.platform.SlackMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** The messages Candor posts about incidents. Pure: domain objects in, text and blocks out. */
public final class IncidentMessages {
  static final int TOPIC_LIMIT = 250;

  /** The answer to anything that needs an incident, asked outside an incident channel. */
  public static final String NOT_AN_INCIDENT_CHANNEL = "This only works in an incident channel. Declare one with "
      + Mrkdwn.code("/incident declare <title> [sev1..sev4]") + ", or see yours with `/incident list`.";

  private IncidentMessages() {}

  /** The answer to declaring (or opening the form) in a channel that already is an incident's. */
  public static String alreadyIncident(Incident incident) {
    return "This channel already is " + incident.id() + " (" + incident.state().word() + "). "
        + "Update it with " + Mrkdwn.code("/incident status <update>") + ", or declare a new incident from another channel.";
  }

  /** The channel topic: status · severity · commander, kept current. */
  public static String topic(Incident incident) {
    return topic(incident, SeverityScale.defaults());
  }

  /** The channel topic, the severity by the team's name for it. */
  public static String topic(Incident incident, SeverityScale scale) {
    String topic = incident.state().label() + " · " + scale.level(incident.severity()).name() + " · Commander: "
        + Mrkdwn.user(incident.roles().commander()) + " · " + incident.id() + ": ";
    String title = incident.title();
    String escaped = Mrkdwn.words(title);
    for (int n = title.length(); topic.length() + escaped.length() > TOPIC_LIMIT && n > 1; n--) {
      escaped = Mrkdwn.words(Mrkdwn.clip(title, n));
    }
    return topic + escaped;
  }

  /** Where the incident was declared from, and in the incidents channel. */
  public static SlackMessage declaredElsewhere(Incident incident) {
    return declaredElsewhere(incident, SeverityScale.defaults());
  }

  /** Where the incident was declared from, and in the incidents channel, the severity as {@code scale} names it. */
  public static SlackMessage declaredElsewhere(Incident incident, SeverityScale scale) {
    String text = ":rotating_light: " + Mrkdwn.user(incident.declaredBy()) + " declared *" + incident.id()
        + ": " + Mrkdwn.words(incident.title()) + "* (" + Mrkdwn.words(scale.label(incident.severity())) + "). Join "
        + Mrkdwn.channel(incident.channelId()) + " to help.";
    return new SlackMessage(Mrkdwn.clip(text, Mrkdwn.SECTION_LIMIT),
        List.of(Mrkdwn.section(text)));
  }

  /** The announcement of one change, in the incident channel. */
  public static SlackMessage change(Incident incident, IncidentChange change, Instant now) {
    return change(incident, change, now, SeverityScale.defaults());
  }

  /** The announcement of one change, a severity named as {@code scale} names it. */
  public static SlackMessage change(Incident incident, IncidentChange change, Instant now, SeverityScale scale) {
    String text = Mrkdwn.clip(describe(incident, change, now, scale), Mrkdwn.SECTION_LIMIT);
    return new SlackMessage(text, List.of(Mrkdwn.section(text)));
  }

  /**
   * The announcement of a resolution: the news, with what it {@code carries} (the post-mortem's question and its
   * buttons while nobody has decided) in the same message.
   */
  public static SlackMessage resolved(Incident incident, IncidentChange change, Optional<SlackMessage> carries) {
    return resolved(incident, change, carries, SeverityScale.defaults());
  }

  /** As above, a severity named as {@code scale} names it. */
  public static SlackMessage resolved(Incident incident, IncidentChange change, Optional<SlackMessage> carries,
      SeverityScale scale) {
    if (carries.isEmpty()) {
      return change(incident, change, change.at(), scale);
    }
    String text = Mrkdwn.clip(describe(incident, change, change.at(), scale) + "\n" + carries.get().text(),
        Mrkdwn.SECTION_LIMIT);
    List<LayoutBlock> blocks = new ArrayList<>();
    blocks.add(Mrkdwn.section(text));
    blocks.addAll(carries.get().blocks());
    return new SlackMessage(text, blocks);
  }

  static String describe(Incident incident, IncidentChange change, Instant now) {
    return describe(incident, change, now, SeverityScale.defaults());
  }

  static String describe(Incident incident, IncidentChange change, Instant now, SeverityScale scale) {
    String who = Mrkdwn.user(change.actor());
    String said = change.text().isBlank() ? "" : "\n>" + Mrkdwn.words(change.text()).replace("\n", "\n>");
    return switch (change.kind()) {
      case DECLARED -> who + " declared " + incident.id() + ".";
      case STATUS -> ":memo: *" + IncidentState.valueOf(change.value()).label() + "* — update from " + who + said;
      case MITIGATED -> ":adhesive_bandage: " + who + " marked " + incident.id() + " *mitigated* after "
          + Durations.words(Duration.between(incident.times().started(), change.at()))
          + ": impact has stopped, and it is *" + incident.state().label() + "* until it is resolved." + said;
      case SEVERITY -> ":vertical_traffic_light: " + who + " set severity to *"
          + Mrkdwn.words(scale.level(Severity.valueOf(change.value())).name()) + "* (" + Mrkdwn.words(was(change.text(), scale))
          + ").";
      case ROLE -> {
        String[] roleUser = change.value().split("=", 2);
        yield ":bust_in_silhouette: " + who + " made " + Mrkdwn.user(roleUser[1]) + " *"
            + Role.valueOf(roleUser[0]).label() + "*.";
      }
      case TITLE -> ":pencil2: " + who + " renamed the incident to *" + Mrkdwn.words(change.text()) + "*.";
      case SUMMARY -> ":page_facing_up: " + who + " updated the summary:" + said;
      case RESOLVED -> ":white_check_mark: " + who + " *resolved* " + incident.id() + " after "
          + Durations.words(incident.duration(now)) + "." + said;
      case REOPENED -> ":arrows_counterclockwise: " + who + " *reopened* " + incident.id() + ".";
      case KEY_EVENT -> ":pushpin: " + who + " marked a message as a key event." + said;
      case NOTE -> ":spiral_note_pad: " + who + " added a note to the timeline:" + said;
      case CANCELLED -> ":no_entry_sign: " + who + " *cancelled* " + incident.id() + ": it turned out not to be an "
          + "incident. Thank you, " + Mrkdwn.user(incident.declaredBy()) + ", for declaring it early: that is how "
          + "the real ones are caught." + said;
      case POSTMORTEM -> ":memo: " + who + " " + PostmortemStep.valueOf(change.value()).words() + "." + said;
      case CLOSED -> ":lock: " + who + " *closed* " + incident.id() + ". Its record is final." + said;
      case MADE_PRIVATE -> ":lock: This channel was made private, so " + incident.id() + " is private now: "
          + "nothing more about it is posted outside this channel (no copies in the incidents or post-mortems "
          + "channel, no DMs to people who aren't in it), even if the channel is made public again. What was "
          + "posted elsewhere before stays there; delete it by hand if it must go.";
    };
  }

  /** "was SEV3", by the team's name for SEV3. */
  private static String was(String text, SeverityScale scale) {
    return text.startsWith("was ")
        ? Severity.parse(text.substring(4)).map(s -> "was " + scale.level(s).name()).orElse(text)
        : text;
  }

  /** The DM to someone given a role in an incident whose channel they are not in, as they are invited to it. */
  public static SlackMessage roleGivenToOutsider(Incident incident, Role role, String actor) {
    return roleGivenToOutsider(incident, role, actor, SeverityScale.defaults());
  }

  /** As above, naming the severity as the team's {@code scale} does. */
  public static SlackMessage roleGivenToOutsider(Incident incident, Role role, String actor, SeverityScale scale) {
    String text = ":bust_in_silhouette: " + Mrkdwn.user(actor) + " made you *" + role.label() + "* of *"
        + incident.id() + ": " + Mrkdwn.words(incident.title()) + "* ("
        + Mrkdwn.words(scale.level(incident.severity()).name()) + ", "
        + incident.state().word() + "). You weren't in its channel, so I've invited you to "
        + Mrkdwn.channel(incident.channelId()) + ": that's where it is run, and where `/incident help` shows what "
        + "you can do there.";
    String clipped = Mrkdwn.clip(text, Mrkdwn.SECTION_LIMIT);
    return new SlackMessage(clipped, List.of(Mrkdwn.section(clipped)));
  }

  /** The channel's notice of a redaction. */
  public static SlackMessage redacted(long seq, String actor, String reason, String removed) {
    String text = Mrkdwn.clip(":scissors: " + Mrkdwn.user(actor) + " redacted timeline entry #" + seq
        + ". Its content is " + (removed.isEmpty() ? "gone" : Mrkdwn.words(removed))
        + "; the record keeps its fingerprint and this reason:\n>"
        + Mrkdwn.words(reason).replace("\n", "\n>"), Mrkdwn.SECTION_LIMIT);
    return new SlackMessage(text, List.of(Mrkdwn.section(text)));
  }

  /** The channel's notice that private blameless-language notes were switched. */
  public static SlackMessage nudgesSwitched(String actor, boolean on) {
    String text = ":speech_balloon: " + Mrkdwn.user(actor) + (on
        ? " turned Candor's private notes about blaming language *on* in this channel. They go only to the "
            + "person who wrote the message. `/incident nudges off` stops them."
        : " turned Candor's private notes about blaming language *off* in this channel. "
            + "`/incident nudges on` starts them again.");
    return new SlackMessage(text, List.of(Mrkdwn.section(text)));
  }

  /** Posted where everyone follows incidents, when one ends. */
  public static SlackMessage endedElsewhere(Incident incident, IncidentChange change, Instant now) {
    String verb = change.kind() == IncidentChange.Kind.CANCELLED ? "was cancelled" : "was resolved after "
        + Durations.words(incident.duration(now));
    String mark = change.kind() == IncidentChange.Kind.CANCELLED ? ":no_entry_sign:" : ":white_check_mark:";
    String text = mark + " *" + incident.id() + ": " + Mrkdwn.words(incident.title()) + "* " + verb
        + " (" + Mrkdwn.channel(incident.channelId()) + ").";
    return new SlackMessage(text, List.of(Mrkdwn.section(text)));
  }

  /** The caller's open incidents, for {@code /incident list}. */
  public static String list(List<Incident> incidents, Instant now) {
    return list(incidents, now, i -> Optional.empty(), SeverityScale.defaults());
  }

  /** {@link #list(List, Instant)}, each incident with its call when it has one, each severity by the team's name. */
  public static String list(List<Incident> incidents, Instant now, Function<Incident, Optional<String>> calls,
      SeverityScale scale) {
    if (incidents.isEmpty()) {
      return "No open incidents in channels you are in. Declare one with " + Mrkdwn.code("/incident declare <title>") + ".";
    }
    StringBuilder out = new StringBuilder("*Open incidents you can see*");
    for (Incident i : incidents) {
      String line = "\n• " + Mrkdwn.channel(i.channelId()) + " *" + i.id() + ": " + Mrkdwn.words(i.title())
          + "* — " + Mrkdwn.words(scale.level(i.severity()).name()) + ", " + i.state().word() + " for "
          + Durations.words(i.duration(now)) + ", commander " + Mrkdwn.user(i.roles().commander())
          + calls.apply(i).map(link -> " · <" + link + "|call>").orElse("");
      if (out.length() + line.length() > Mrkdwn.SECTION_LIMIT - 40) {
        out.append("\n…and more.");
        break;
      }
      out.append(line);
    }
    return out.toString();
  }
}
