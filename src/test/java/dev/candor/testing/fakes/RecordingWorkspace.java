package dev.candor.testing.fakes;

import dev.candor.incident.IncidentWorkspace;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A chat workspace in memory: hands out channel ids {@code CINC1}, {@code CINC2}…, refuses names
 * already taken (by {@link #take} or an earlier creation), and records every attempt and invitation.
 */
public final class RecordingWorkspace implements IncidentWorkspace {
  /** One call to {@code createChannel}; {@code channelId} is null when the name was taken. */
  public record Attempt(String name, boolean privateChannel, String channelId) {
    public boolean created() {
      return channelId != null;
    }
  }

  public record Invite(String channelId, String userId) {}

  private final Set<String> taken = new LinkedHashSet<>();
  private final List<Attempt> attempts = new ArrayList<>();
  private final List<Invite> invites = new ArrayList<>();
  private final List<Attempt> made = new ArrayList<>();
  private int nextChannel = 1;

  /** Marks names as taken, as by existing or archived channels. */
  public synchronized RecordingWorkspace take(String... names) {
    Collections.addAll(taken, names);
    return this;
  }

  @Override
  public synchronized ChannelCreation createChannel(String name, boolean privateChannel) {
    if (!taken.add(name)) {
      attempts.add(new Attempt(name, privateChannel, null));
      return new NameTaken();
    }
    String id = "CINC" + nextChannel++;
    attempts.add(new Attempt(name, privateChannel, id));
    made.add(new Attempt(name, privateChannel, id));
    return new Created(id, name);
  }

  /** A channel this workspace created under {@code name}, of that privacy (it archives none). */
  @Override
  public synchronized Optional<Created> ownChannelNamed(String name, boolean privateChannel) {
    return made.stream().filter(a -> a.name().equals(name) && a.privateChannel() == privateChannel)
        .map(a -> new Created(a.channelId(), a.name())).findFirst();
  }

  @Override
  public synchronized void invite(String channelId, String userId) {
    invites.add(new Invite(channelId, userId));
  }

  /** Every name tried, in order, taken or not. */
  public synchronized List<String> attemptedNames() {
    return attempts.stream().map(Attempt::name).toList();
  }

  public synchronized List<Attempt> attempts() {
    return List.copyOf(attempts);
  }

  /** The channels actually created, in order. */
  public synchronized List<Attempt> created() {
    return attempts.stream().filter(Attempt::created).toList();
  }

  public synchronized List<Invite> invites() {
    return List.copyOf(invites);
  }
}
