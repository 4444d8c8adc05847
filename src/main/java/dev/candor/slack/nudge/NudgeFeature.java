package dev.candor.slack.nudge;

import com.slack.api.bolt.App;
import dev.candor.nudge.NudgeService;
import dev.candor.slack.incident.Announcements;
import dev.candor.slack.platform.SlackFeature;
import dev.candor.slack.platform.SlackInfrastructure;
import dev.candor.slack.platform.WorkerPools;
import dev.candor.timeline.TimelineEntry;
import java.util.concurrent.ExecutorService;

/** Blameless nudges: a private note to whoever blames a person, the [Not blame] button, {@code nudges on|off}. */
public final class NudgeFeature implements SlackFeature {
  private final NudgeResponder responder;
  private final NotBlameButton notBlame;
  private final NudgeCommands commands;
  private final ExecutorService pool;

  private NudgeFeature(NudgeResponder responder, NotBlameButton notBlame, NudgeCommands commands,
      ExecutorService pool) {
    this.responder = responder;
    this.notBlame = notBlame;
    this.commands = commands;
    this.pool = pool;
  }

  public static NudgeFeature assemble(SlackInfrastructure infra, NudgeService nudges, Announcements announcements) {
    // nudges get their own threads: a backfill waiting out rate limits must not delay them
    ExecutorService pool = WorkerPools.named("candor-nudge", 2);
    return new NudgeFeature(new NudgeResponder(nudges, infra.gateway().briefly(), pool),
        new NotBlameButton(nudges, infra.background()), new NudgeCommands(nudges, announcements), pool);
  }

  /** Hears of every new timeline entry, and answers the ones a person just wrote that blame someone. */
  public void onNewEntry(TimelineEntry entry) {
    responder.onNewEntry(entry);
  }

  /** {@code /incident nudges on|off}. */
  public NudgeCommands commands() {
    return commands;
  }

  @Override
  public void register(App app) {
    app.blockAction(NudgeMessages.NOT_BLAME, notBlame::handle);
  }

  @Override
  public void close() {
    WorkerPools.shutdown(pool);
  }
}
