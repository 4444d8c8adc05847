package dev.candor.postmortem;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small reader of iCalendar text for tests, written from RFC 5545 apart from the code under test:
 * unfolds lines, splits names, parameters (quoted or not) and values, unescapes TEXT, and places a
 * local time through a VTIMEZONE's observances (single onsets only: yearly RRULEs are left to ical4j).
 */
final class IcsReader {
  record Line(String name, Map<String, String> params, String value) {}

  private IcsReader() {}

  static List<Line> lines(String ics) {
    List<Line> lines = new ArrayList<>();
    for (String line : ics.replace("\r\n ", "").split("\r\n")) {
      lines.add(parse(line));
    }
    return lines;
  }

  static Line parse(String line) {
    int i = 0;
    while (i < line.length() && line.charAt(i) != ';' && line.charAt(i) != ':') {
      i++;
    }
    String name = line.substring(0, i);
    Map<String, String> params = new LinkedHashMap<>();
    while (i < line.length() && line.charAt(i) == ';') {
      int eq = line.indexOf('=', i);
      String key = line.substring(i + 1, eq);
      int j = eq + 1;
      StringBuilder value = new StringBuilder();
      if (line.charAt(j) == '"') {
        int close = line.indexOf('"', j + 1);
        value.append(line, j + 1, close);
        j = close + 1;
      } else {
        while (line.charAt(j) != ';' && line.charAt(j) != ':') {
          value.append(line.charAt(j++));
        }
      }
      params.put(key, value.toString());
      i = j;
    }
    return new Line(name, params, line.substring(i + 1));
  }

  static String unescape(String text) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\\' && i + 1 < text.length()) {
        char next = text.charAt(++i);
        out.append(next == 'n' || next == 'N' ? '\n' : next);
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  /** The lines of the first VEVENT, without its BEGIN and END. */
  static List<Line> event(List<Line> lines) {
    int begin = lines.indexOf(new Line("BEGIN", Map.of(), "VEVENT"));
    int end = lines.indexOf(new Line("END", Map.of(), "VEVENT"));
    if (begin < 0 || end < begin) {
      throw new AssertionError("no VEVENT in " + lines);
    }
    return lines.subList(begin + 1, end);
  }

  static Line first(List<Line> lines, String name) {
    return lines.stream().filter(l -> l.name().equals(name)).findFirst()
        .orElseThrow(() -> new AssertionError("no " + name + " in " + lines));
  }

  static List<Line> all(List<Line> lines, String name) {
    return lines.stream().filter(l -> l.name().equals(name)).toList();
  }

  /** An observance: when it begins (as UTC) and the offset it sets. */
  record Observance(Instant onset, ZoneOffset to, boolean recurring) {}

  static List<Observance> observances(List<Line> lines) {
    List<Observance> found = new ArrayList<>();
    LocalDateTime start = null;
    ZoneOffset from = null;
    ZoneOffset to = null;
    boolean recurring = false;
    boolean inside = false;
    for (Line l : lines) {
      switch (l.name()) {
        case "BEGIN" -> {
          inside = l.value().equals("STANDARD") || l.value().equals("DAYLIGHT");
          recurring = false;
        }
        case "DTSTART" -> start = inside ? LocalDateTime.parse(l.value(), LOCAL) : start;
        case "TZOFFSETFROM" -> from = offset(l.value());
        case "TZOFFSETTO" -> to = offset(l.value());
        case "RRULE" -> recurring = inside || recurring;
        case "END" -> {
          if (inside) {
            found.add(new Observance(start.toInstant(from), to, recurring));
          }
          inside = false;
        }
        default -> { }
      }
    }
    found.sort(Comparator.comparing(Observance::onset));
    return found;
  }

  /**
   * The instant of a local time through single-onset observances: read with each observance's offset,
   * it must fall where that observance is in effect; of two such readings (clocks set back) the earlier
   * one counts (RFC 5545 §3.3.5).
   */
  static Instant place(List<Observance> observances, LocalDateTime local) {
    Instant placed = null;
    for (Observance o : observances) {
      if (o.recurring()) {
        throw new AssertionError("a yearly observance: read this one with ical4j");
      }
      Instant candidate = local.toInstant(o.to());
      if (inEffect(observances, candidate) == o && (placed == null || candidate.isBefore(placed))) {
        placed = candidate;
      }
    }
    if (placed == null) {
      throw new AssertionError(local + " is covered by no observance");
    }
    return placed;
  }

  private static Observance inEffect(List<Observance> observances, Instant at) {
    Observance current = null;
    for (Observance o : observances) {
      if (!o.onset().isAfter(at)) {
        current = o;
      }
    }
    return current;
  }

  static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss");
  static final DateTimeFormatter LOCAL_UTC = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'");

  static ZoneOffset offset(String value) {
    String v = value.length() == 5 ? value.substring(0, 3) + ":" + value.substring(3)
        : value.substring(0, 3) + ":" + value.substring(3, 5) + ":" + value.substring(5);
    return ZoneOffset.of(v);
  }
}
