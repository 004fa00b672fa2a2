package dev.newsmon.app;

import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Option defaults from the environment, for containers: {@code --bootstrap-servers} of any command
 * can be given as {@code NEWSMON_BOOTSTRAP_SERVERS}. The command line still wins; without either,
 * the option's own default applies.
 */
public final class EnvironmentDefaults implements IDefaultValueProvider {
  public static final String PREFIX = "NEWSMON_";

  private final Map<String, String> environment;

  public EnvironmentDefaults(Map<String, String> environment) {
    this.environment = Map.copyOf(environment);
  }

  /**
   * The environment variable that sets this option: {@code --topic-prefix} → NEWSMON_TOPIC_PREFIX.
   */
  public static String variableFor(OptionSpec option) {
    String name = option.longestName().replaceFirst("^-+", "");
    return PREFIX + name.toUpperCase(Locale.ROOT).replace('-', '_');
  }

  @Override
  public String defaultValue(ArgSpec arg) {
    if (!(arg instanceof OptionSpec option) || option.usageHelp() || option.versionHelp()) {
      return null;
    }
    String value = environment.get(variableFor(option));
    return value == null || value.isBlank() ? null : value;
  }
}
