package dev.candor.nudge;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The prose of a written document (a post-mortem in Markdown or text), line by line: what is not prose is blanked,
 * the way {@link Prose} blanks it in chat, before any line is judged. Blanked here, for the document as a whole:
 * YAML ({@code ---}) or TOML ({@code +++}) front matter at the top, fenced code ({@code ```} or {@code ~~~}), HTML
 * comments (on one line or across several) and, in Markdown, indented code blocks and the lines that go on a block
 * quote's paragraph without their own {@code >} (lazy continuation: quoted chat is a quote, not prose). What {@link Prose} blanks in a
 * line (code spans, quotes, log lines, URLs, mentioned words) it still blanks when the line is judged.
 *
 * <p>Every line keeps its number, and a blanked part its width, so a finding points at the line as written.
 */
public final class DocumentProse {
  /** A code fence: three or more backticks or tildes, indented by up to three spaces (a list may indent more). */
  private static final Pattern FENCE = Pattern.compile("^\\s*(`{3,}|~{3,})");
  /** A list item's marker: {@code -}, {@code *}, {@code +}, {@code 1.} or {@code 1)} and a space. */
  private static final Pattern LIST_ITEM = Pattern.compile("^ {0,3}(?:[-*+]|\\d{1,9}[.)])(?:\\s|$)");
  /** How front matter's first line starts: a YAML key, list item or comment; a TOML key, table or comment. */
  private static final Pattern YAML_START = Pattern.compile("^(?:[\\w\"'.-][^:]*:(?:\\s|$)|- |#)");
  private static final Pattern TOML_START = Pattern.compile("^(?:[\\w\"'.-]+\\s*=|\\[|#)");
  /** An ATX heading ({@code ## Root cause}) or a setext underline ({@code ===}, {@code ---}) below a title. */
  private static final Pattern HEADING = Pattern.compile("^ {0,3}#{1,6}(?:\\s|$)");
  private static final Pattern UNDERLINE = Pattern.compile("^ {0,3}(?:=+|-+)\\s*$");
  /** A block quote's marker ({@code >}, indented by up to three spaces) and what the line holds after it. */
  private static final Pattern QUOTE = Pattern.compile("^ {0,3}>\\s?(.*)$");
  /** A thematic break ({@code ***}, {@code - - -}, {@code ___}), which no paragraph goes on through. */
  private static final Pattern BREAK = Pattern.compile("^ {0,3}(?:(?:\\*\\s*){3,}|(?:-\\s*){3,}|(?:_\\s*){3,})$");
  /**
   * A line that is only emphasis used as a label: {@code **Impact:**}, {@code *Root cause*:}, {@code __Timeline__};
   * its words not ending a sentence (an emphasised sentence is prose, not a label).
   */
  private static final Pattern EMPHASIS_LABEL =
      Pattern.compile("^\\s*(\\*\\*|__|\\*|_)(?!\\s)[^*_]*[^*_\\s.!?]\\1\\s*:?\\s*$");
  /**
   * A line that is only an emphasised question: {@code **How do I check my offers?**}, {@code __Q: Who ran it?__}.
   * Standing alone it heads a FAQ's answer, as a heading would: the reader's question, not the writers' words.
   */
  private static final Pattern EMPHASIS_QUESTION = Pattern.compile("^\\s*(\\*\\*|__|\\*|_)(?!\\s)[^*_]*\\?\\1\\s*$");
  private static final String COMMENT_OPEN = "<!--";
  private static final String COMMENT_CLOSE = "-->";

  private DocumentProse() {}

  /**
   * {@code lines} with what is not prose blanked (as spaces, so every line keeps its length). {@code markdown}: the
   * document is Markdown, where a line indented by four spaces or a tab after a blank line is code.
   */
  public static List<String> of(List<String> lines, boolean markdown) {
    List<String> out = new ArrayList<>(lines);
    int frontMatterEnd = frontMatterEnd(lines);
    for (int i = 0; i < frontMatterEnd; i++) {
      out.set(i, blank(lines.get(i)));
    }
    String fence = null; // the open fence's characters, while inside fenced code
    boolean inComment = false;
    boolean inIndentedCode = false;
    boolean previousBlank = true;
    boolean inList = false;
    boolean inQuote = false; // the last line was a quote's paragraph text, which an unmarked line goes on (lazily)
    for (int i = frontMatterEnd; i < lines.size(); i++) {
      String line = lines.get(i);
      if (fence != null) {
        out.set(i, blank(line));
        if (closesFence(line, fence)) {
          fence = null;
        }
        previousBlank = false;
        continue;
      }
      if (!inComment) {
        var open = FENCE.matcher(line);
        if (open.find()) {
          fence = open.group(1);
          out.set(i, blank(line));
          previousBlank = false;
          inIndentedCode = false;
          inQuote = false;
          continue;
        }
      }
      boolean wasInComment = inComment;
      StringBuilder kept = new StringBuilder(line);
      inComment = blankComments(kept, inComment);
      String now = kept.toString();
      if (wasInComment || !now.equals(line)) {
        out.set(i, now);
      }
      if (markdown && !wasInComment) {
        boolean blankLine = line.isBlank();
        if (blankLine) {
          previousBlank = true;
          inQuote = false;
          continue;
        }
        var quote = QUOTE.matcher(line);
        if (quote.matches()) {
          String inside = quote.group(1);
          inQuote = !inside.isBlank() && !FENCE.matcher(inside).find() && !HEADING.matcher(inside).find();
        } else if (inQuote && continuesParagraph(lines, i)) {
          out.set(i, blank(line)); // lazy continuation: the quote's words, not the document's
          previousBlank = false;
          continue;
        } else {
          inQuote = false;
        }
        boolean indented = line.startsWith("    ") || line.startsWith("\t");
        if (indented && !inList && (previousBlank || inIndentedCode)) {
          out.set(i, blank(line));
          inIndentedCode = true;
        } else {
          inIndentedCode = false;
          if (LIST_ITEM.matcher(line).find()) {
            inList = true;
          } else if (!indented && previousBlank) {
            inList = false; // a paragraph after a blank line, at the margin, ends the list
          }
        }
        previousBlank = false;
      }
    }
    return out;
  }

  /**
   * Whether line {@code i} is paragraph continuation text (CommonMark): a line that would go on an open paragraph,
   * not one that starts a block of its own (a list item, a heading, a fence, a thematic break). So after a quoted
   * line ({@code >}), such a line without its own {@code >} is still the quote's ("lazy continuation"). A line above
   * a setext underline stays a title, read by the rules.
   */
  private static boolean continuesParagraph(List<String> lines, int i) {
    String line = lines.get(i);
    boolean setextTitle = i + 1 < lines.size() && UNDERLINE.matcher(lines.get(i + 1)).matches();
    return !LIST_ITEM.matcher(line).find() && !HEADING.matcher(line).find() && !FENCE.matcher(line).find()
        && !BREAK.matcher(line).matches() && !UNDERLINE.matcher(line).matches() && !setextTitle;
  }

  /** Lines {@code first} to {@code last} (0-based, inclusive) of a document: one paragraph, or one title. */
  public record Paragraph(int first, int last, boolean title) {
    /** The paragraph's lines of {@code prose}, joined by spaces, so that a wrapped sentence reads as one. */
    public String text(List<String> prose) {
      return String.join(" ", prose.subList(first, last + 1));
    }

    /** The line (0-based, of the document) on which character {@code at} of {@link #text} lies. */
    public int lineAt(List<String> prose, int at) {
      int end = 0;
      for (int i = first; i < last; i++) {
        end += prose.get(i).length() + 1;
        if (at < end) {
          return i;
        }
      }
      return last;
    }
  }

  /**
   * The paragraphs of {@code prose} (a document {@link #of} already blanked): runs of lines that are not blank,
   * so that a sentence wrapped over several lines is read whole. A new list item starts a new paragraph, and a
   * quoted line ({@code >}) is one of its own, so that it stays a quote; in Markdown a heading is a title of its own
   * (a line of {@code #}s, or a line above {@code ===} or {@code ---}), and so is a one-line paragraph that is a label
   * (see {@link #isLabel}).
   */
  public static List<Paragraph> paragraphs(List<String> prose, boolean markdown) {
    List<Paragraph> out = new ArrayList<>();
    int start = -1;
    for (int i = 0; i <= prose.size(); i++) {
      String line = i < prose.size() ? prose.get(i) : "";
      boolean title = markdown && !line.isBlank() && (HEADING.matcher(line).find()
          || (i + 1 < prose.size() && UNDERLINE.matcher(prose.get(i + 1)).matches() && !prose.get(i).isBlank()));
      boolean underline = markdown && i > 0 && !line.isBlank() && UNDERLINE.matcher(line).matches()
          && !prose.get(i - 1).isBlank();
      boolean quote = line.stripLeading().startsWith(">");
      boolean breaks = line.isBlank() || title || underline || quote || LIST_ITEM.matcher(line).find();
      if (breaks && start >= 0) {
        out.add(new Paragraph(start, i - 1, markdown && isLabel(prose, start, i - 1)));
        start = -1;
      }
      if (title || quote) {
        out.add(new Paragraph(i, i, title));
      } else if (!line.isBlank() && !underline && start < 0) {
        start = i;
      }
    }
    return out;
  }

  /**
   * Whether lines {@code first} to {@code last} are a label, not a sentence: one line that is only emphasis
   * ({@code **SIGILL error:**}, {@code *Impact*:}), the way many documents write a heading; one line that is only an
   * emphasised question, the way a FAQ heads each answer; or one line that ends with a colon, the head of the list,
   * quote or code below it ("This was caused by two factors:"), which read alone is half a sentence. Like a heading,
   * the rules read it and the model does not.
   */
  private static boolean isLabel(List<String> prose, int first, int last) {
    if (first != last) {
      return false;
    }
    String line = prose.get(first).strip();
    return EMPHASIS_LABEL.matcher(line).matches() || EMPHASIS_QUESTION.matcher(line).matches() || line.endsWith(":");
  }

  /**
   * How many lines at the top are front matter: a first line {@code ---} (YAML) or {@code +++} (TOML), through the
   * line that closes it ({@code ---} or {@code ...} for YAML, {@code +++} for TOML). 0 when there is none, or when
   * it is never closed (then the first line was no front matter, but a rule or text).
   */
  static int frontMatterEnd(List<String> lines) {
    if (lines.isEmpty()) {
      return 0;
    }
    String first = lines.get(0).strip();
    if (!first.equals("---") && !first.equals("+++")) {
      return 0;
    }
    boolean yaml = first.equals("---");
    for (int i = 1; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.equals(first) || (yaml && line.equals("..."))) {
        return i + 1;
      }
      if (i == 1 && !line.isEmpty() && !(yaml ? YAML_START : TOML_START).matcher(line).find()) {
        return 0; // a rule (---) above text, not front matter
      }
    }
    return 0;
  }

  /** Whether {@code line} closes a fence opened with {@code fence}: the same character, at least as many. */
  private static boolean closesFence(String line, String fence) {
    String s = line.strip();
    int n = 0;
    while (n < s.length() && s.charAt(n) == fence.charAt(0)) {
      n++;
    }
    return n >= fence.length() && s.substring(n).isBlank();
  }

  /**
   * Blanks the HTML comments in {@code line}, the first part of it too when {@code open} (a comment goes on from an
   * earlier line). Returns whether a comment is still open at the end of the line.
   */
  private static boolean blankComments(StringBuilder line, boolean open) {
    int from = 0;
    while (true) {
      int start = open ? from : line.indexOf(COMMENT_OPEN, from);
      if (start < 0) {
        return false;
      }
      int close = line.indexOf(COMMENT_CLOSE, open ? start : start + COMMENT_OPEN.length());
      int end = close < 0 ? line.length() : close + COMMENT_CLOSE.length();
      for (int i = start; i < end; i++) {
        line.setCharAt(i, ' ');
      }
      if (close < 0) {
        return true;
      }
      open = false;
      from = end;
    }
  }

  private static String blank(String line) {
    return " ".repeat(line.length());
  }
}
