package dev.candor.incident;

import dev.candor.incident.IncidentRepository.NewIncident;
import dev.candor.incident.IncidentUpdate.Applied;
import dev.candor.incident.IncidentUpdate.Refused;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Declares incidents and applies the changes responders ask for, keeping who did what and when. */
public final class IncidentService {
  /** Two declarations by one person from one channel with one title within this window are one. */
  public static final Duration DOUBLE_SUBMIT_WINDOW = Duration.ofMinutes(1);

  private static final int MAX_NAME_ATTEMPTS = 50;
  private static final int MAX_UPDATE_ATTEMPTS = 5;

  private final IncidentRepository repository;
  private final IncidentWorkspace workspace;
  private final IncidentNotifier notifier;
  private final ChannelNamer namer;
  private final ZoneId zone;
  private final SecretMask mask;
  private final Clock clock;
  private final SeverityScale scale;
  /** Channels made by declarations still under way in this process: not orphans, whatever their name. */
  private final Set<String> beingDeclared = ConcurrentHashMap.newKeySet();
  /** Declarations from one channel are made one at a time; other channels do not wait for them. */
  private final Object[] declareLocks = new Object[64];

  public IncidentService(
      IncidentRepository repository,
      IncidentWorkspace workspace,
      IncidentNotifier notifier,
      ChannelNamer namer,
      ZoneId zone,
      SecretMask mask,
      Clock clock) {
    this(repository, workspace, notifier, namer, zone, mask, clock, SeverityScale.defaults());
  }

  /** {@code scale} names severities in what the service answers people ("INC-4 already is P1."). */
  public IncidentService(
      IncidentRepository repository,
      IncidentWorkspace workspace,
      IncidentNotifier notifier,
      ChannelNamer namer,
      ZoneId zone,
      SecretMask mask,
      Clock clock,
      SeverityScale scale) {
    this.scale = scale;
    this.repository = repository;
    this.workspace = workspace;
    this.notifier = notifier;
    this.namer = namer;
    this.zone = zone;
    this.mask = mask;
    this.clock = clock;
    for (int i = 0; i < declareLocks.length; i++) {
      declareLocks[i] = new Object();
    }
  }

  /** What declaring came to. */
  public sealed interface DeclareResult {}

  /** A new incident, its channel made and its declarer invited. */
  public record Declared(Incident incident) implements DeclareResult {}

  /** The same declaration arrived again (a double submit or a redelivery): the incident it made. */
  public record AlreadyDeclared(Incident incident) implements DeclareResult {}

  /** The channel to use already is an incident channel. */
  public record ChannelTaken(Incident incident) implements DeclareResult {}

  /** What an update came to. */
  public sealed interface UpdateResult {}

  public record Updated(Incident incident, IncidentChange change) implements UpdateResult {}

  public record Rejected(String reason) implements UpdateResult {}

  public record NoIncident() implements UpdateResult {}

  /** Declares {@code declaration}, its title and summary masked before anything keeps or sends them. */
  public DeclareResult declare(Declaration declaration) {
    Declaration d = masked(declaration);
    synchronized (declareLocks[Math.floorMod(d.originChannelId().hashCode(), declareLocks.length)]) {
      return repository.oneDeclarationAtATime(d.originChannelId(), () -> declareNow(d));
    }
  }

  /** Declares {@code d}, no other declaration from its channel under way. */
  private DeclareResult declareNow(Declaration d) {
    Optional<Incident> same = sameDeclaration(d);
    if (same.isPresent()) {
      return new AlreadyDeclared(same.get());
    }
    // from an incident's channel, a new incident gets a channel of its own; only running one where one runs is refused
    Optional<Incident> here = d.inExistingChannel() ? repository.byChannel(d.existingChannelId()) : Optional.empty();
    if (here.isPresent()) {
      return new ChannelTaken(here.get());
    }
    // the number comes first, so the channel can carry it; the repository never gives one number twice, and gives a
    // declaration retried under its request key (after a crash or a failed insert) the number it took the first time
    long number = repository.numberFor(d.requestKey(), clock.instant());
    String channelId;
    String channelName;
    if (d.inExistingChannel()) {
      channelId = d.existingChannelId();
      channelName = d.existingChannelName();
    } else {
      IncidentWorkspace.Created created = createChannel(number, d.title(), d.privateChannel());
      channelId = created.channelId();
      channelName = created.name();
    }
    Incident incident;
    try {
      incident = repository.insert(new NewIncident(number,
          channelId, channelName, d.title(), d.summary(), d.severity(), d.privateChannel(),
          d.declaredBy(), d.originChannelId(), d.requestKey(), clock.instant()));
    } finally {
      beingDeclared.remove(channelId);
    }
    if (!d.inExistingChannel()) {
      workspace.invite(channelId, d.declaredBy());
    }
    d.otherLead().ifPresent(lead -> workspace.invite(channelId, lead));
    IncidentChange change = new IncidentChange(incident.id(), IncidentChange.Kind.DECLARED,
        d.declaredBy(), incident.times().declared(), incident.severity().name(), incident.title());
    notifier.declared(incident, change);
    if (d.otherLead().isPresent()
        && update(channelId, d.declaredBy(), new IncidentUpdate.AssignRole(Role.COMMANDER, d.otherLead().get()))
            instanceof Updated led) {
      return new Declared(led.incident());
    }
    return new Declared(incident);
  }

