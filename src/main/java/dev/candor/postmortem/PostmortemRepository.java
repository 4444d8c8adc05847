package dev.candor.postmortem;

import dev.candor.incident.IncidentId;
import java.util.List;
import java.util.Optional;

/** Where post-mortems are kept. */
public interface PostmortemRepository {

  Optional<Postmortem> find(IncidentId incident);

  /**
   * Stores {@code after} if the stored post-mortem is still {@code before} (same version; absent when
   * {@code before.version()} is 0). Returns false, changing nothing, when someone changed it meanwhile.
   */
  boolean save(Postmortem before, Postmortem after);

  /** The post-mortems whose meeting {@code userId} facilitates, latest meeting first, at most {@code limit}. */
  List<Postmortem> facilitatedBy(String userId, int limit);
}
