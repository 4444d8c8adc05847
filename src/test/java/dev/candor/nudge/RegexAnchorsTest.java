package dev.candor.nudge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RegexAnchorsTest {
  private static final int FLAGS = Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE;

  private static RegexAnchors.Anchoring anchoring(String regex) {
    return RegexAnchors.of(Pattern.compile(regex, FLAGS)).orElseThrow(() -> new AssertionError("no anchors: " + regex));
  }

  @Test
  void aPhrase_isAnchoredOnItsWords_whereTheMatchStarts() {
    RegexAnchors.Anchoring a = anchoring("\\bwho (?:broke|took down)\\b");
    assertEquals(1, a.anchors().size());
    RegexAnchors.Anchor only = a.anchors().get(0);
    assertEquals(Set.of("who brok", "who took"), Set.copyOf(only.literals()), "cut to " + RegexAnchors.MAX_LITERAL);
    assertEquals(0, only.lo());
    assertEquals(0, only.hi());
    assertTrue(only.prefix().stream().allMatch(n -> n instanceof RegexTree.Empty), "only the \\b before it");
    assertTrue(a.wordStart());
  }

  @Test
  void aNameBeforeAVerb_isAnchoredOnTheVerb_withWhatComesBeforeItToReadBack() {
    RegexAnchors.Anchoring a = anchoring("\\b[a-z]{2,15} (?:broke|nuked) it");
    RegexAnchors.Anchor verb = a.anchors().stream().filter(x -> x.literals().stream().anyMatch(l -> l.contains("roke")))
        .findFirst().orElseThrow(() -> new AssertionError(a.toString()));
    assertTrue(verb.lo() >= 2 && verb.hi() <= 17, verb.toString());
    assertFalse(verb.prefix().isEmpty());
  }

  @Test
  void anUnboundedRunOfKnownChars_mayComeBeforeTheLiteral_butNotARunOfAnyChar() {
    RegexAnchors.Anchor afterSpaces = anchoring("\\b[a-z]+\\s+caused this").anchors().get(0);
    assertTrue(afterSpaces.literals().get(0).startsWith("caused"), afterSpaces.toString());
    assertEquals(RegexAnchors.INF, afterSpaces.hi());
    RegexAnchors.Anchor beforeAnything = anchoring("xq.*caused this").anchors().get(0);
    assertEquals(List.of("xq"), beforeAnything.literals());
  }

  @Test
  void literals_areCaseFolded() {
    assertEquals(List.of("okay"), anchoring("O\u212AAY").anchors().get(0).literals());
    assertEquals(List.of("sorry"), anchoring("\u017FORRY").anchors().get(0).literals());
  }

  @ParameterizedTest
  @ValueSource(strings = {"(a)\\1 again", "\\Gfoo", "(?x)foo bar", "\\Xfoo", "(?U)\\w+foo", "[a-z]+", ".*", "(?:foo|)",
      "(?:foo)?", "[^a]bc", "\\p{L}bc", "\\k<n>"})
  void whatCannotBeReadForSure_orHasNoLiteralEveryMatchHolds_hasNoAnchors(String regex) {
    Pattern p;
    try {
      p = Pattern.compile(regex, FLAGS);
    } catch (PatternSyntaxException e) {
      return; // (\k<n> without a group n)
    }
    assertTrue(RegexAnchors.of(p).isEmpty(), regex);
  }

  @Test
  void aPatternInCommentsMode_byItsFlags_hasNoAnchors() {
    assertTrue(RegexAnchors.of(Pattern.compile("who broke", Pattern.COMMENTS)).isEmpty());
  }

  @Test
  void aMatchThatCanOnlyStartOutsideAWord_isMarkedSo() {
    assertTrue(anchoring("(?<=[.!?] )sam broke").wordStart(), "after a lookbehind of a space");
    assertTrue(anchoring("(?:^|@)sam broke").wordStart(), "at the start, or at a non-letter");
    assertFalse(anchoring("sam broke").wordStart());
    assertFalse(anchoring("(?:\\bsam|am) broke").wordStart(), "one alternative may start inside a word");
  }

  @Test
  void eachPartOfThePhraseThatHasWordsOfItsOwn_isRequired_butAPartThatMayBeLeftOut_isNot() {
    List<Set<String>> required = RegexAnchors.requirements(Pattern.compile(
        "\\bwho (?:just )?(?:broke|nuked) (?:the )?(?:prod|production)\\b", FLAGS));
    assertTrue(required.contains(Set.of("who ")), required.toString());
    assertTrue(required.contains(Set.of("broke ", "nuked ")), "a word list and the space after it: " + required);
    assertTrue(required.contains(Set.of("prod", "producti")), "cut to " + RegexAnchors.MAX_LITERAL + ": " + required);
    assertFalse(required.stream().flatMap(Set::stream).anyMatch(l -> l.contains("just") || l.contains("the")),
        "optional parts are not required: " + required);
  }

  @Test
  void anExpressionThatCannotBeRead_requiresNothing_soItIsNeverRuledOut() {
    assertEquals(List.of(), RegexAnchors.requirements(Pattern.compile("\\b(\\w+) \\1 again", FLAGS)));
    assertEquals(List.of(), RegexAnchors.requirements(Pattern.compile("who broke", Pattern.COMMENTS)));
  }
}