  private Declaration masked(Declaration d) {
    return new Declaration(mask.text(d.title()), d.severity(), mask.text(d.summary()), d.privateChannel(),
        d.declaredBy(), d.originChannelId(), d.existingChannelId(), d.existingChannelName(), d.requestKey(), d.lead());
  }

  private Optional<Incident> sameDeclaration(Declaration d) {
    if (d.requestKey() != null) {
      Optional<Incident> byKey = repository.byRequestKey(d.requestKey());
      if (byKey.isPresent()) {
        return byKey;
      }
    }
    return repository.recentDeclare(
        d.declaredBy(), d.originChannelId(), d.title(), clock.instant().minus(DOUBLE_SUBMIT_WINDOW));
  }

  /**
   * A new channel for the incident, or the channel an earlier declaration made under the same name and died before
   * storing its incident (Candor made it, no incident has it, no declaration here is still making it): adopted, so a
   * crash between the two steps leaves no channel behind and the retry does not go on to {@code -2}.
   */
  private IncidentWorkspace.Created createChannel(long number, String title, boolean privateChannel) {
    LocalDate today = LocalDate.ofInstant(clock.instant(), zone);
    for (int attempt = 1; attempt <= MAX_NAME_ATTEMPTS; attempt++) {
      String name = namer.name(number, title, today, attempt);
      if (workspace.createChannel(name, privateChannel) instanceof IncidentWorkspace.Created c) {
        beingDeclared.add(c.channelId());
        return c;
      }
      Optional<IncidentWorkspace.Created> orphan = workspace.ownChannelNamed(name, privateChannel)
          .filter(c -> repository.byChannel(c.channelId()).isEmpty() && beingDeclared.add(c.channelId()));
      if (orphan.isPresent()) {
        return orphan.get();
      }
    }
    throw new IllegalStateException(
        "every channel name for \"" + title + "\" up to suffix -" + MAX_NAME_ATTEMPTS + " is taken");
  }

  /** Applies {@code update} to the incident of {@code channelId}, records it and announces it. */
  public UpdateResult update(String channelId, String actor, IncidentUpdate update) {
    for (int attempt = 0; attempt < MAX_UPDATE_ATTEMPTS; attempt++) {
      Optional<Incident> current = repository.byChannel(channelId);
      if (current.isEmpty()) {
        return new NoIncident();
      }
      IncidentUpdate.Outcome outcome = update.applyTo(current.get(), actor, clock.instant(), scale);
      if (outcome instanceof Refused r) {
        return new Rejected(r.reason());
      }
      Applied applied = masked((Applied) outcome);
      if (repository.update(current.get(), applied.incident(), applied.change())) {
        Incident stored = repository.byId(applied.incident().id()).orElseThrow();
        notifier.changed(stored, applied.change());
        return new Updated(stored, applied.change());
      }
    }
    throw new IllegalStateException("incident in " + channelId + " kept changing under an update");
  }

  public Optional<Incident> byId(IncidentId id) {
    return repository.byId(id);
  }

  /**
   * What an update may store and announce: the words it carries, and the title and summary it leaves, masked (what
   * was stored is masked already, and masking is idempotent).
   */
  private Applied masked(Applied applied) {
    Incident i = applied.incident();
    Incident after = i.withTitle(mask.text(i.title())).withSummary(mask.text(i.summary()));
    return new Applied(after, applied.change().masked(mask));
  }

  public Optional<Incident> inChannel(String channelId) {
    return repository.byChannel(channelId);
  }

  public List<Incident> open() {
    return repository.open();
  }

  public List<IncidentChange> changes(IncidentId id) {
    return repository.changes(id);
  }
}
