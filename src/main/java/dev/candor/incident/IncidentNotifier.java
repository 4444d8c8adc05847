package dev.candor.incident;

/** Tells people about incidents: announcements in the channel, the topic, the incidents channel. */
public interface IncidentNotifier {

  void declared(Incident incident, IncidentChange change);

  void changed(Incident incident, IncidentChange change);
}
