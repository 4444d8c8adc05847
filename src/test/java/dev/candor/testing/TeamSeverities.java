package dev.candor.testing;

import dev.candor.incident.Severity;
import dev.candor.incident.SeverityScale;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** A team's own severity names, as {@code CANDOR_SEVERITIES} sets them: P1 (critical) to P4 (low). */
public final class TeamSeverities {
  public static final SeverityScale P_SCALE = SeverityScale.of(List.of(
      new SeverityScale.Level(Severity.SEV1, "P1", "Customers can't pay", List.of("critical")),
      new SeverityScale.Level(Severity.SEV2, "P2", "Checkout is slow for many", List.of("high")),
      new SeverityScale.Level(Severity.SEV3, "P3", "Some customers see it", List.of("medium")),
      new SeverityScale.Level(Severity.SEV4, "P4", "No customer impact yet", List.of("low"))));

  /** {@link #P_SCALE} as the file {@code CANDOR_SEVERITIES} names. */
  public static final String P_JSON = """
      {
        "SEV1": {"name": "P1", "description": "Customers can't pay", "words": ["critical"]},
        "SEV2": {"name": "P2", "description": "Checkout is slow for many", "words": ["high"]},
        "SEV3": {"name": "P3", "description": "Some customers see it", "words": ["medium"]},
        "SEV4": {"name": "P4", "description": "No customer impact yet", "words": ["low"]}
      }
      """;

  private TeamSeverities() {}

  /** Writes {@link #P_JSON} into {@code dir} and returns the file, for {@code CANDOR_SEVERITIES}. */
  public static Path pFile(Path dir) throws IOException {
    return Files.writeString(dir.resolve("severities.json"), P_JSON);
  }
}
