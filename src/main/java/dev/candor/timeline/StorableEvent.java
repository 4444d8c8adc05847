package dev.candor.timeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An event envelope as the inbox may keep it on disk until it is processed: Slack's legacy verification
 * {@code token} dropped (a credential, not evidence), and every string in it, at any depth (the message, an edit's
 * {@code previous_message}, attachments, files, blocks), masked by the timeline's masker, carrying the HMACs of
 * what was taken out ({@link CarriedSecrets}) so the timeline entries made of it are what they would have been.
 */
public final class StorableEvent {
  private final SecretMasker masker;
  private final CarriedSecrets carried;

  public StorableEvent(SecretMasker masker, CarriedSecrets carried) {
    this.masker = masker;
    this.carried = carried;
  }

  /** Makes {@code envelope} storable, in place; whether anything in it changed. */
  public boolean prepare(ObjectNode envelope) {
    boolean changed = envelope.remove("token") != null;
    Deque<JsonNode> containers = new ArrayDeque<>();
    containers.push(envelope);
    while (!containers.isEmpty()) {
      JsonNode node = containers.pop();
      if (node instanceof ObjectNode object) {
        changed |= maskNames(object);
        for (Map.Entry<String, JsonNode> field : object.properties()) {
          if (field.getValue().isTextual()) {
            String masked = carried.carry(field.getValue().asText());
            if (!masked.equals(field.getValue().asText())) {
              field.setValue(TextNode.valueOf(masked));
              changed = true;
            }
          } else if (field.getValue().isContainerNode()) {
            containers.push(field.getValue());
          }
        }
      } else if (node instanceof ArrayNode array) {
        for (int i = 0; i < array.size(); i++) {
          JsonNode item = array.get(i);
          if (item.isTextual()) {
            String masked = carried.carry(item.asText());
            if (!masked.equals(item.asText())) {
              array.set(i, TextNode.valueOf(masked));
              changed = true;
            }
          } else if (item.isContainerNode()) {
            containers.push(item);
          }
        }
      }
    }
    return changed;
  }

  /** A secret in a field's name (a custom metadata key, say) is masked too; names carry no HMACs. */
  private boolean maskNames(ObjectNode object) {
    boolean any = false;
    for (Iterator<String> names = object.fieldNames(); names.hasNext() && !any; ) {
      String name = names.next();
      any = !masker.mask(name).text().equals(name);
    }
    if (!any) {
      return false;
    }
    Map<String, JsonNode> renamed = new LinkedHashMap<>();
    object.properties().forEach(f -> renamed.putIfAbsent(masker.mask(f.getKey()).text(), f.getValue()));
    object.removeAll();
    object.setAll(renamed);
    return true;
  }
}
