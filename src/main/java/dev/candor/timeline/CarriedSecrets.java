package dev.candor.timeline;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Text masked where it enters, carrying the HMACs of the secrets taken out of it to where it is recorded. An event
 * is stored before it is processed, so its text is masked before it is stored ({@link #carry}); the timeline entry
 * made of it later keeps the same masked text and the same secret HMACs as if the original had been masked then
 * ({@link #take}).
 *
 * <p>The HMACs ride in a mark after the masked text, {@code ⟦secrets 3.<hmac>,7.<hmac>/<seal>⟧}: each with the
 * index of the rule that found it, so that text joined from several carried pieces lists its HMACs as masking the
 * joined original would (rule by rule, in order of place), and sealed under the evidence key, so a mark someone
 * typed is text like any other and adds no HMAC. An HMAC of a secret is no secret: the timeline keeps it too.
 */
public final class CarriedSecrets {
  private static final String OPEN = "\u27E6secrets ";
  private static final char CLOSE = '\u27E7';
  private static final Pattern MARK = Pattern.compile(
      "\u27E6secrets ([0-9]{1,3}\\.[0-9a-f]{64}(?:,[0-9]{1,3}\\.[0-9a-f]{64})*+)/([0-9a-f]{64})\u27E7");

  /** Text with its marks taken out, and the HMACs they carried. */
  public record Taken(String text, List<String> secretMacs) {
    public Taken {
      secretMacs = List.copyOf(secretMacs);
    }
  }

  private record Carried(int rule, String mac) {}

  private final SecretMasker masker;
  private final EvidenceKey key;

  public CarriedSecrets(SecretMasker masker, EvidenceKey key) {
    this.masker = masker;
    this.key = key;
  }

  /** {@code text} masked, followed by a mark carrying the HMACs of what was taken out (none when nothing was). */
  public String carry(String text) {
    List<Integer> rules = new ArrayList<>();
    SecretMasker.Masked masked = masker.mask(text, rules);
    if (masked.secretMacs().isEmpty()) {
      return masked.text();
    }
    StringBuilder carried = new StringBuilder();
    for (int i = 0; i < rules.size(); i++) {
      carried.append(i == 0 ? "" : ",").append(rules.get(i)).append('.').append(masked.secretMacs().get(i));
    }
    return masked.text() + OPEN + carried + '/' + seal(carried.toString()) + CLOSE;
  }

  /**
   * {@code text} without the marks {@link #carry} left in it, and the HMACs they carried, rule by rule and in order
   * of place within a rule, as {@link SecretMasker#mask} lists them. A mark whose seal does not hold stays as text.
   */
  public Taken take(String text) {
    if (text == null || text.indexOf(OPEN) < 0) {
      return new Taken(text, List.of());
    }
    Matcher m = MARK.matcher(text);
    StringBuilder out = new StringBuilder(text.length());
    List<Carried> carried = new ArrayList<>();
    int last = 0;
    while (m.find()) {
      if (!sealHolds(m.group(1), m.group(2))) {
        continue;
      }
      for (String one : m.group(1).split(",")) {
        int dot = one.indexOf('.');
        carried.add(new Carried(Integer.parseInt(one.substring(0, dot)), one.substring(dot + 1)));
      }
      out.append(text, last, m.start());
      last = m.end();
    }
    if (carried.isEmpty()) {
      return new Taken(text, List.of());
    }
    out.append(text, last, text.length());
    carried.sort(Comparator.comparingInt(Carried::rule)); // stable: place order stays within a rule
    return new Taken(out.toString(), carried.stream().map(Carried::mac).toList());
  }

  private String seal(String carried) {
    return key.mac("carried secrets:" + carried);
  }

  private boolean sealHolds(String carried, String seal) {
    return MessageDigest.isEqual(seal(carried).getBytes(StandardCharsets.US_ASCII),
        seal.getBytes(StandardCharsets.US_ASCII));
  }
}
