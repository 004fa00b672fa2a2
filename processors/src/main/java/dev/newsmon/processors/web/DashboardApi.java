package dev.newsmon.processors.web;

import dev.newsmon.schemas.RuleCount;
import dev.newsmon.schemas.watchlist.Actor;
import dev.newsmon.schemas.watchlist.Rule;
import dev.newsmon.schemas.watchlist.Watchlist;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The dashboard's JSON API: a path and its query parameters in, a status and a body (records and
 * lists that Jackson writes) out. Documented in the README, section "Dashboard API".
 */
final class DashboardApi {
  static final int DEFAULT_LIMIT = 20;
  static final int MAX_LIMIT = 200;

  record Response(int status, Object body) {
    static Response ok(Object body) {
      return new Response(200, body);
    }

    static Response error(int status, String message) {
      return new Response(status, Map.of("error", message));
    }
  }

  record RuleView(String id, String label, String category, String party, String query) {}

  record ActorView(String id, String party, String name, List<String> aliases) {}

  record Rules(Duration window, List<RuleView> rules, List<ActorView> actors) {}

  record Point(Instant windowStart, Instant windowEnd, long mentions, long articles) {}

  record Series(String ruleId, String label, List<Point> points) {}

  record Counts(Duration window, Instant from, Instant to, List<Series> series) {}

  record Demand(String ruleId, String label, String party) {}

  record Matrix(List<String> parties, List<Demand> demands, List<DashboardData.Cell> cells) {}

  private final Watchlist watchlist;
  private final DashboardData data;

  DashboardApi(Watchlist watchlist, DashboardData data) {
    this.watchlist = watchlist;
    this.data = data;
  }

  Response answer(String path, Map<String, List<String>> params) {
    try {
      return switch (path) {
        case "/api/rules" -> Response.ok(rules());
        case "/api/counts" -> counts(params);
        case "/api/alerts" -> Response.ok(data.alerts(limit(params)));
        case "/api/mentions" -> mentions(params);
        case "/api/who-demands-what" -> Response.ok(whoDemandsWhat());
        default -> Response.error(404, "no such API: " + path);
      };
    } catch (IllegalArgumentException e) {
      return Response.error(400, e.getMessage());
    }
  }

  Rules rules() {
    List<RuleView> rules =
        watchlist.rules().stream()
            .map(r -> new RuleView(r.id(), r.label(), r.category(), r.party(), r.query()))
            .toList();
    List<ActorView> actors =
        watchlist.actors().stream()
            .map(
                a ->
                    new ActorView(
                        a.id(),
                        a.party(),
                        a.aliases().isEmpty() ? a.id() : longest(a),
                        a.aliases()))
            .toList();
    return new Rules(watchlist.alerting().window(), rules, actors);
  }

  /** The fullest form of the actor's first alias ("Vladimir Putin" for "Putin"), for display. */
  private static String longest(Actor a) {
    String first = a.aliases().get(0);
    String best = first;
    for (String alias : a.aliases()) {
      if (alias.length() > best.length()
          && alias.toLowerCase(Locale.ROOT).contains(first.toLowerCase(Locale.ROOT))) {
        best = alias;
      }
    }
    return best;
  }

