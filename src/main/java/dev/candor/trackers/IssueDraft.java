package dev.candor.trackers;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a follow-up's issue says and is: its title, its body (which ends with {@code marker}, the follow-up's mark that
 * finds the issue again after a crash), its labels, whom it is assigned to where the tracker knows the owner, and
 * whether it is open (a follow-up done or dropped is a closed issue; {@code dropped} says which).
 */
public record IssueDraft(String title, String body, List<String> labels, Optional<String> assignee, boolean open,
    boolean dropped, String marker) {
  public IssueDraft {
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(body, "body");
    labels = List.copyOf(labels);
    Objects.requireNonNull(assignee, "assignee");
    Objects.requireNonNull(marker, "marker");
  }
}
