package dev.candor.replay;

import java.time.Instant;
import java.util.Objects;

/**
 * A channel listed in an export's {@code channels.json} (public) or {@code groups.json} (private): its id,
 * its name (also the name of its folder of day files), who created it and when, its topic and purpose.
 */
public record ExportChannel(String id, String name, boolean privateChannel, String creator, Instant created,
    String topic, String purpose) {

  public ExportChannel {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
    creator = creator == null ? "" : creator;
    topic = topic == null ? "" : topic;
    purpose = purpose == null ? "" : purpose;
  }
}