  private Response counts(Map<String, List<String>> params) {
    Set<Duration> counted = data.windows();
    Duration window =
        param(params, "window").map(DashboardApi::duration).orElseGet(() -> defaultWindow(counted));
    if (!counted.isEmpty() && !counted.contains(window)) {
      // empty series would read as "no mentions"; say which window sizes are counted instead
      return Response.error(
          400,
          "no counts for window "
              + window
              + ": the processors count "
              + counted.stream().map(Duration::toString).collect(Collectors.joining(", ")));
    }
    Instant from = param(params, "from").map(v -> instant("from", v)).orElse(Instant.EPOCH);
    Instant to =
        param(params, "to")
            .map(v -> instant("to", v))
            .orElse(Instant.parse("9999-01-01T00:00:00Z"));
    if (!from.isBefore(to)) {
      throw new IllegalArgumentException("'from' must be before 'to': " + from + " / " + to);
    }
    Set<String> ruleIds = new LinkedHashSet<>();
    for (String v : params.getOrDefault("rule", List.of())) {
      for (String id : v.split(",")) {
        if (!id.isBlank()) {
          ruleIds.add(id.strip());
        }
      }
    }
    if (ruleIds.isEmpty()) {
      ruleIds.addAll(watchlist.rules().stream().map(Rule::id).toList());
      ruleIds.addAll(data.countedRules(window));
    } else {
      for (String id : ruleIds) {
        if (watchlist.rule(id).isEmpty() && !data.countedRules(window).contains(id)) {
          return Response.error(404, "unknown rule: " + id);
        }
      }
    }
    List<Series> series = new ArrayList<>();
    for (String id : ruleIds) {
      List<Point> points =
          data.counts(id, window, from, to).stream().map(DashboardApi::point).toList();
      series.add(new Series(id, watchlist.rule(id).map(Rule::label).orElse(id), points));
    }
    return Response.ok(new Counts(window, from, to, series));
  }

  /** The watchlist's window, unless the processors only publish other sizes. */
  private Duration defaultWindow(Set<Duration> seen) {
    Duration configured = watchlist.alerting().window();
    return seen.isEmpty() || seen.contains(configured) ? configured : seen.iterator().next();
  }

  private static Point point(RuleCount c) {
    return new Point(c.windowStart(), c.windowEnd(), c.mentions(), c.articles());
  }

  private Response mentions(Map<String, List<String>> params) {
    String rule =
        param(params, "rule")
            .orElseThrow(() -> new IllegalArgumentException("missing parameter 'rule'"));
    if (watchlist.rule(rule).isEmpty() && data.mentions(rule, 1).isEmpty()) {
      return Response.error(404, "unknown rule: " + rule);
    }
    return Response.ok(data.mentions(rule, limit(params)));
  }

  Matrix whoDemandsWhat() {
    List<DashboardData.Cell> cells = data.whoDemandsWhat();
    Set<String> parties = new TreeSet<>();
    cells.forEach(c -> parties.add(c.party()));
    List<Demand> demands = new ArrayList<>();
    Set<String> listed = new LinkedHashSet<>();
    for (Rule r : watchlist.rules()) {
      if ("demand".equals(r.category())) {
        demands.add(new Demand(r.id(), r.label(), r.party()));
        listed.add(r.id());
        if (r.party() != null) {
          parties.add(r.party());
        }
      }
    }
    // demands of rules no longer in this dashboard's watchlist still show
    cells.stream()
        .map(DashboardData.Cell::ruleId)
        .filter(listed::add)
        .forEach(id -> demands.add(new Demand(id, id, null)));
    return new Matrix(List.copyOf(parties), demands, cells);
  }

  private static java.util.Optional<String> param(Map<String, List<String>> params, String name) {
    List<String> values = params.get(name);
    if (values == null || values.isEmpty() || values.get(0).isBlank()) {
      return java.util.Optional.empty();
    }
    return java.util.Optional.of(values.get(0).strip());
  }

  private static int limit(Map<String, List<String>> params) {
    return param(params, "limit")
        .map(
            v -> {
              try {
                int n = Integer.parseInt(v);
                if (n < 1 || n > MAX_LIMIT) {
                  throw new IllegalArgumentException(
                      "'limit' must be between 1 and " + MAX_LIMIT + ": " + v);
                }
                return n;
              } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'limit' is not a number: " + v);
              }
            })
        .orElse(DEFAULT_LIMIT);
  }

  private static Instant instant(String name, String value) {
    try {
      return Instant.parse(value);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          "'" + name + "' is not an ISO-8601 instant such as 2025-03-11T00:00:00Z: " + value);
    }
  }

  private static Duration duration(String value) {
    try {
      Duration d = Duration.parse(value);
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException("'window' must be positive: " + value);
      }
      return d;
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          "'window' is not an ISO-8601 duration such as PT1H: " + value);
    }
  }
}
