package dev.candor.nudge;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Rules read from JSON Lines files: Candor's own ({@code nudge/rules.jsonl}), then a team's
 * ({@code CANDOR_NUDGE_RULES}), which may add rules, add macros and switch rules off by id.
 *
 * <p>Each line is one of: {@code {"define": "P", "pattern": "…"}} (a macro, used as {@code {P}}), or
 * {@code {"define": "W", "words": ["…", …]}} (a macro matching any of those words or phrases);
 * {@code {"id": …, "category": …, "sureness": "high|medium|low", "patterns": […], "unless": […],
 * "suggest": …, "note": …, "keywords": […], "after_quoted_self_blame": false}}; {@code {"disable": "rule-id"}};
 * {@code {"hold_back_model": ["blame" | a category | "self_blame", …], "patterns": […], "note": …}} (a
 * {@link ModelHold}: where a pattern matches, the learned model does not speak of those categories). Blank lines
 * and lines starting with {@code #} or {@code //} are comments.
 */
public final class RuleSet {
  public static final String BUILT_IN = "nudge/rules.jsonl";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern MACRO = Pattern.compile("\\{([A-Z][A-Z_]*)\\}");
  private static final int FLAGS = Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE;

  /** Read once per JVM: see {@link #builtIn()}. */
  private static RuleSet builtIn;

  private final Map<String, String> macros = new HashMap<>();
  private final Map<String, Rule> rules = new LinkedHashMap<>();
  private final List<ModelHold> holds = new ArrayList<>();
  /** The rules a detector tries, made ready once, when first asked for ({@link #index()}). */
  private RuleIndex index;

  private RuleSet() {}

  private RuleSet(RuleSet from) {
    macros.putAll(from.macros);
    rules.putAll(from.rules);
    holds.addAll(from.holds);
  }

  /**
   * Candor's built-in rules, read once per JVM and shared: a rule set does not change once read, and its index
   * ({@link #index()}), the costly part of a {@link BlameDetector}, is then made once too.
   */
  public static synchronized RuleSet builtIn() {
    if (builtIn == null) {
      builtIn = readBuiltIn();
    }
    return builtIn;
  }

  private static RuleSet readBuiltIn() {
    RuleSet set = new RuleSet();
    try (InputStream in = RuleSet.class.getClassLoader().getResourceAsStream(BUILT_IN)) {
      if (in == null) {
        throw new RulesException(BUILT_IN + " is missing from the jar");
      }
      set.read(BUILT_IN, in);
    } catch (IOException e) {
      throw new RulesException(BUILT_IN + ": " + e.getMessage());
    }
    return set;
  }

  /** The built-in rules, then a team's file on top. */
  public static RuleSet builtInAnd(Path teamFile) {
    RuleSet set = new RuleSet(builtIn());
    try (InputStream in = Files.newInputStream(teamFile)) {
      set.read(teamFile.toString(), in);
    } catch (IOException e) {
      throw new RulesException(teamFile + ": cannot be read (" + e.getMessage() + ")");
    }
    return set;
  }

  /** Rules from text alone (tests). */
  public static RuleSet of(String name, String jsonLines) {
    RuleSet set = new RuleSet();
    set.read(name, new ByteArrayInputStream(jsonLines.getBytes(StandardCharsets.UTF_8)));
    return set;
  }

  public List<Rule> rules() {
    return List.copyOf(rules.values());
  }

  /** Where the learned model is held back, in the order read. */
  public List<ModelHold> modelHolds() {
    return List.copyOf(holds);
  }

  /**
   * The rules a detector tries (high and medium sureness; low is off), made ready to be tried fast: made on
   * the first call and shared by every detector of this rule set, on any thread ({@link RuleIndex} is immutable).
   */
  synchronized RuleIndex index() {
    if (index == null) {
      index = new RuleIndex(rules.values().stream().filter(r -> r.sureness() != Rule.Sureness.LOW).toList());
    }
    return index;
  }

  private void read(String name, InputStream in) {
    try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      String line;
      int number = 0;
      while ((line = reader.readLine()) != null) {
        number++;
        String trimmed = line.strip();
        if (trimmed.isEmpty() || trimmed.startsWith("#") || trimmed.startsWith("//")) {
          continue;
        }
        String where = name + ":" + number;
        JsonNode node;
        try {
          node = JSON.readTree(trimmed);
        } catch (JsonProcessingException e) {
          throw new RulesException(where + ": not a JSON object (" + e.getOriginalMessage() + ")");
        }
        if (node == null || !node.isObject()) {
          throw new RulesException(where + ": not a JSON object");
        }
        readLine(where, node);
      }
    } catch (IOException e) {
      throw new RulesException(name + ": cannot be read (" + e.getMessage() + ")");
    }
  }

  private void readLine(String where, JsonNode node) {
    if (node.has("define")) {
      String key = text(node, "define", where);
      if (!key.matches("[A-Z][A-Z_]*")) {
        throw new RulesException(where + ": a macro name is UPPER_CASE letters, not \"" + key + "\"");
      }
      if (node.has("words")) {
        List<String> words = new ArrayList<>();
        for (JsonNode w : node.get("words")) {
          words.add(w.asText().toLowerCase(Locale.ROOT));
        }
        if (words.isEmpty()) {
          throw new RulesException(where + ": \"words\" must list at least one word");
        }
        macros.put(key, WordTrie.of(words));
      } else {
        macros.put(key, "(?:" + expand(text(node, "pattern", where), where) + ")");
      }
      compile(macros.get(key), where);
    } else if (node.has("hold_back_model")) {
      holds.add(hold(where, node));
    } else if (node.has("disable")) {
      String id = text(node, "disable", where);
      if (rules.remove(id) == null) {
        throw new RulesException(where + ": there is no rule \"" + id + "\" to disable");
      }
    } else {
      Rule rule = rule(where, node);
      rules.put(rule.id(), rule);
    }
  }

  private Rule rule(String where, JsonNode node) {
    String id = text(node, "id", where);
    if (!id.matches("[a-z0-9][a-z0-9-]*")) {
      throw new RulesException(where + ": a rule id is lowercase letters, digits and dashes, not \"" + id + "\"");
    }
    Category category = Category.parse(text(node, "category", where)).orElseThrow(() ->
        new RulesException(where + ": unknown category \"" + node.path("category").asText() + "\""));
    Rule.Sureness sureness;
    try {
      sureness = Rule.Sureness.valueOf(text(node, "sureness", where).toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new RulesException(where + ": sureness is high, medium or low");
    }
    List<Pattern> patterns = patterns(node, "patterns", where);
    if (patterns.isEmpty()) {
      throw new RulesException(where + ": rule \"" + id + "\" has no patterns");
    }
    String suggest = node.path("suggest").asText("");
    if (suggest.isBlank() && !category.isSelfBlame()) {
      throw new RulesException(where + ": rule \"" + id + "\" needs a \"suggest\" (a blameless rewrite)");
    }
    String note = text(node, "note", where);
    Set<String> keywords = new HashSet<>();
    for (JsonNode k : node.path("keywords")) {
      String word = k.asText().toLowerCase(Locale.ROOT);
      if (!word.matches("[\\p{L}\\p{N}_']+")) {
        throw new RulesException(where + ": a keyword is one word, not \"" + k.asText() + "\"");
      }
      keywords.add(word);
    }
    return new Rule(id, category, sureness, patterns, patterns(node, "unless", where), suggest, note,
        node.path("after_quoted_self_blame").asBoolean(false), keywords);
  }

  private ModelHold hold(String where, JsonNode node) {
    JsonNode list = node.get("hold_back_model");
    if (!list.isArray() || list.isEmpty()) {
      throw new RulesException(where + ": \"hold_back_model\" must list \"blame\", \"self_blame\" or categories");
    }
    Set<Category> categories = new HashSet<>();
    for (JsonNode c : list) {
      if (c.asText().equals("blame")) {
        Arrays.stream(Category.values()).filter(k -> !k.isSelfBlame()).forEach(categories::add);
      } else {
        categories.add(Category.parse(c.asText()).orElseThrow(() ->
            new RulesException(where + ": unknown category \"" + c.asText() + "\"")));
      }
    }
    List<Pattern> patterns = patterns(node, "patterns", where);
    if (patterns.isEmpty()) {
      throw new RulesException(where + ": a model hold has no patterns");
    }
    return new ModelHold(categories, patterns, text(node, "note", where));
  }

  private List<Pattern> patterns(JsonNode node, String field, String where) {
    JsonNode list = node.get(field);
    if (list == null) {
      return List.of();
    }
    if (!list.isArray()) {
      throw new RulesException(where + ": \"" + field + "\" must be a list of patterns");
    }
    List<Pattern> out = new ArrayList<>();
    for (JsonNode p : list) {
      out.add(compile(expand(p.asText(), where), where));
    }
    return out;
  }

  private String expand(String pattern, String where) {
    Matcher m = MACRO.matcher(pattern);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String body = macros.get(m.group(1));
      if (body == null) {
        throw new RulesException(where + ": unknown macro {" + m.group(1) + "}");
      }
      m.appendReplacement(out, Matcher.quoteReplacement(body));
    }
    return m.appendTail(out).toString();
  }

  private static Pattern compile(String regex, String where) {
    try {
      return Pattern.compile(regex, FLAGS);
    } catch (PatternSyntaxException e) {
      throw new RulesException(where + ": bad pattern (" + e.getDescription() + " near index " + e.getIndex() + ")");
    }
  }

  private static String text(JsonNode node, String field, String where) {
    JsonNode v = node.get(field);
    if (v == null || !v.isTextual() || v.asText().isBlank()) {
      throw new RulesException(where + ": \"" + field + "\" is missing");
    }
    return v.asText();
  }
}
