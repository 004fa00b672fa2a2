package dev.newsmon.processors.match;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.newsmon.schemas.watchlist.Actor;
import dev.newsmon.schemas.watchlist.Alerting;
import dev.newsmon.schemas.watchlist.Rule;
import dev.newsmon.schemas.watchlist.RuleAlerting;
import dev.newsmon.schemas.watchlist.Watchlist;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Reads watchlist YAML into a {@link Watchlist}, checking all of it: keys, required fields, ids,
 * durations and numbers, and every rule's query. The tree is walked by hand rather than bound by
 * Jackson so that every problem is collected, not only the first; a watchlist with any problem is
 * rejected whole with a {@link WatchlistException} listing them all.
 */
public final class WatchlistLoader {
  /** Classpath location of the bundled ceasefire watchlist. */
  public static final String DEFAULT_RESOURCE = "/watchlists/ceasefire-2025.yaml";

  private static final ObjectMapper YAML =
      YAMLMapper.builder().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION).build();

  private static final Pattern RULE_ID = Pattern.compile("[\\p{L}\\p{N}._:-]+");
  private static final Set<String> TOP_KEYS = Set.of("actors", "rules", "alerting");
  private static final Set<String> ACTOR_KEYS = Set.of("id", "party", "aliases");
  private static final Set<String> RULE_KEYS =
      Set.of("id", "label", "category", "party", "query", "alerting");
  private static final Set<String> ALERTING_KEYS =
      Set.of("window", "grace", "halfLife", "minCount", "zScore", "warmupWindows");
  private static final Set<String> RULE_ALERTING_KEYS =
      Set.of("minCount", "zScore", "warmupWindows");

  private WatchlistLoader() {}

  /**
   * @throws WatchlistException listing every problem, or when the file cannot be read
   */
  public static Watchlist load(Path file) {
    String yaml;
    try {
      yaml = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new WatchlistException(
          file.toString(),
          List.of("cannot read the file: " + e.getClass().getSimpleName() + " " + e.getMessage()));
    }
    return parse(yaml, file.toString());
  }

  /**
   * @param sourceName names the YAML in error messages, such as its file name
   * @throws WatchlistException listing every problem
   */
  public static Watchlist parse(String yaml, String sourceName) {
    JsonNode root;
    try {
      root = YAML.readTree(yaml);
    } catch (JsonProcessingException e) {
      String where =
          e.getLocation() == null
              ? ""
              : "line "
                  + e.getLocation().getLineNr()
                  + ", column "
                  + e.getLocation().getColumnNr()
                  + ": ";
      throw new WatchlistException(sourceName, List.of(where + "not valid YAML: " + problem(e)));
    }
    return new Walker().watchlist(root, sourceName);
  }

  /**
   * SnakeYAML's problem on one line, with the construct it was reading and where that began:
   * Jackson's message repeats both marks as quoted source lines with carets under them.
   */
  private static String problem(JsonProcessingException e) {
    if (e.getCause() instanceof MarkedYAMLException m && m.getProblem() != null) {
      Mark at = m.getContextMark();
      return m.getContext() == null || at == null
          ? m.getProblem()
          : String.format(
              "%s (%s that begins at line %d, column %d)",
              m.getProblem(), m.getContext(), at.getLine() + 1, at.getColumn() + 1);
    }
    return e.getOriginalMessage();
  }

  /** The bundled ceasefire watchlist, used when no watchlist is given. */
  public static Watchlist defaultWatchlist() {
    try (InputStream in = WatchlistLoader.class.getResourceAsStream(DEFAULT_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(
            "bundled watchlist missing from the class path: " + DEFAULT_RESOURCE);
      }
      return parse(
          new String(in.readAllBytes(), StandardCharsets.UTF_8), "classpath:" + DEFAULT_RESOURCE);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read bundled watchlist " + DEFAULT_RESOURCE, e);
    }
  }

  /** Walks the YAML tree once, collecting every problem. */
  private static final class Walker {
    private final List<String> errors = new ArrayList<>();

    Watchlist watchlist(JsonNode root, String source) {
      if (root == null || root.isMissingNode() || root.isNull()) {
        throw new WatchlistException(
            source, List.of("empty file: expected keys 'actors' and 'rules'"));
      }
      if (!root.isObject()) {
        throw new WatchlistException(
            source,
            List.of("expected a mapping with keys 'actors', 'rules' and 'alerting' at the top"));
      }
      unknownKeys(root, TOP_KEYS, "top level");
      List<Actor> actors = actors(root.get("actors"));
      Alerting alerting = alerting(root.get("alerting"));
      Set<String> parties = new TreeSet<>();
      actors.forEach(
          a -> {
            if (a.party() != null) {
              parties.add(a.party());
            }
          });
      List<Rule> rules = rules(root.get("rules"), parties, alerting);
      if (!errors.isEmpty()) {
        throw new WatchlistException(source, errors);
      }
      return new Watchlist(actors, rules, alerting);
    }

    private List<Actor> actors(JsonNode node) {
      List<Actor> actors = new ArrayList<>();
      if (node == null || node.isNull()) {
        return actors;
      }
      if (!node.isArray()) {
        errors.add("actors: expected a list of actors");
        return actors;
      }
      Set<String> ids = new HashSet<>();
      for (int i = 0; i < node.size(); i++) {
        JsonNode a = node.get(i);
        String where = "actors[" + i + "]";
        if (!a.isObject()) {
          errors.add(where + ": expected a mapping with 'id', 'party' and 'aliases'");
          continue;
        }
        String id = text(a, "id", where, true);
        if (id != null) {
          where = "actor '" + id + "'";
          if (!ids.add(id)) {
            errors.add(where + ": duplicate actor id");
          }
        }
        unknownKeys(a, ACTOR_KEYS, where);
        String party = text(a, "party", where, false);
        List<String> aliases = new ArrayList<>();
        JsonNode al = a.get("aliases");
        if (al == null || al.isNull()) {
          errors.add(where + ": missing 'aliases': expected a list of names");
        } else if (!al.isArray() || al.isEmpty()) {
          errors.add(where + ": 'aliases': expected a non-empty list of names");
        } else {
          for (int j = 0; j < al.size(); j++) {
            JsonNode alias = al.get(j);
            if (!alias.isTextual() || NewsAnalyzer.foldedTokens(alias.asText()).isEmpty()) {
              errors.add(
                  where
                      + ": aliases["
                      + j
                      + "]: expected a name with letters or digits, found '"
                      + alias.asText()
                      + "'");
            } else {
              aliases.add(alias.asText());
            }
          }
        }
        actors.add(new Actor(id, party, aliases));
      }
      return actors;
    }

    private List<Rule> rules(JsonNode node, Set<String> parties, Alerting alerting) {
      List<Rule> rules = new ArrayList<>();
      if (node == null || node.isNull()) {
        errors.add("missing 'rules': expected a list of rules");
        return rules;
      }
      if (!node.isArray()) {
        errors.add("rules: expected a list of rules");
        return rules;
      }
      if (node.isEmpty()) {
        errors.add("rules: the list is empty: expected at least one rule");
      }
      Set<String> ids = new HashSet<>();
      for (int i = 0; i < node.size(); i++) {
        JsonNode r = node.get(i);
        String where = "rules[" + i + "]";
        if (!r.isObject()) {
          errors.add(
              where + ": expected a mapping with 'id', 'label', 'category', 'party' and 'query'");
          continue;
        }
        String id = text(r, "id", where, true);
        if (id != null) {
          where = "rule '" + id + "'";
          if (!ids.add(id)) {
            errors.add(where + ": duplicate rule id");
          }
          if (!RULE_ID.matcher(id).matches()) {
            // '@' and '/' separate the parts of a rule-counts key; spaces break labels and URLs
            errors.add(
                where
                    + ": id must be letters, digits and '.', '-', '_' or ':' (no spaces, '@' or"
                    + " '/')");
          }
        }
        unknownKeys(r, RULE_KEYS, where);
        String label = text(r, "label", where, false);
        String category = text(r, "category", where, false);
        String party = text(r, "party", where, false);
        if (party != null && !parties.isEmpty() && !parties.contains(party)) {
          errors.add(
              where + ": party '" + party + "' is no actor's party: expected one of " + parties);
        }
        String query = text(r, "query", where, true);
        if (query != null) {
          try {
            QueryParser.parse(query);
          } catch (QueryParseException e) {
            for (QueryError error : e.errors()) {
              errors.add(where + ": query at " + error);
            }
          }
        }
        RuleAlerting ruleAlerting = ruleAlerting(r.get("alerting"), where, alerting);
        rules.add(new Rule(id, label == null ? id : label, category, party, query, ruleAlerting));
      }
      return rules;
    }

    private Alerting alerting(JsonNode node) {
      if (node == null || node.isNull()) {
        return Alerting.defaults();
      }
      if (!node.isObject()) {
        errors.add("alerting: expected a mapping with " + ALERTING_KEYS);
        return Alerting.defaults();
      }
      unknownKeys(node, ALERTING_KEYS, "alerting");
      int before = errors.size();
      Duration window = duration(node, "window", Alerting.DEFAULT_WINDOW);
      Duration grace = duration(node, "grace", Alerting.DEFAULT_GRACE);
      Duration halfLife = duration(node, "halfLife", null);
      Integer minCount = integer(node, "minCount", "alerting", Alerting.DEFAULT_MIN_COUNT);
      Double zScore = number(node, "zScore", "alerting", Alerting.DEFAULT_Z_SCORE);
      Integer warmup = integer(node, "warmupWindows", "alerting", Alerting.DEFAULT_WARMUP_WINDOWS);
      // a value that did not parse stands at its default here, so every other one is still checked
      errors.addAll(Alerting.problems(window, grace, halfLife, minCount, zScore, warmup));
      return errors.size() > before
          ? Alerting.defaults()
          : new Alerting(window, grace, halfLife, minCount, zScore, warmup);
    }

    private RuleAlerting ruleAlerting(JsonNode node, String where, Alerting defaults) {
      if (node == null || node.isNull()) {
        return null;
      }
      String at = where + ": alerting";
      if (!node.isObject()) {
        errors.add(at + ": expected a mapping with " + RULE_ALERTING_KEYS);
        return null;
      }
      unknownKeys(node, RULE_ALERTING_KEYS, at);
      int before = errors.size();
      RuleAlerting ra =
          new RuleAlerting(
              integer(node, "minCount", at, null),
              number(node, "zScore", at, null),
              integer(node, "warmupWindows", at, null));
      Alerting d = defaults;
      for (String problem :
          Alerting.problems(
              d.window(),
              d.grace(),
              d.halfLife(),
              ra.minCount() == null ? d.minCount() : ra.minCount(),
              ra.zScore() == null ? d.zScore() : ra.zScore(),
              ra.warmupWindows() == null ? d.warmupWindows() : ra.warmupWindows())) {
        errors.add(where + ": " + problem);
      }
      return errors.size() > before ? null : ra;
    }

    private Duration duration(JsonNode node, String key, Duration fallback) {
      JsonNode v = node.get(key);
      if (v == null || v.isNull()) {
        return fallback;
      }
      try {
        return Duration.parse(v.asText());
      } catch (DateTimeParseException e) {
        errors.add(
            "alerting: "
                + key
                + ": '"
                + v.asText()
                + "' is not a duration: expected ISO-8601, as in PT1H or PT10M");
        return fallback;
      }
    }

    private Integer integer(JsonNode node, String key, String where, Integer fallback) {
      JsonNode v = node.get(key);
      if (v == null || v.isNull()) {
        return fallback;
      }
      if (!v.isIntegralNumber() || !v.canConvertToInt()) {
        errors.add(
            where
                + ": "
                + key
                + ": '"
                + v.asText()
                + "' is not a whole number: expected one, as in 5");
        return fallback;
      }
      return v.intValue();
    }

    private Double number(JsonNode node, String key, String where, Double fallback) {
      JsonNode v = node.get(key);
      if (v == null || v.isNull()) {
        return fallback;
      }
      if (!v.isNumber()) {
        errors.add(
            where + ": " + key + ": '" + v.asText() + "' is not a number: expected one, as in 3.0");
        return fallback;
      }
      return v.doubleValue();
    }

    private String text(JsonNode node, String key, String where, boolean required) {
      JsonNode v = node.get(key);
      if (v == null || v.isNull()) {
        if (required) {
          errors.add(where + ": missing '" + key + "'");
        }
        return null;
      }
      if (!v.isValueNode()) {
        errors.add(
            where
                + ": '"
                + key
                + "': expected text, found a "
                + (v.isArray() ? "list" : "mapping"));
        return null;
      }
      String s = v.asText().strip();
      if (s.isEmpty()) {
        if (required) {
          errors.add(where + ": '" + key + "' is empty");
        }
        return null;
      }
      return s;
    }

    private void unknownKeys(JsonNode node, Set<String> known, String where) {
      Set<String> unknown = new LinkedHashSet<>();
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        String key = it.next().getKey();
        if (!known.contains(key)) {
          unknown.add(key);
        }
      }
      for (String key : unknown) {
        errors.add(where + ": unknown key '" + key + "': expected one of " + new TreeSet<>(known));
      }
    }
  }
}
