package dev.candor.paging;

import dev.candor.incident.IncidentId;

/** Where what PagerDuty answered is said: the incident's channel, in production. */
@FunctionalInterface
public interface PagingNotices {
  void say(IncidentId incident, String mrkdwnText);
}
