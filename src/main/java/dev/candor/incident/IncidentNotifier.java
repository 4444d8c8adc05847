package dev.candor.incident;

import java.util.List;

/**
 * Hears of each declaration and change once it is stored (the stale-update timer, in production). What is
 * said in Slack about a change is scheduled with the change itself, in its transaction, not here.
 */
public interface IncidentNotifier {

  void declared(Incident incident, IncidentChange change);

  void changed(Incident incident, IncidentChange change);

  /** Tells each of {@code notifiers}, in order. */
  static IncidentNotifier all(List<IncidentNotifier> notifiers) {
    return new IncidentNotifier() {
      @Override
      public void declared(Incident incident, IncidentChange change) {
        notifiers.forEach(n -> n.declared(incident, change));
      }

      @Override
      public void changed(Incident incident, IncidentChange change) {
        notifiers.forEach(n -> n.changed(incident, change));
      }
    };
  }
}
