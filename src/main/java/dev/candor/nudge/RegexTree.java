package dev.candor.nudge;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A {@link java.util.regex.Pattern} expression read as a tree, with just enough detail to know how long a match of
 * each part can be and which literal text it must be: literals (case-folded, {@link CaseFold}), character classes
 * (listed when they are a few plain chars), sequences, alternations, repetitions, and what matches no text
 * (assertions and lookarounds, whose insides are read but not kept). Lengths are in chars: a code point outside
 * the Basic Multilingual Plane counts two wherever one could match.
 *
 * <p>The reader follows the documented syntax of {@code Pattern}; what it is not sure of (back references,
 * {@code \G}, {@code \X}, comments mode, Unicode character classes, canonical equivalence, any escape it does not
 * know) makes it give up ({@link Unreadable}), so nothing is ever guessed.
 */
final class RegexTree {
  /** Larger is unbounded. */
  static final int INF = Integer.MAX_VALUE / 4;

  private RegexTree() {}

  sealed interface Node permits Chars, Seq, Alt, Repeat, Empty, Unknown, Exact {}

  /**
   * One code point: one of {@code choices} (case-folded strings) or, when null, one of too many to list;
   * {@code wordChar} when it could be an ASCII letter, digit or {@code _} (or a char that folds to one);
   * {@code test}, when known, is true of every char it matches (and maybe of a few more), else null.
   */
  record Chars(Set<String> choices, int maxLength, boolean maySurrogate, boolean wordChar, CharTest test)
      implements Node {}

  /** Whether a char may be matched by a class: never false for a char the class matches, case aside. */
  interface CharTest {
    boolean test(char c);
  }

  record Seq(List<Node> items) implements Node {}

  record Alt(List<Node> branches) implements Node {}

  record Repeat(Node body, int min, int max) implements Node {}

  /**
   * Matches no text: an assertion, a lookaround, an empty group. {@code notInWord} when it cannot hold between two
   * ASCII letters or digits: {@code \b}, {@code ^}, {@code \A}, a lookbehind whose every match ends in a char
   * other than those.
   */
  record Empty(boolean notInWord) implements Node {}

  /** Text the reader cannot describe beyond its length. */
  record Unknown(int min, int max) implements Node {}

  /**
   * Text that is one of a few strings (case-folded; possibly empty): never read from an expression, but made from a
   * part of one whose strings are known ({@link RegexAnchors}), to be read faster; {@code byLast} holds the non-empty
   * strings by their last char (ASCII ones by their code, all others in the last slot).
   */
  record Exact(Set<String> strings, String[][] byLast) implements Node {
    Exact(Set<String> strings) {
      this(Set.copyOf(strings), index(strings));
    }

    private static String[][] index(Set<String> strings) {
      List<List<String>> slots = new ArrayList<>();
      for (int i = 0; i <= 128; i++) {
        slots.add(new ArrayList<>());
      }
      for (String s : strings) {
        if (!s.isEmpty()) {
          char last = s.charAt(s.length() - 1);
          slots.get(last < 128 ? last : 128).add(s);
        }
      }
      return slots.stream().map(l -> l.toArray(new String[0])).toArray(String[][]::new);
    }
  }

  /** The expression could not be read with certainty. */
  static final class Unreadable extends Exception {
    private static final long serialVersionUID = 1L;

    Unreadable(String why) {
      super(why, null, false, false);
    }
  }

  static Node parse(String regex) throws Unreadable {
    return new Parser(regex).parse();
  }

  private static final Empty NOTHING = new Empty(false);
  private static final Empty NOT_IN_WORD = new Empty(true);

