package dev.candor.slack.command;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class IncidentCommandTest {
  @Test
  void everyKindTheParserGives_hasASubcommandToAnswerIt() {
    // the command checks its table against the parser's sealed Parsed when it is made, and refuses to start short
    assertDoesNotThrow(() -> new IncidentCommand(null, null, null, null, null, null, null, null, null));
    assertTrue(IncidentCommandParser.Parsed.class.getPermittedSubclasses().length >= 12);
  }
}
