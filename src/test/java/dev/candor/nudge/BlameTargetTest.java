package dev.candor.nudge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Whom a document's sentence could blame: someone other than its writers (a name, a role, a team, "you", "who"),
 * for blame; the writer, for self-blame. The writers' "we", systems and passives are no target.
 */
class BlameTargetTest {
  @Test
  void someoneOtherThanTheWriters_isATarget() {
    for (String s : List.of(
        "The on-call engineer failed to check the replica lag before the failover.",
        "Incident summary: Priyanka removed the production bucket policy while tidying up old grants.",
        "Tomasz skipped the canary stage for the release.",
        "The outage followed Oluwaseun's edit of the upstream block.",
        "The storage group pushed the quota change without telling anyone.",
        "The contractor did not run the test suite before shipping.",
        "Who signed off on the schema change, and why was it not reviewed?",
        "<@U04ABC> merged it late on Friday.",
        "You were supposed to watch the dashboards during the rollout.",
        "The release went out after a review by Marguerite and Kofi.")) {
      assertTrue(BlameTarget.namesSomeoneElse(LearnedJudge.modelText(s)), s);
    }
  }

  @Test
  void theWritersOwnWe_systemsAndPassives_areNoTarget() {
    for (String s : List.of(
        "We never shipped the broken build to production!",
        "We wrote down what happened so we can come back to it, though we did not learn much.",
        "After two days of flaky disks, a volume was detached. This caused a wider outage.",
        "The nightly compaction job failed to finish and the queue backed up.",
        "Multiple alerts fired within a minute of each other.",
        "It was the third time this quarter that the certificate expired.")) {
      assertFalse(BlameTarget.namesSomeoneElse(LearnedJudge.modelText(s)), s);
    }
  }

  @Test
  void selfBlameNeedsTheWriter() {
    assertTrue(BlameTarget.namesTheAuthor("I should have waited for the canary."));
    assertTrue(BlameTarget.namesTheAuthor("This one is our bad: the timeout was never set."));
    assertFalse(BlameTarget.namesTheAuthor("The timeout was never set on the client."));
  }

  /**
   * In chat, blame needs a target other than the author (gate 3; 3.3: what the author aims at themselves is
   * self-blame): a message that refers to its author alone, or to no one with a system as the subject, gives none.
   */
  @Test
  void inChat_theAuthorAloneOrASystemAsTheSubject_isNoTarget() {
    assertNoTargetInChat(true,
        "We forgot to renew the certificate.",
        "i totally forgot to renew the cert, sorry",
        "we should've caught that in review tbh",
        "our bad, we never set the timeout on that call",
        "ugh I pushed the wrong tag to prod",
        "the cron job took down the read replica again",
        "that backfill took out the warehouse",
        "bro the config change wrecked latency in us-east",
        "the retry storm is what killed the primary, we never capped it");
  }

  @Test
  void inChat_someoneElse_evenInLowerCase_isATarget() {
    assertNoTargetInChat(false,
        "marcus forgot to renew the cert",
        "we lost checkout because sofia deleted the secret",
        "turns out marcus forgot to renew our cert",
        "a single dry-run from jake would've saved us 3 hours",
        "raj's deploy broke search and we rolled back",
        "you forgot to renew the certificate",
        "ur team forgot to renew our cert",
        "the DBA team forgot to renew it and we went down",
        "<@U04ABC> forgot to renew it, we lost an hour",
        "We lost an hour because Priyanka forgot to renew it",
        "someone forgot to renew our cert",
        "nobody on our side bothered to check the expiry",
        "only an idiot would run a load test on prod, we lost six hours",
        "if security had told us about the rotation we'd be fine",
        "love that for us. thanks sergio",
        "we've got an amateur running the release train",
        "so marcus broke it and we rolled back",
        "lazy of tyler to skip the load test, we paid for it",
        "our release captain should've stopped the rollout");
  }

  private static void assertNoTargetInChat(boolean expected, String... messages) {
    for (String m : messages) {
      assertEquals(expected, BlameTarget.noTargetInChat(LearnedJudge.modelText(m)), m);
    }
  }
}
