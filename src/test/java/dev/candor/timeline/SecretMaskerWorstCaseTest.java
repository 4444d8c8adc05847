package dev.candor.timeline;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Inputs built to defeat each rule's expression must mask in time linear in their length: the masker runs on
 * the one thread that seals every incident's timeline, so one quadratic paste would stall them all.
 */
class SecretMaskerWorstCaseTest {
  private static final int SIZE = 40_000;
  private final SecretMasker masker = new SecretMasker(SecretMaskerTest.KEY);

  static String repeat(String unit) {
    StringBuilder b = new StringBuilder(SIZE + unit.length());
    while (b.length() < SIZE) {
      b.append(unit);
    }
    return b.toString();
  }

  static String run(String prefix, char c, String suffix) {
    return prefix + String.valueOf(c).repeat(SIZE - prefix.length() - suffix.length()) + suffix;
  }

  static String randomToken(String alphabet, long seed) {
    Random random = new Random(seed);
    StringBuilder b = new StringBuilder(SIZE);
    for (int i = 0; i < SIZE; i++) {
      b.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    return b.toString();
  }

  static Map<String, String> adversarial() {
    String base64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    Map<String, String> inputs = new LinkedHashMap<>();
    inputs.put("\"a.\" x 20000 + \"://\" (the reported one)", repeat("a.") + "://");
    inputs.put("a run of '='", run("", '=', ""));
    inputs.put("a run of ':'", run("", ':', ""));
    inputs.put("a run of '\"'", run("", '"', ""));
    inputs.put("a run of '@'", run("", '@', ""));
    inputs.put("a 40 KB base64-looking token", randomToken(base64, 1));
    inputs.put("a 40 KB token after 'Bearer '", "Authorization: Bearer " + randomToken(base64, 2));
    inputs.put("one long scheme 'aaaa…://'", run("", 'a', "://"));
    inputs.put("'a://' + user run, no '@'", run("a://", 'b', ":c"));
    inputs.put("'a://b:' + password run, no '@'", run("a://b:", 'c', ""));
    inputs.put("'x://u:p' repeated, no '@'", repeat("x://u:p "));
    inputs.put("'a:' repeated", repeat("a:"));
    inputs.put("'DB_PASSWORD' repeated, no value", repeat("DB_PASSWORD"));
    inputs.put("'A_' repeated (one long env name)", repeat("A_"));
    inputs.put("'password=' repeated", repeat("password="));
    inputs.put("'password: ' + spaces", run("password:", ' ', "x"));
    inputs.put("'\"password\": \"' repeated", repeat("\"password\": \""));
    inputs.put("'token ' repeated", repeat("token "));
    inputs.put("'bearer ' repeated", repeat("bearer "));
    inputs.put("'Authorization: ' repeated", repeat("Authorization: "));
    inputs.put("'Authorization: Basic ' repeated", repeat("Authorization: Basic "));
    inputs.put("'-----BEGIN ' + 'A ' run", "-----BEGIN " + repeat("A "));
    inputs.put("'-----BEGIN PRIVATE KEY-----' repeated", repeat("-----BEGIN PRIVATE KEY-----"));
    inputs.put("'eyJ' + run, no dots", run("eyJ", 'a', ""));
    inputs.put("'eyJaaaaaaaaa.' repeated", repeat("eyJaaaaaaaaa."));
    inputs.put("'mysql ' repeated", repeat("mysql "));
    inputs.put("'mysql' + ' -x' repeated", "mysql" + repeat(" -x"));
    inputs.put("'--password ' repeated", repeat("--password "));
    inputs.put("'aws ' repeated", repeat("aws "));
    inputs.put("'aws secret ' + spaces", run("aws secret", ' ', ""));
    inputs.put("'xoxb-' repeated", repeat("xoxb-"));
    inputs.put("'ghp_' + run", run("ghp_", 'a', ""));
    inputs.put("'curl -u ' + run", run("curl -u ", 'a', ""));
    inputs.put("'name: DB_PASSWORD' lines, no value", repeat("- name: DB_PASSWORD\n"));
    return inputs;
  }

  /** The best of a few runs, in nanoseconds: a run slowed by a busy neighbour does not count. */
  long bestOf(int runs, Supplier<SecretMasker.Masked> work) {
    long best = Long.MAX_VALUE;
    for (int i = 0; i < runs; i++) {
      long start = System.nanoTime();
      work.get();
      best = Math.min(best, System.nanoTime() - start);
    }
    return best;
  }

  @Test
  void inputsBuiltToDefeatEachRule_maskInLinearTime() {
    StringBuilder prose = new StringBuilder(SIZE);
    while (prose.length() < SIZE) {
      prose.append("checkout p99 went to 4s after the deploy, the token bucket refilled, password reset works. ");
    }
    String plain = prose.toString();
    for (int i = 0; i < 20; i++) {
      masker.mask(plain); // warm-up, so the JIT has compiled the hot paths before anything is timed
    }
    long plainNanos = bestOf(5, () -> masker.mask(plain));
    // The bound: 20 times the plain-prose time plus 250 ms. Each figure is the best of three runs of the same
    // input in the same JVM, so a busy neighbour on this 2-core machine slows both sides or only some runs;
    // a pause (GC, a descheduled thread) must hit all three runs to count. The quadratic URL rule took 10 s
    // here, 40 times the constant alone; linear rules take a few milliseconds, 50 times below it.
    long bound = 20 * plainNanos + 250_000_000L;
    System.out.printf("masker, 40 KB inputs: plain prose %.3f ms/KB; bound %.0f ms%n",
        plainNanos / 1e6 / (plain.length() / 1024.0), bound / 1e6);
    List<String> slow = new ArrayList<>();
    for (Map.Entry<String, String> input : adversarial().entrySet()) {
      String text = input.getValue();
      long nanos = bestOf(3, () -> masker.mask(text));
      System.out.printf("  %-45s %8.3f ms/KB  %8.1f ms%n", input.getKey(), nanos / 1e6 / (text.length() / 1024.0),
          nanos / 1e6);
      if (nanos > bound) {
        slow.add(input.getKey() + ": " + nanos / 1_000_000 + " ms");
      }
    }
    assertTrue(slow.isEmpty(), "slower than " + bound / 1_000_000 + " ms for 40 KB: " + slow);
  }
}
