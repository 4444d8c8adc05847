package dev.candor.server;

import java.util.Map;

/**
 * A POST from outside Slack at a path of its own (a tracker's webhook, {@code /trackers/github}): it checks its own
 * signature, since only it knows the secret, and answers with a status and a few words of JSON.
 */
@FunctionalInterface
public interface Inbound {
  /** {@code headers}: the first value of each, by name in lowercase. */
  Answer receive(Map<String, String> headers, String body);

  record Answer(int status, String message) {}
}