  private static final Chars ANY = new Chars(null, 2, true, true, null);
  private static final CharTest DIGIT = c -> c >= '0' && c <= '9';
  private static final CharTest WORD = c -> (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || DIGIT.test(c) || c == '_';
  private static final CharTest SPACE = c -> c == ' ' || (c >= '\t' && c <= '\r');
  private static final CharTest HORIZONTAL = c -> c == ' ' || c == '\t' || c == 0xA0 || c == 0x1680 || c == 0x180E
      || (c >= 0x2000 && c <= 0x200A) || c == 0x202F || c == 0x205F || c == 0x3000;
  private static final CharTest VERTICAL = c -> (c >= '\n' && c <= '\r') || c == 0x85 || c == 0x2028 || c == 0x2029;

  private static CharTest predefined(int escape) {
    return switch (escape) {
      case 'd' -> DIGIT;
      case 'w' -> WORD;
      case 's' -> SPACE;
      case 'h' -> HORIZONTAL;
      default -> VERTICAL;
    };
  }

  /**
   * A class of plain chars, ranges and {@code \d \s \w \h \v}, as it matches ignoring case (a superset of what it
   * matches with case): a char is tried as written, upper-cased, lower-cased and folded, as {@code Pattern} does.
   */
  private static CharTest union(Set<Character> chars, List<int[]> ranges, List<CharTest> predefined) {
    Set<Character> folded = new HashSet<>();
    for (char c : chars) {
      folded.add(CaseFold.fold(c));
    }
    List<int[]> rs = List.copyOf(ranges);
    List<CharTest> ps = List.copyOf(predefined);
    CharTest any = c -> {
      if (folded.contains(CaseFold.fold(c))) {
        return true;
      }
      char[] variants = {c, Character.toUpperCase(c), Character.toLowerCase(c),
          Character.toLowerCase(Character.toUpperCase(c)), Character.toUpperCase(Character.toLowerCase(c))};
      for (char v : variants) {
        for (int[] r : rs) {
          if (v >= r[0] && v <= r[1]) {
            return true;
          }
        }
        for (CharTest p : ps) {
          if (p.test(v)) {
            return true;
          }
        }
      }
      return false;
    };
    boolean[] ascii = new boolean[128]; // the same answers, looked up, for the chars text mostly has
    for (char c = 0; c < 128; c++) {
      ascii[c] = any.test(c);
    }
    return c -> c < 128 ? ascii[c] : any.test(c);
  }


  /** Recursive descent over the code points of a {@link Pattern} expression (its documented syntax). */
  private static final class Parser {
    private final int[] cp;
    private int at;

    Parser(String regex) {
      this.cp = regex.codePoints().toArray();
    }

    Node parse() throws Unreadable {
      Node n = alternation();
      if (at != cp.length) {
        throw new Unreadable("unexpected " + Character.toString(cp[at]));
      }
      return n;
    }

    private boolean more() {
      return at < cp.length;
    }

    private int peek() {
      return at < cp.length ? cp[at] : -1;
    }

    private int next() throws Unreadable {
      if (at >= cp.length) {
        throw new Unreadable("unexpected end");
      }
      return cp[at++];
    }

    private boolean accept(String s) {
      int n = s.length();
      if (at + n > cp.length) {
        return false;
      }
      for (int i = 0; i < n; i++) {
        if (cp[at + i] != s.charAt(i)) {
          return false;
        }
      }
      at += n;
      return true;
    }

    private Node alternation() throws Unreadable {
      List<Node> branches = new ArrayList<>();
      branches.add(sequence());
      while (peek() == '|') {
        at++;
        branches.add(sequence());
      }
      return branches.size() == 1 ? branches.get(0) : new Alt(branches);
    }

    private Node sequence() throws Unreadable {
      List<Node> items = new ArrayList<>();
      while (more() && peek() != '|' && peek() != ')') {
        Node atom = atom();
        if (atom == null) {
          continue; // a flags group such as (?-u): no text
        }
        items.add(quantified(atom));
      }
      return items.size() == 1 ? items.get(0) : new Seq(items);
    }

    private Node quantified(Node atom) throws Unreadable {
      while (true) {
        int c = peek();
        int min;
        int max;
        if (c == '?') {
          min = 0;
          max = 1;
          at++;
        } else if (c == '*') {
          min = 0;
          max = INF;
          at++;
        } else if (c == '+') {
          min = 1;
          max = INF;
          at++;
        } else if (c == '{') {
          at++;
          min = number();
          max = min;
          if (peek() == ',') {
            at++;
            max = peek() == '}' ? INF : number();
          }
          if (next() != '}' || max < min) {
            throw new Unreadable("repetition");
          }
        } else {
          return atom;
        }
        if (peek() == '?' || peek() == '+') {
          at++; // lazy or possessive: the same possible matches, or fewer
        }
        atom = new Repeat(atom, min, max);
      }
    }

    private int number() throws Unreadable {
      int start = at;
      long n = 0;
      while (peek() >= '0' && peek() <= '9') {
        n = Math.min(INF, n * 10 + (next() - '0'));
      }
      if (at == start) {
        throw new Unreadable("repetition without a number");
      }
      return (int) n;
    }

    /** One atom, or null for a flags-only group. */
    private Node atom() throws Unreadable {
      int c = next();
      switch (c) {
        case '(':
          return group();
        case '[':
          return charClass();
        case '\\':
          return escape();
        case '.':
          return ANY;
        case '^':
          return NOT_IN_WORD;
        case '$':
          return NOTHING;
        case '*':
        case '+':
        case '?':
        case '{':
          throw new Unreadable("dangling " + Character.toString(c));
        default:
          return literal(c);
      }
    }

    private Node group() throws Unreadable {
      Node inner;
      if (!accept("?")) {
        inner = alternation();
      } else if (accept(":") || accept(">")) {
        inner = alternation();
      } else if (accept("<=")) {
        inner = endsOutsideWord(List.of(alternation())) ? NOT_IN_WORD : NOTHING;
      } else if (accept("=") || accept("!") || accept("<!")) {
        alternation(); // read to keep our place; a lookaround matches no text
        inner = NOTHING;
      } else if (peek() == '<') {
        at++;
        while (Character.isLetterOrDigit(peek())) {
          at++;
        }
        if (next() != '>') {
          throw new Unreadable("group name");
        }
        inner = alternation();
      } else {
        boolean on = true;
        while (peek() != ')' && peek() != ':') {
          int f = next();
          if (f == '-') {
            on = false;
          } else if ("idmsu".indexOf(f) < 0) {
            if (on || "xUc".indexOf(f) < 0) {
              throw new Unreadable("flag " + Character.toString(f)); // comments, Unicode classes, canonical equivalence
            }
          }
        }
        if (next() == ')') {
          return null;
        }
        inner = alternation();
      }
      if (next() != ')') {
        throw new Unreadable("unclosed group");
      }
      return inner;
    }

    private Node escape() throws Unreadable {
      int c = next();
      switch (c) {
        case 'd', 'w':
          return new Chars(null, 1, false, true, predefined(c));
        case 's', 'h', 'v':
          return new Chars(null, 1, false, false, predefined(c));
        case 'D', 'S', 'W', 'H', 'V':
          return ANY;
        case 'p', 'P':
          property();
          return ANY;
        case 'b':
          if (peek() == '{') {
            while (next() != '}') {
              // \b{g}, a grapheme boundary
            }
            return NOTHING;
          }
          return NOT_IN_WORD;
        case 'A':
          return NOT_IN_WORD;
        case 'B', 'z', 'Z':
          return NOTHING;
        case 'R':
          return new Unknown(1, 2);
        case 'Q':
          return quoted();
        default:
          return literal(escapedChar(c));
      }
    }

    private void property() throws Unreadable {
      if (peek() == '{') {
        while (next() != '}') {
          // \p{Name}
        }
      } else {
        next(); // \pL
      }
    }

    /** The literal text between {@code \Q} and {@code \E} (or the end). */
    private Node quoted() throws Unreadable {
      List<Node> items = new ArrayList<>();
      while (more() && !accept("\\E")) {
        items.add(literal(next()));
      }
      return new Seq(items);
    }

    /** The code point an escape (after its backslash and first char {@code c}) stands for. */
    private int escapedChar(int c) throws Unreadable {
      switch (c) {
        case 't':
          return '\t';
        case 'n':
          return '\n';
        case 'r':
          return '\r';
        case 'f':
          return '\f';
        case 'a':
          return 7;
        case 'e':
          return 27;
        case 'c':
          return next() ^ 64;
        case '0':
          return octal();
        case 'x':
          return hex();
        case 'u':
          return unicode();
        default:
          if (Character.isLetterOrDigit(c) || c >= 128) {
            // back references, \G, \k<name>, \N{name}, \X and anything new: not analysed
            throw new Unreadable("escape \\" + Character.toString(c));
          }
          return c;
      }
    }

    private int octal() throws Unreadable {
      int n = digit(8);
      if (peekDigit(8)) {
        n = n * 8 + digit(8);
        if (n < 32 && peekDigit(8)) { // \0mnn with m at most 3
          n = n * 8 + digit(8);
        }
      }
      return n;
    }

    private int hex() throws Unreadable {
      if (accept("{")) {
        int n = 0;
        while (peek() != '}') {
          n = n * 16 + digit(16);
          if (n > Character.MAX_CODE_POINT) {
            throw new Unreadable("code point");
          }
        }
        at++;
        return n;
      }
      return digit(16) * 16 + digit(16);
    }

    private int unicode() throws Unreadable {
      int n = 0;
      for (int i = 0; i < 4; i++) {
        n = n * 16 + digit(16);
      }
      // A surrogate pair written as two escapes is one code point, as Pattern reads it.
      if (Character.isHighSurrogate((char) n) && at + 5 < cp.length && cp[at] == '\\' && cp[at + 1] == 'u') {
        int save = at;
        at += 2;
        int low = 0;
        for (int i = 0; i < 4; i++) {
          low = low * 16 + digit(16);
        }
        if (Character.isLowSurrogate((char) low)) {
          return Character.toCodePoint((char) n, (char) low);
        }
        at = save;
      }
      return n;
    }

    private boolean peekDigit(int radix) {
      return more() && Character.digit(peek(), radix) >= 0;
    }

    private int digit(int radix) throws Unreadable {
      int d = Character.digit(next(), radix);
      if (d < 0) {
        throw new Unreadable("digit");
      }
      return d;
    }

    /** One code point as written: case-folded, or unlisted when it is outside the BMP and has case. */
    private static Node literal(int c) {
      if (Character.isSupplementaryCodePoint(c)) {
        if (Character.toLowerCase(c) != c || Character.toUpperCase(c) != c) {
          return new Chars(null, 2, false, false, null);
        }
        return new Chars(Set.of(Character.toString(c)), 2, false, false, null);
      }
      char ch = (char) c;
      return new Chars(Set.of(String.valueOf(CaseFold.fold(ch))), 1, Character.isSurrogate(ch), isWordChar(ch), null);
    }

    /**
     * A character class, after its {@code [}. Listed when it is a few plain characters ({@code ['’]}); otherwise
     * one code point of the BMP (never a surrogate) when made only of ranges and {@code \d \s \w \h \v}; otherwise
     * anything (negations, properties, intersections, nested classes).
     */
    private Node charClass() throws Unreadable {
      boolean any = accept("^");
      if (peek() == ']') {
        throw new Unreadable("class starting with ]");
      }
      Set<String> listed = new LinkedHashSet<>();
      Set<Character> chars = new HashSet<>();
      List<int[]> ranges = new ArrayList<>();
      List<CharTest> predefined = new ArrayList<>();
      boolean unlisted = false;
      boolean wordChar = false;
      while (peek() != ']') {
        int c = next();
        if (c == '[') {
          charClass();
          any = true;
          continue;
        }
        if (c == '&' && peek() == '&') {
          at++;
          any = true;
          continue;
        }
        int lo;
        if (c == '\\') {
          int e = next();
          if ("dswhv".indexOf(e) >= 0) {
            unlisted = true;
            wordChar |= e == 'd' || e == 'w';
            predefined.add(predefined(e));
            continue;
          }
          if ("DSWHV".indexOf(e) >= 0) {
            any = true;
            continue;
          }
          if (e == 'p' || e == 'P') {
            property();
            any = true;
            continue;
          }
          if (e == 'Q') {
            while (more() && !accept("\\E")) {
              int q = next();
              if (q > 0xFFFF || Character.isSurrogate((char) q)) {
                any = true;
                continue;
              }
              wordChar |= isWordChar((char) q);
              chars.add((char) q);
              add(listed, q);
            }
            continue;
          }
          lo = escapedChar(e);
        } else {
          lo = c;
        }
        if (peek() == '-' && at + 1 < cp.length && cp[at + 1] != ']') {
          at++;
          int h = next();
          if (h == '[') {
            throw new Unreadable("range to a class");
          }
          int hi = h == '\\' ? escapedChar(next()) : h;
          if (hi < lo) {
            throw new Unreadable("range");
          }
          if (hi > 0xFFFF || (lo <= 0xDFFF && hi >= 0xD800)) {
            any = true;
          }
          for (int x = lo; x <= Math.min(hi, 0xFFFF) && !wordChar; x++) {
            wordChar = isWordChar((char) x);
          }
          ranges.add(new int[] {lo, hi});
          unlisted = true;
        } else if (Character.isSupplementaryCodePoint(lo) || Character.isSurrogate((char) lo)) {
          any = true;
        } else {
          wordChar |= isWordChar((char) lo);
          chars.add((char) lo);
          add(listed, lo);
        }
      }
      at++;
      if (any) {
        return ANY;
      }
      CharTest test = union(chars, ranges, predefined);
      if (unlisted || listed.size() > 8) {
        return new Chars(null, 1, false, wordChar, test);
      }
      return new Chars(listed, 1, false, wordChar, test);
    }

    /** Whether {@code c} is, or folds to, an ASCII letter, digit or {@code _}. */
    private static boolean isWordChar(char c) {
      char f = CaseFold.fold(c);
      return (f >= 'a' && f <= 'z') || (f >= 'A' && f <= 'Z') || (f >= '0' && f <= '9') || f == '_';
    }

    /**
     * Whether every match of the sequence {@code items} ends with a char that is not an ASCII letter, digit or
     * {@code _} (so a lookbehind of it holds only after such a char). False when unsure.
     */
    private static boolean endsOutsideWord(List<Node> items) {
      if (items.isEmpty()) {
        return false;
      }
      Node last = items.get(items.size() - 1);
      List<Node> rest = items.subList(0, items.size() - 1);
      if (last instanceof Chars c) {
        return !c.wordChar();
      }
      if (last instanceof Empty) {
        return endsOutsideWord(rest);
      }
      if (last instanceof Seq s) {
        List<Node> joined = new ArrayList<>(rest);
        joined.addAll(s.items());
        return endsOutsideWord(joined);
      }
      if (last instanceof Alt a) {
        for (Node b : a.branches()) {
          List<Node> each = new ArrayList<>(rest);
          each.add(b);
          if (!endsOutsideWord(each)) {
            return false;
          }
        }
        return true;
      }
      if (last instanceof Repeat r && r.max() == 0) {
        return endsOutsideWord(rest);
      }
      if (last instanceof Repeat r && !mayBeEmpty(r.body())) {
        List<Node> body = new ArrayList<>(rest);
        body.add(r.body());
        return endsOutsideWord(body) && (r.min() > 0 || endsOutsideWord(rest));
      }
      return false;
    }

    private static boolean mayBeEmpty(Node n) {
      if (n instanceof Chars) {
        return false;
      }
      if (n instanceof Seq s) {
        return s.items().stream().allMatch(Parser::mayBeEmpty);
      }
      if (n instanceof Alt a) {
        return a.branches().stream().anyMatch(Parser::mayBeEmpty);
      }
      if (n instanceof Repeat r) {
        return r.min() == 0 || mayBeEmpty(r.body());
      }
      if (n instanceof Unknown u) {
        return u.min() == 0;
      }
      return n instanceof Empty || (n instanceof Exact x && x.strings().contains(""));
    }

    private static void add(Set<String> listed, int c) {
      listed.add(c > 0xFFFF ? Character.toString(c) : String.valueOf(CaseFold.fold((char) c)));
    }
  }
}
