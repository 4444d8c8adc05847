package dev.candor.slack.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.candor.followup.Level;
import dev.candor.incident.IncidentState;
import dev.candor.incident.IncidentUpdate;
import dev.candor.incident.Role;
import dev.candor.incident.Severity;
import dev.candor.slack.command.IncidentCommandParser.Change;
import dev.candor.slack.command.IncidentCommandParser.Declare;
import dev.candor.slack.command.IncidentCommandParser.Help;
import dev.candor.slack.command.IncidentCommandParser.Invalid;
import dev.candor.slack.command.IncidentCommandParser.ListOpen;
import dev.candor.slack.command.IncidentCommandParser.OpenDeclareModal;
import dev.candor.slack.command.IncidentCommandParser.Parsed;
import dev.candor.slack.followup.FollowUpGrammar;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class IncidentCommandParserTest {
  final IncidentCommandParser parser = new IncidentCommandParser();

  Parsed parse(String text) {
    return parser.parse(text);
  }

  /** What the parser passed on to the follow-ups, for {@code /incident followup …}. */
  FollowUpGrammar.Request followUp(String text) {
    return assertInstanceOf(IncidentCommandParser.FollowUps.class, parse(text)).request();
  }

  String invalid(String text) {
    return assertInstanceOf(Invalid.class, parse(text), "parsing \"" + text + "\"").message();
  }

  IncidentUpdate change(String text) {
    Change change = assertInstanceOf(Change.class, parse(text), "parsing \"" + text + "\"");
    return change.update();
  }

  static void assertNoLiveMarkup(String message) {
    assertFalse(message.contains("<!"), message);
    assertFalse(message.contains("<@"), message);
    assertFalse(message.contains("<#"), message);
  }

  // --- no text, help, list --------------------------------------------------------------------

  @ParameterizedTest
  @NullSource
  @ValueSource(strings = {"", "   ", "\n"})
  void nothing_opensTheDeclareModal(String text) {
    assertEquals(new OpenDeclareModal(), parse(text));
  }

  @ParameterizedTest
  @ValueSource(strings = {"help", "HELP", "?", "  help  "})
  void help_isHelp(String text) {
    assertEquals(new Help(), parse(text));
  }

  @Test
  void list_isListOpen() {
    assertEquals(new ListOpen(), parse("list"));
  }

  // --- declare --------------------------------------------------------------------------------

  @Test
  void declare_withATitle_usesTheDefaultSeverity() {
    assertEquals(new Declare("DB latency", Severity.SEV3), parse("declare DB latency"));
  }

  @Test
  void declare_withATrailingSeverity_takesItOutOfTheTitle() {
    assertEquals(new Declare("checkout errors", Severity.SEV2), parse("declare checkout errors sev2"));
    assertEquals(new Declare("checkout errors", Severity.SEV1), parse("Declare   checkout errors   SEV1"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"new", "open"})
  void declare_hasAliases(String alias) {
    assertEquals(new Declare("DB latency", Severity.SEV4), parse(alias + " DB latency sev4"));
  }

  @Test
  void declare_withoutATitle_asksForOne() {
    assertEquals("Give the incident a title: `/incident declare checkout errors sev2` "
        + "(or type `/incident` alone for a form).", invalid("declare"));
  }

  @Test
  void declare_withOnlyASeverity_asksForATitleBeforeIt() {
    assertEquals("Give the incident a title before the severity: `/incident declare checkout errors sev2`",
        invalid("declare sev2"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"sev5", "sev0", "sevx"})
  void declare_withABadSeverity_saysWhichOnesExist(String severity) {
    assertEquals("`" + severity + "` is not a severity. Use sev1 (critical) to sev4 (low), or P0 to P4: "
        + "`/incident declare checkout errors sev2`", invalid("declare checkout errors " + severity));
  }

  @ParameterizedTest
  @ValueSource(strings = {"P1", "p0", "P-1", "sev1", "SEV-1", "sev 1"})
  void declare_aTrailingPriorityOrSeverity_isRead_neverSilentlySev3(String severity) {
    assertEquals(new Declare("DB down", Severity.SEV1), parse("declare DB down " + severity));
  }

  @ParameterizedTest
  @ValueSource(strings = {"P1 DB down", "[P1] DB down", "(sev1) DB down", "sev-1: DB down", "DB down (P0)",
      "DB down - critical", "DB down (critical)", "critical: DB down", "DB down, sev 1", "DB down [critical]"})
  void declare_aCodeAtEitherEnd_orATeamWordSetApartAtAnEnd_isRead(String typed) {
    assertEquals(new Declare("DB down", Severity.SEV1), parse("declare " + typed));
  }

  @Test
  void declare_aPlainTeamWordAtTheEnd_isAskedAbout_neverTakenOrDropped() {
    assertEquals(new IncidentCommandParser.AskSeverity("checkout latency high", "checkout latency", Severity.SEV2,
        "high"), parse("declare checkout latency high"));
    assertEquals(new IncidentCommandParser.AskSeverity("db down Critical", "db down", Severity.SEV1, "Critical"),
        parse("declare db down Critical"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"critical path latency", "high error rate on checkout", "db p1 replica lag",
      "low disk on sev2 hosts", "latency - high and rising"})
  void declare_severityWordsAnywhereElse_stayInTheTitle(String title) {
    assertEquals(new Declare(title, Severity.SEV3), parse("declare " + title));
  }

  @Test
  void declare_withATeamScale_readsTheTeamsNamesFirst() {
    var scale = dev.candor.incident.SeverityScale.of(java.util.List.of(
        new dev.candor.incident.SeverityScale.Level(Severity.SEV1, "P0", "Everything is down", java.util.List.of("blocker")),
        new dev.candor.incident.SeverityScale.Level(Severity.SEV2, "P1", "Core feature down", java.util.List.of("urgent")),
        new dev.candor.incident.SeverityScale.Level(Severity.SEV3, "P2", "Degraded", java.util.List.of()),
        new dev.candor.incident.SeverityScale.Level(Severity.SEV4, "P3", "Cosmetic", java.util.List.of())));
    IncidentCommandParser team = new IncidentCommandParser(scale);

    assertEquals(new Declare("DB down", Severity.SEV2), team.parse("declare DB down P1"));
    assertEquals(new Declare("DB down", Severity.SEV1), team.parse("declare DB down - blocker"));
    assertEquals(new Declare("DB down", Severity.SEV4), team.parse("declare DB down P4"));
    assertEquals(new IncidentCommandParser.AskSeverity("DB down urgent", "DB down", Severity.SEV2, "urgent"),
        team.parse("declare DB down urgent"));
  }

  @Test
  void declare_aPriority_mapsPToSev() {
    assertEquals(new Declare("DB down", Severity.SEV2), parse("declare DB down P2"));
    assertEquals(new Declare("DB down", Severity.SEV4), parse("declare DB down p4"));
  }

  @Test
  void declare_aTitleWhoseLastWordMerelyStartsWithSev_keepsTheWordInTheTitle() {
    // "Seville" is a place, not a misspelt severity
    assertEquals(new Declare("fiber cut near Seville", Severity.SEV3), parse("declare fiber cut near Seville"));
  }

  @Test
  void declare_aSeverityWrittenAsTwoWordsOrWithADash_isStillTheSeverity() {
    assertEquals(new Declare("db down", Severity.SEV2), parse("declare db down sev 2"));
    assertEquals(new Declare("db down", Severity.SEV1), parse("declare db down SEV-1"));
    assertEquals(new Declare("several severe outages", Severity.SEV3), parse("declare several severe outages"));
    assertEquals(new Declare("the seven dwarfs", Severity.SEV3), parse("declare the seven dwarfs"));
    assertEquals(new Declare("db down seven", Severity.SEV3), parse("declare db down seven"));
    assertInstanceOf(Invalid.class, parse("declare db down sev 7"));
  }

  @Test
  void declare_aTitleOfExactly150Characters_isAccepted() {
    String title = "x".repeat(150);

    assertEquals(new Declare(title, Severity.SEV1), parse("declare " + title + " sev1"));
  }

  @Test
  void declare_aTitleOver150Characters_isRefusedSayingHowLong() {
    String message = invalid("declare " + "x".repeat(151) + " sev1");

    assertEquals("Titles are at most 150 characters (this one has 151). Keep it short and put the details "
        + "in `/incident summary &lt;text&gt;`.", message);
  }

  // --- status and mitigated -------------------------------------------------------------------

  @Test
  void status_withAState_setsItWithTheUpdate() {
    assertEquals(new IncidentUpdate.SetStatus(IncidentState.IDENTIFIED, "the EU cache node is saturated"),
        change("status identified the EU cache node is saturated"));
    assertEquals(new IncidentUpdate.SetStatus(IncidentState.MONITORING, "error rate falling"),
        change("status Monitoring error rate falling"));
  }

  @Test
  void status_withoutAState_keepsTheWholeTextAsTheUpdate() {
    assertEquals(new IncidentUpdate.SetStatus(null, "failing over to the replica"),
        change("status failing over to the replica"));
    assertEquals(new IncidentUpdate.SetStatus(null, "looking at the dashboards"), change("update looking at the dashboards"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"status", "status identified", "status   investigating  "})
  void status_withoutAnUpdate_asksWhatChanged(String text) {
    assertEquals("Say what changed: `/incident status identified the EU cache node is saturated` "
        + "(the state — investigating, identified or monitoring — is optional).", invalid(text));
  }

  @Test
  void statusUpdate_theAppHomesForm_makesTheUpdateTheCommandMakes() {
    assertEquals(change("status identified the EU cache node is saturated"), assertInstanceOf(Change.class,
        IncidentCommandParser.statusUpdate(IncidentState.IDENTIFIED, "  the EU cache node is saturated\n")).update());
    assertEquals(change("status failing over"),
        assertInstanceOf(Change.class, IncidentCommandParser.statusUpdate(null, "failing over")).update());
    assertInstanceOf(Invalid.class, IncidentCommandParser.statusUpdate(IncidentState.IDENTIFIED, " \n "));
    assertInstanceOf(Invalid.class, IncidentCommandParser.statusUpdate(null, null));
    assertTrue(assertInstanceOf(Invalid.class, IncidentCommandParser.statusUpdate(null, "x".repeat(3_001))).message()
        .contains("at most 3,000"));
  }

  @Test
  void mitigated_takesAnOptionalNote() {
    assertEquals(new IncidentUpdate.MarkMitigated(""), change("mitigated"));
    assertEquals(new IncidentUpdate.MarkMitigated("rolled back 4.2.1"), change("mitigated rolled back 4.2.1"));
  }

  // --- severity -------------------------------------------------------------------------------

  @ParameterizedTest
  @ValueSource(strings = {"sev 1", "sev sev1", "severity 1", "sev SEV1"})
  void sev_setsTheSeverity(String text) {
    assertEquals(new IncidentUpdate.SetSeverity(Severity.SEV1), change(text));
  }

  @Test
  void sev_withoutANumber_asksForOne() {
    assertEquals("Give a severity: 1 (critical), 2 (major), 3 (minor) or 4 (low), as in `/incident sev 2`.",
        invalid("sev"));
  }

  @Test
  void sev_withABadNumber_saysWhatWorks() {
    assertEquals("`5` is not a severity: 1 (critical), 2 (major), 3 (minor) or 4 (low), as in `/incident sev 2`.",
        invalid("sev 5"));
  }

  @Test
  void sev_withMarkup_doesNotEchoItUnescaped() {
    String message = invalid("sev <!channel>");

    assertNoLiveMarkup(message);
    assertTrue(message.contains("`@channel`"), message);
  }

  // --- roles ----------------------------------------------------------------------------------

  @Test
  void role_withAnEscapedMention_assignsThatUserAndAsksToCheckThem() {
    assertEquals(new Change(new IncidentUpdate.AssignRole(Role.COMMS, "U123ABC"), Optional.of("U123ABC")),
        parse("role comms <@U123ABC|alex>"));
  }

  @Test
  void role_withABareMention_assignsThatUser() {
    assertEquals(new Change(new IncidentUpdate.AssignRole(Role.COMMANDER, "U123ABC"), Optional.of("U123ABC")),
        parse("role commander <@U123ABC>"));
    assertEquals(new Change(new IncidentUpdate.AssignRole(Role.SCRIBE, "W0ENTERPRISE"), Optional.of("W0ENTERPRISE")),
        parse("role scribe <@W0ENTERPRISE|sam>"));
  }

  @Test
  void role_withAPlainAtName_isRefusedAskingForARealMention() {
    assertEquals("I can't tell who `@alex` is. Pick the person from Slack's @ menu so it becomes a mention: "
        + "`/incident role comms @alex`.", invalid("role comms @alex"));
  }

  @Test
  void role_withoutAPerson_asksWho() {
    assertEquals("Say who: `/incident role scribe @alex`.", invalid("role scribe"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"role", "role owner <@U123ABC>", "role <@U123ABC>"})
  void role_withoutAKnownRole_namesTheRoles(String text) {
    assertEquals("Name a role and a person: `/incident role commander @alex` (roles: commander, comms, scribe).",
        invalid(text));
  }

  @Test
  void role_withChannelMarkupInsteadOfAPerson_doesNotEchoItUnescaped() {
    String message = invalid("role comms <!channel>");

    assertNoLiveMarkup(message);
    assertTrue(message.contains("`@channel`"), message);
  }

  @Test
  void role_withTwoMentions_isRefused() {
    String message = invalid("role comms <@U1AAAAA> <@U2BBBBB>");

    assertNoLiveMarkup(message);
  }

  // --- title, summary, resolve, reopen, cancel ------------------------------------------------

  @Test
  void title_setsTheTitle() {
    assertEquals(new IncidentUpdate.SetTitle("Checkout latency on EU shards"), change("title Checkout latency on EU shards"));
  }

  @Test
  void title_missing_asksForIt() {
    assertEquals("Give the new title: `/incident title Checkout latency on EU shards`", invalid("title"));
  }

  @Test
  void title_over150Characters_isRefused() {
    assertTrue(invalid("title " + "y".repeat(151)).startsWith("Titles are at most 150 characters (this one has 151)."));
  }

  @Test
  void summary_setsTheSummary() {
    assertEquals(new IncidentUpdate.SetSummary("Card payments failed for 20% of EU users"),
        change("summary Card payments failed for 20% of EU users"));
  }

  @Test
  void summary_missing_asksForIt() {
    assertEquals("Write the summary after the word: `/incident summary Card payments failed for 20% of EU users`",
        invalid("summary"));
  }

  @Test
  void resolve_takesAnOptionalSummary() {
    assertEquals(new IncidentUpdate.Resolve(""), change("resolve"));
    assertEquals(new IncidentUpdate.Resolve("failover to the replica"), change("resolve failover to the replica"));
    assertEquals(new IncidentUpdate.Resolve("done"), change("resolved done"));
  }

  @Test
  void reopen_reopens() {
    assertEquals(new IncidentUpdate.Reopen(), change("reopen"));
  }

  @Test
  void cancel_withAReason_cancels() {
    assertEquals(new IncidentUpdate.Cancel("false alarm from a flaky probe"), change("cancel false alarm from a flaky probe"));
  }

  @Test
  void cancel_withoutAReason_asksWhy() {
    assertEquals("Say why it is cancelled: `/incident cancel false alarm from a flaky probe`", invalid("cancel"));
  }

  // --- unknown and over-long ------------------------------------------------------------------

  @Test
  void anUnknownSubcommand_suggestsTheClosestOne() {
    assertEquals("I don't know `stauts`. Did you mean `/incident status identified cache`? Type `/incident help` "
        + "to see every command with an example.", invalid("stauts identified cache"), "the command typed, corrected");
  }

  @Test
  void catchup_anditsSpellings_askForTheCatchup() {
    for (String typed : List.of("catchup", "CATCHUP", "catch-up", "recap")) {
      assertEquals(new IncidentCommandParser.ShowCatchup(), parser.parse(typed), typed);
    }
  }

  @Test
  void aTypo_isReadByEditDistance_notByItsFirstLetters() {
    assertEquals("I don't know `catchpu`. Did you mean `/incident catchup`? Type `/incident help` to see every "
        + "command with an example.", invalid("catchpu"), "not cancel, which only begins the same way");
    assertEquals(Optional.of("catchup"), IncidentCommandParser.closest("cathcup"));
    assertEquals(Optional.of("cancel"), IncidentCommandParser.closest("cancle"));
    assertEquals(Optional.of("declare"), IncidentCommandParser.closest("decalre"));
    assertEquals(Optional.of("followups"), IncidentCommandParser.closest("followps"));
    assertEquals(Optional.of("postmortem"), IncidentCommandParser.closest("postm"), "a command begun, not finished");
    assertEquals(Optional.empty(), IncidentCommandParser.closest("ca"), "too short to guess");
    assertEquals(Optional.empty(), IncidentCommandParser.closest("xyzzy"));
  }

  @Test
  void theEditDistance_countsEachEditOnce() {
    assertEquals(0, IncidentCommandParser.distance("status", "status"));
    assertEquals(1, IncidentCommandParser.distance("stauts", "status"), "a swap of neighbours");
    assertEquals(1, IncidentCommandParser.distance("statu", "status"));
    assertEquals(1, IncidentCommandParser.distance("statuss", "status"));
    assertEquals(1, IncidentCommandParser.distance("statis", "status"));
    assertEquals(6, IncidentCommandParser.distance("", "status"));
    assertTrue(IncidentCommandParser.distance("catchpu", "cancel") > 2, "cancel is far from catchpu");
  }

  @Test
  void anUnknownSubcommand_withNothingClose_onlyPointsToHelp() {
    assertEquals("I don't know `frobnicate`. Type `/incident help` to see every command with an example.",
        invalid("frobnicate"));
  }

  @Test
  void aFollowUp_endsWithItsLevel_orWithATitleThatMerelyHasAHash() {
    var tagged = (FollowUpGrammar.Add) followUp("followup <@UBOB|bob> friday add a pre-deploy check #process");
    assertEquals("add a pre-deploy check", tagged.title());
    assertEquals(Level.PROCESS, tagged.level());

    var ticket = (FollowUpGrammar.Add) followUp("followup <@UBOB|bob> friday revert the change from PR #1234");
    assertEquals("revert the change from PR #1234", ticket.title());
    assertEquals(Level.SOFTWARE, ticket.level());

    var channel = (FollowUpGrammar.Add) followUp("followup <@UBOB|bob> friday route the alert to <#C0ALERTS|ops-alerts>");
    assertEquals("route the alert to <#C0ALERTS|ops-alerts>", channel.title(), "the link stays a link");
    assertEquals(Level.SOFTWARE, channel.level());

    assertTrue(invalid("followup <@UBOB|bob> friday fix it #proccess").contains("is not a level"));

    var linked = (FollowUpGrammar.Add) followUp("followup <@UBOB|bob> friday add a pool alert <#C0ENG|engineering>");
    assertEquals("add a pool alert", linked.title());
    assertEquals(Level.ENGINEERING, linked.level(), "a link to a channel named after a level is the level");
  }

  @Test
  void aDueDateTooFarAhead_isNamedWhole() {
    String said = invalid("followup <@UBOB|bob> in 9999 weeks fix the thing");
    assertTrue(said.startsWith("I can't read the due date `in 9999 weeks`"), said);
  }

  @Test
  void postmortemAndClose_areCommandsNow() {
    assertInstanceOf(IncidentCommandParser.OpenPostmortem.class, new IncidentCommandParser().parse("postmortem"));
    assertInstanceOf(IncidentCommandParser.OpenPostmortem.class, new IncidentCommandParser().parse("post-mortem"));
    assertInstanceOf(IncidentCommandParser.CloseIncident.class, new IncidentCommandParser().parse("close"));
  }

  @Test
  void anUnknownSubcommandWithMarkup_isEchoedEscaped() {
    String message = invalid("<!channel> <@U123ABC>");

    assertNoLiveMarkup(message);
    assertTrue(message.startsWith("I don't know `@channel`."), message);
  }

  @Test
  void typedAngleBrackets_arriveEscapedFromSlack_andAreEscapedOnceWhenEchoed() {
    String message = invalid("&lt;!channel&gt;&amp;co");

    assertNoLiveMarkup(message);
    assertTrue(message.startsWith("I don't know `&lt;!channel&gt;&amp;co`."), message);
  }

  @Test
  void freeText_isStoredAsTheWordsTyped_mentionsOfPeopleAndChannelsKept() {
    assertEquals(new IncidentUpdate.SetStatus(null, "ask <@U1> about <b> & <#C1|ops>, see docs (https://x.io)"),
        change("status ask <@U1|alice> about &lt;b&gt; &amp; <#C1|ops>, see <https://x.io|docs>"));
  }

  @Test
  void anUnknownSubcommandWithABacktick_cannotCloseTheCodeSpan() {
    String message = invalid("x`<!here>");

    assertNoLiveMarkup(message);
    assertTrue(message.startsWith("I don't know `x'@here`."), message);
  }

  @Test
  void aLongUnknownSubcommand_isShortenedInTheReply() {
    String message = invalid("z".repeat(100));

    assertTrue(message.startsWith("I don't know `" + "z".repeat(40) + "…`."), message);
  }

  @Test
  void textOf3000Characters_isAccepted() {
    String text = "summary " + "s".repeat(3_000 - "summary ".length());

    assertEquals(new IncidentUpdate.SetSummary("s".repeat(2_992)), change(text));
  }

  @Test
  void textOver3000Characters_isRefusedSayingHowLong() {
    String message = invalid("summary " + "s".repeat(3_000));

    assertEquals("That is 3,008 characters; a command takes at most 3,000. Post the long part as a message in "
        + "the channel and give the command a short version.", message);
  }

  @ParameterizedTest
  @ValueSource(strings = {"followup", "  followup  ", "FOLLOWUP", "follow-up"})
  void followupAlone_opensTheFollowUpForm(String text) {
    assertInstanceOf(FollowUpGrammar.OpenForm.class, followUp(text));
  }
}
