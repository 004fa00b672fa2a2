package dev.newsmon.app;

import java.util.Map;

/**
 * A config's messages name its fields ("numThreads must be at least 1: 0"); the user of a command
 * typed options. This puts the option in place of the field a message starts with.
 */
final class OptionTerms {
  private OptionTerms() {}

  /**
   * {@code message} with its first word replaced by the option {@code optionOfField} gives for it,
   * or unchanged when it starts with no such field.
   */
  static String of(String message, Map<String, String> optionOfField) {
    int space = message.indexOf(' ');
    String option = space < 0 ? null : optionOfField.get(message.substring(0, space));
    return option == null ? message : option + message.substring(space);
  }
}
