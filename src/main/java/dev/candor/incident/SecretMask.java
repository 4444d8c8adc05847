package dev.candor.incident;

import java.util.List;

/**
 * Takes secrets out of text a person gave Candor, before anything stores, sends or exports it: every domain
 * service that accepts words (a title, a summary, a status update, a note, a reason, a follow-up's title, a
 * meeting's place) passes them through this one step first, so no table, job payload, Slack post or export holds
 * what it masked. Idempotent: text masked once comes back as it is.
 */
@FunctionalInterface
public interface SecretMask {

  /** {@code text} with each secret replaced by a mask such as {@code [masked password]}; null is empty. */
  Masked mask(String text);

  /** Only the text, for where the HMACs of what was taken out are not kept. */
  default String text(String text) {
    return mask(text).text();
  }

  /** The text as it may be stored, and the keyed HMAC of every secret taken out of it. */
  record Masked(String text, List<String> secretMacs) {
    public Masked {
      secretMacs = List.copyOf(secretMacs);
    }
  }
}
