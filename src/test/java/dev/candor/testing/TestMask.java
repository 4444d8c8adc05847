package dev.candor.testing;

import dev.candor.incident.SecretMask;
import dev.candor.timeline.EvidenceKey;
import dev.candor.timeline.SecretMasker;

/** The masker the domain services are given in unit tests: the real one, under a fixed key. */
public final class TestMask {
  public static final SecretMask MASK = new SecretMasker(new EvidenceKey(new byte[32]));

  private TestMask() {}
}
