package dev.newsmon.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What the deploy tests read out of the PromQL in the alerting rules and the Grafana board. */
final class PromQl {
  /** A name followed by a label matcher or a range: a series, not a function or a label. */
  private static final Pattern METRIC = Pattern.compile("\\b([a-z_]+)(?=[{\\[])");

  private PromQl() {}

  /** Adds to {@code into} the metric names {@code expr} selects. */
  static void addMetricNames(String expr, Collection<String> into) {
    Matcher m = METRIC.matcher(expr);
    while (m.find()) {
      into.add(m.group(1));
    }
  }

  /** Every rule of every group in a rules file, as read by Jackson. */
  static List<JsonNode> rules(JsonNode rulesFile) {
    List<JsonNode> rules = new ArrayList<>();
    rulesFile.path("groups").forEach(g -> g.path("rules").forEach(rules::add));
    return rules;
  }
}
