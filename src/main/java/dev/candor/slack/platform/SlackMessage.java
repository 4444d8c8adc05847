package dev.candor.slack.platform;

import com.slack.api.model.block.LayoutBlock;
import java.util.List;

/** A message to post: the fallback text (notifications, screen readers) and its blocks. */
public record SlackMessage(String text, List<LayoutBlock> blocks) {
  public SlackMessage {
    blocks = List.copyOf(blocks);
  }
}
