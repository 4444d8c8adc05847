package dev.candor.replay;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Reads a file that is one JSON array of objects (an export's day file, {@code users.json},
 * {@code channels.json}) with Jackson's streaming parser: one object is a tree at a time, so memory stays
 * flat whatever the file's size.
 */
final class JsonArrayReader {
  private static final ObjectMapper JSON = new ObjectMapper();

  private JsonArrayReader() {}

  /** The file is not an array of objects; the message says where and why, in one line. */
  static final class Malformed extends Exception {
    private static final long serialVersionUID = 1L;

    Malformed(String message) {
      super(message);
    }
  }

  /**
   * Hands each object of the array in {@code in} to {@code each} (or, when {@code each} is null, only checks
   * that the whole file is well formed); returns how many items of the array were not objects (skipped).
   */
  static long read(InputStream in, Consumer<JsonNode> each) throws Malformed, IOException {
    long skipped = 0;
    try (JsonParser p = JSON.createParser(in)) {
      JsonToken first = p.nextToken();
      if (first == null) {
        throw new Malformed("it is empty");
      }
      if (first != JsonToken.START_ARRAY) {
        throw new Malformed("it is not a JSON array (it starts with " + describe(first) + ")");
      }
      JsonToken t;
      while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
        if (t == null) {
          throw new Malformed("it ends before its array is closed");
        }
        if (t == JsonToken.START_OBJECT) {
          if (each == null) {
            p.skipChildren();
          } else {
            each.accept(p.readValueAsTree());
          }
        } else {
          p.skipChildren();
          skipped++;
        }
      }
      if (p.nextToken() != null) {
        throw new Malformed("there is more after its array, at " + where(p.currentLocation()));
      }
    } catch (JsonProcessingException e) {
      throw new Malformed("it is not valid JSON: " + e.getOriginalMessage().lines().findFirst().orElse("")
          + (e.getLocation() == null ? "" : " at " + where(e.getLocation())));
    }
    return skipped;
  }

  private static String describe(JsonToken t) {
    return switch (t) {
      case START_OBJECT -> "an object";
      case VALUE_STRING -> "a string";
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
      default -> t.asString() == null ? t.name().toLowerCase(Locale.ROOT) : "\"" + t.asString() + "\"";
    };
  }

  private static String where(JsonLocation at) {
    return "line " + at.getLineNr() + ", column " + at.getColumnNr();
  }
}
