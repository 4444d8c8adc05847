package dev.candor.nudge;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Families of written prose the rules misread in published post-mortems (issue 13, item 7), each fixed at its gate,
 * not per sentence: several phrasings of each family stay silent, and the blame each gate exists for is still caught.
 */
class PostmortemProseGatesTest {
  private static final BlameDetector RULES = new BlameDetector(RuleSet.builtIn());

  /** Temporal and adverbial "since" is time, not cause; an auxiliary ("been", "have") is no one's name. */
  @ParameterizedTest
  @ValueSource(strings = {
      "The malicious files were uploaded by the attacker, which have since been removed.",
      "The affected packages were published by the maintainer and have since been yanked.",
      "The record was changed by the contractor and has since been reverted.",
      "Those tokens had since expired, so nothing more was exposed.",
      "The cluster has been degraded since Sam deployed 4.2 at 14:02.",
      "Errors were elevated ever since the operator restarted the node.",
      "We have been on call since Maria disabled the alert for the migration.",
      "It's been down since ops changed the DNS record.",
      "Builds were failing since Alice merged the dependency bump, until the revert at 15:10."})
  void sinceForTime_isNoCause(String text) {
    assertEquals(Verdict.NONE, RULES.verdict(text), text);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "Since Sam deleted the index, search has been empty.",
      "checkout is down, since marco pushed without a review",
      "We lost the backups because Bob dropped the table.",
      "and since @dana disabled the alert nobody saw it"})
  void sinceOrBecauseOpeningAClause_stillNamesAPersonAsTheCause(String text) {
    assertEquals(Verdict.BLAME, RULES.verdict(text), text);
  }

  /** "who" opening a relative clause describes someone; it hunts no culprit. */
  @ParameterizedTest
  @ValueSource(strings = {
      "We reached out to the strategist who deployed it to understand the intent.",
      "The engineer who merged this was paged and joined within minutes.",
      "The on-call engineer who approved it walked us through the dashboards.",
      "Our release manager who ran it had no way to see the flag state.",
      "We spoke with someone who touched it last year about the original design.",
      "Thanks to everyone who deployed it safely over the weekend.",
      "The contributors who pushed it upstream were very responsive.",
      "A maintainer who changed it in 2019 left a comment explaining why."})
  void aRelativeWho_isNoCulpritHunt(String text) {
    assertEquals(Verdict.NONE, RULES.verdict(text), text);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "Who deployed it??",
      "who merged this without a review",
      "ok so who broke it",
      "any idea who pushed this?? seriously",
      "who's the genius who deployed it on a friday",
      "seriously, who approved this",
      "who wrote this query and who approved it?",
      "we're not the ones who changed the schema 🙄 talk to data eng",
      "the one who deployed it on a friday owes us all an explanation??"})
  void aWhoQuestion_isStillACulpritHunt(String text) {
    assertEquals(Verdict.BLAME, RULES.verdict(text), text);
  }

  /** A full stop inside a word (".NET", "node.js") ends no sentence; a preposition is nobody's name. */
  @ParameterizedTest
  @ValueSource(strings = {
      "We migrated the service from .NET classic to .NET core last quarter.",
      "The .NET classic vs .NET core split meant two build images.",
      "Moving from classic to .NET 6 halved the start-up time.",
      "It runs on ASP.NET classic. The new one is on .NET 8.",
      "The worker moved from node.js shouldn't be allowed near the old queue.",
      "We use classic in .NET and core elsewhere."})
  void dotNetAndOtherDottedWords_areNoSarcasmAtAPerson(String text) {
    assertEquals(Verdict.NONE, RULES.verdict(text), text);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "classic ben.",
      "classic ben. never tests anything",
      "lol. sam strikes again",
      "rollback done. dave shouldn't be allowed near prod",
      "Great job on the release, Victor. Truly. Third rollback this month 🙄",
      "Great job on the release notes, guys. Super helpful to hear about it from customers 🙄"})
  void sarcasmAtAPerson_isStillCaught(String text) {
    assertEquals(Verdict.BLAME, RULES.verdict(text), text);
  }

  /**
   * Sarcasm is blame only when aimed at a person or group (blame-language.md, section 2's target gate). A praise
   * adjective followed at once by a word qualifies that word ("good enough", "a good idea", "fine tuning"): the word
   * is no one addressed, so an irony cue nearby ("not", "again") aims the praise at nobody.
   */
  @ParameterizedTest
  @ValueSource(strings = {
      "Two workers looked good enough at the time, though not under the retry storm.",
      "It seemed a good idea to cache the tokens, but not for this long.",
      "These were good things that went our way, not things we had planned.",
      "A great deal of the traffic came from retries again after the failover.",
      "Fine tuning the pool size did not help.",
      "Solid state disks were not the bottleneck this time either.",
      "Good question from support: will the export run again tonight?",
      "The scheduler picked a great moment to restart again 🙄",
      "Nice catch Sam, the lag is back to normal again."})
  void praiseWithoutAPersonAddressed_isNoSarcasm(String text) {
    assertEquals(Verdict.NONE, RULES.verdict(text), text);
  }

  /** Ironic praise addressed to someone (after the praise phrase, a comma, an "as usual", or "from"), still caught. */
  @ParameterizedTest
  @ValueSource(strings = {
      "nice work as usual, priya",
      "Nice work again, weekend shift 🙄",
      "stellar work as always from the release team",
      "another fine piece of work from the infra folks 🙄",
      "nice one genius, both regions down",
      "great, devon. you broke it again",
      "great job <@U0ABC123> 🙄",
      "well done ops, another stellar deploy"})
  void ironicPraiseAddressedToSomeone_isStillCaught(String text) {
    assertEquals(Verdict.BLAME, RULES.verdict(text), text);
  }
}
