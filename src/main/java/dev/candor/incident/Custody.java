package dev.candor.incident;

import java.util.List;

/**
 * Who keeps an incident's record in trust, and so alone (with the workspace's admins) may redact it: whoever
 * declared it, then each commander the keeper of the time handed the role to. The role is open to anyone in the
 * channel ({@code /incident role commander @me}); the trust is not: a commander who took the role themselves
 * commands the response, but the record stays with the one who last held it by hand-over, until they hand it on.
 * Evidence is then removed only by someone a chain of people chose, as a team would want of anything it may one day
 * have to show.
 */
public final class Custody {
  private static final String COMMANDER = Role.COMMANDER.name() + "=";

  private Custody() {}

  /** The keeper of {@code incident}'s record, from its {@code changes} in the order they were made. */
  public static String keeper(Incident incident, List<IncidentChange> changes) {
    String keeper = incident.declaredBy();
    for (IncidentChange change : changes) {
      if (change.kind() == IncidentChange.Kind.DECLARED && keeper == null) {
        keeper = change.actor();
      } else if (change.kind() == IncidentChange.Kind.ROLE && change.value().startsWith(COMMANDER)
          && change.actor().equals(keeper)) {
        keeper = change.value().substring(COMMANDER.length());
      }
    }
    return keeper;
  }
}
