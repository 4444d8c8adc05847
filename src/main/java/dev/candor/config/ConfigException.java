package dev.candor.config;

/** A setting is missing or malformed. The message names the variable and what it should look like. */
public final class ConfigException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ConfigException(String message) {
    super(message);
  }
}
