package dev.candor.replay;

import dev.candor.incident.Incident;
import dev.candor.incident.IncidentChange;
import dev.candor.incident.IncidentNotifier;
import dev.candor.incident.IncidentWorkspace;
import java.util.Optional;

/**
 * The workspace and notifier of a replayed channel: the channel exists already and nobody is told anything,
 * since the incident happened long ago. Asked to create a channel, it refuses.
 */
public final class OfflineChannel implements IncidentWorkspace, IncidentNotifier {
  @Override
  public ChannelCreation createChannel(String name, boolean privateChannel) {
    throw new IllegalStateException("a replay declares its incident in the exported channel; it creates none");
  }

  @Override
  public Optional<Created> ownChannelNamed(String name, boolean privateChannel) {
    return Optional.empty(); // it creates none, so none is its own
  }

  @Override
  public void invite(String channelId, String userId) {
    // the people were there already
  }

  @Override
  public void declared(Incident incident, IncidentChange change) {
    // nobody to tell
  }

  @Override
  public void changed(Incident incident, IncidentChange change) {
    // nobody to tell
  }
}
