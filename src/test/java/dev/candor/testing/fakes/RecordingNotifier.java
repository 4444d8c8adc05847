package dev.candor.testing.fakes;

import dev.candor.incident.Incident;
import dev.candor.incident.IncidentChange;
import dev.candor.incident.IncidentNotifier;
import java.util.ArrayList;
import java.util.List;

/** Keeps every announcement instead of posting it. */
public final class RecordingNotifier implements IncidentNotifier {
  public enum Type { DECLARED, CHANGED }

  public record Announcement(Type type, Incident incident, IncidentChange change) {}

  private final List<Announcement> announcements = new ArrayList<>();

  @Override
  public synchronized void declared(Incident incident, IncidentChange change) {
    announcements.add(new Announcement(Type.DECLARED, incident, change));
  }

  @Override
  public synchronized void changed(Incident incident, IncidentChange change) {
    announcements.add(new Announcement(Type.CHANGED, incident, change));
  }

  /** Everything announced, in order. */
  public synchronized List<Announcement> all() {
    return List.copyOf(announcements);
  }

  public synchronized List<Announcement> declared() {
    return announcements.stream().filter(a -> a.type() == Type.DECLARED).toList();
  }

  public synchronized List<Announcement> changed() {
    return announcements.stream().filter(a -> a.type() == Type.CHANGED).toList();
  }
}
