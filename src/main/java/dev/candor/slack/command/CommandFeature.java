package dev.candor.slack.command;

import com.slack.api.bolt.App;
import dev.candor.incident.IncidentService;
import dev.candor.slack.catchup.CatchupFeature;
import dev.candor.slack.followup.FollowUpFeature;
import dev.candor.slack.home.HomeFeature;
import dev.candor.slack.incident.IncidentFeature;
import dev.candor.slack.nudge.NudgeFeature;
import dev.candor.slack.paging.PagingFeature;
import dev.candor.slack.platform.SlackFeature;
import dev.candor.slack.postmortem.PostmortemFeature;
import dev.candor.slack.timeline.TimelineFeature;
import java.util.List;

/** {@code /incident}, the one slash command: each subcommand is answered by the feature it belongs to. */
public final class CommandFeature implements SlackFeature {
  /** Slash commands Candor handles (the manifest's {@code slash_commands}). */
  public static final List<String> COMMANDS = List.of(IncidentCommand.NAME);

  private final IncidentCommand command;

  private CommandFeature(IncidentCommand command) {
    this.command = command;
  }

  public static CommandFeature assemble(IncidentService incidents, IncidentFeature incident, TimelineFeature timeline,
      NudgeFeature nudges, FollowUpFeature followUps, PostmortemFeature postmortems, HomeFeature home,
      PagingFeature paging, CatchupFeature catchup) {
    return new CommandFeature(new IncidentCommand(incidents, incident.commands(), timeline.commands(),
        nudges.commands(), followUps.commands(), postmortems.commands(), home.insights(), paging.commands(),
        catchup.commands(), incident.commands().severities()));
  }

  @Override
  public void register(App app) {
    app.command(IncidentCommand.NAME, command::handle);
  }
}
