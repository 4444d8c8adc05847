package dev.candor.incident;

/** Tells people about incidents: announcements in the channel, the topic, the incidents channel. */
public interface IncidentNotifier {

  void declared(Incident incident, IncidentChange change);

  void changed(Incident incident, IncidentChange change);

  /** Tells each of {@code notifiers}, in order. */
  static IncidentNotifier all(java.util.List<IncidentNotifier> notifiers) {
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
