package dev.candor.incident;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/** Where incidents and their changes are kept. */
public interface IncidentRepository {

  Optional<Incident> byId(IncidentId id);

  Optional<Incident> byChannel(String channelId);

  /** The incident a request with this idempotency key already declared, if any. */
  Optional<Incident> byRequestKey(String requestKey);

  /** An incident declared by this person from this channel with this title (ignoring case) since {@code since}. */
  Optional<Incident> recentDeclare(String declaredBy, String originChannelId, String title, Instant since);

  /**
   * Runs {@code declaring} (looking for the same declaration, making the channel, storing the incident) while no
   * other process sharing this repository declares from {@code originChannelId}, so a declaration submitted twice,
   * to two replicas, makes one incident and one channel. A repository only one process uses runs it at once: the
   * service keeps its own threads in turn.
   */
  default <T> T oneDeclarationAtATime(String originChannelId, Supplier<T> declaring) {
    return declaring.get();
  }

  /**
   * The number the next incident will carry ({@code INC-<n>}), taken now so the incident's channel can be named
   * after it before the incident is stored. Each call returns a number no incident has and no earlier call
   * returned, across every process sharing this repository: two declarations at once never get the same one. A
   * declaration that fails after taking its number leaves that number unused.
   */
  long nextNumber();

  /**
   * The number of the declaration asked for by the request {@code requestKey}: the one taken for that key before
   * (kept, so a declaration that died after making its channel and before storing its incident is retried under the
   * same number, hence the same channel name), or a new one as {@link #nextNumber()} gives, kept for the key from
   * {@code at}. No two keys ever get the same number. A {@code null} key takes a new number, kept for nobody.
   */
  long numberFor(String requestKey, Instant at);

  /**
   * Stores a new incident and its {@code DECLARED} change together, under {@link NewIncident#number()} (taken with
   * {@link #nextNumber()}), or under the next number when it is 0.
   */
  Incident insert(NewIncident incident);

  /**
   * Replaces {@code before} by {@code after} and records {@code change}, in one transaction. Returns
   * false, writing nothing, when someone else changed the incident since {@code before} was read.
   */
  boolean update(Incident before, Incident after, IncidentChange change);

  /** Incidents still being worked on, newest first. */
  List<Incident> open();

  /** Every change of one incident, in the order they were made. */
  List<IncidentChange> changes(IncidentId id);

  /** What an incident is called once the words of its title were redacted. */
  String REDACTED_TITLE = "(title redacted)";

  /**
   * Takes the words of the change that made version {@code version} of incident {@code id} out of the change log,
   * and out of the incident's summary or title where they are what it still holds (a title becomes
   * {@link #REDACTED_TITLE}). Says which of those held them: "the change log", "the incident's summary", "the
   * incident's title"; nothing when the change had no words.
   */
  List<String> scrubChange(IncidentId id, long version);

  /** What a new incident starts from; {@code number} 0 takes the next number as it is stored. */
  record NewIncident(
      long number,
      String channelId,
      String channelName,
      String title,
      String summary,
      Severity severity,
      boolean privateChannel,
      String declaredBy,
      String originChannelId,
      String requestKey,
      Instant declaredAt) {

    /** A new incident that takes the next number as it is stored. */
    public NewIncident(String channelId, String channelName, String title, String summary, Severity severity,
        boolean privateChannel, String declaredBy, String originChannelId, String requestKey, Instant declaredAt) {
      this(0, channelId, channelName, title, summary, severity, privateChannel, declaredBy, originChannelId,
          requestKey, declaredAt);
    }
  }
}
