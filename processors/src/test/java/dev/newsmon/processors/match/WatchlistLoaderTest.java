package dev.newsmon.processors.match;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.newsmon.schemas.watchlist.Alerting;
import dev.newsmon.schemas.watchlist.Rule;
import dev.newsmon.schemas.watchlist.RuleAlerting;
import dev.newsmon.schemas.watchlist.Watchlist;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Loading watchlists: the model built, and every error collected at once. */
class WatchlistLoaderTest {

  private static List<String> errors(String yaml) {
    try {
      WatchlistLoader.parse(yaml, "test.yaml");
    } catch (WatchlistException e) {
      assertThat(e.getMessage()).startsWith("invalid watchlist test.yaml (");
      return e.errors();
    }
    throw new AssertionError("expected the watchlist to be rejected");
  }

  @Test
  void shouldLoadActorsRulesAndAlerting() {
    Watchlist w =
        WatchlistLoader.parse(
            """
            actors:
              - id: putin
                party: russia
                aliases: ["Putin", "Vladimir Putin"]
            rules:
              - id: demand.halt
                label: Halt
                category: demand
                party: russia
                query: '"arms delivery" NEAR/6 halt*'
                alerting:
                  minCount: 2
                  zScore: 2.5
              - id: truce
                query: truce
            alerting:
              window: PT30M
              grace: PT5M
              minCount: 4
              zScore: 3.5
              warmupWindows: 3
            """,
            "test.yaml");
    assertThat(w.actors()).hasSize(1);
    assertThat(w.actors().get(0).aliases()).containsExactly("Putin", "Vladimir Putin");
    assertThat(w.rules().get(0))
        .isEqualTo(
            new Rule(
                "demand.halt",
                "Halt",
                "demand",
                "russia",
                "\"arms delivery\" NEAR/6 halt*",
                new RuleAlerting(2, 2.5, null)));
    assertThat(w.rules().get(1).label()).isEqualTo("truce");
    assertThat(w.alerting())
        .isEqualTo(new Alerting(Duration.ofMinutes(30), Duration.ofMinutes(5), null, 4, 3.5, 3));
    assertThat(w.alerting().halfLife()).isEqualTo(Duration.ofHours(12));
    assertThat(w.rules().get(0).effectiveAlerting(w.alerting()).minCount()).isEqualTo(2);
  }

  @Test
  void shouldDefaultAlertingWhenAbsent() {
    Watchlist w = WatchlistLoader.parse("rules: [{id: a, query: truce}]", "test.yaml");
    assertThat(w.alerting()).isEqualTo(Alerting.defaults());
  }

  @Test
  void shouldListEveryErrorInTheWatchlist() {
    List<String> errors =
        errors(
            """
            actors:
              - id: putin
                aliases: []
              - id: putin
                party: russia
                aliases: ["Putin"]
                nickname: vvp
            rules:
              - id: a
                query: 'truce NEAR b'
              - id: a
                query: '(truce'
              - id: b
                query: ''
              - label: no id
                query: truce
              - id: c
                qeury: truce
              - id: d
                party: rusia
                query: '"truce'
              - id: e
                query: truce
                alerting:
                  minCount: many
                  zScore: x
            alerting:
              window: 1 hour
              grace: PT10M
              zScore: high
              sensitivity: 3
            extra: true
            """);
    assertThat(errors)
        .containsExactly(
            "top level: unknown key 'extra': expected one of [actors, alerting, rules]",
            "actor 'putin': 'aliases': expected a non-empty list of names",
            "actor 'putin': duplicate actor id",
            "actor 'putin': unknown key 'nickname': expected one of [aliases, id, party]",
            "alerting: unknown key 'sensitivity': expected one of [grace, halfLife, minCount,"
                + " warmupWindows, window, zScore]",
            "alerting: window: '1 hour' is not a duration: expected ISO-8601, as in PT1H or PT10M",
            "alerting: zScore: 'high' is not a number: expected one, as in 3.0",
            "rule 'a': query at column 7: NEAR without a distance: expected NEAR/n, as in NEAR/5",
            "rule 'a': duplicate rule id",
            "rule 'a': query at column 1: unbalanced '(': expected a ')' to close it, but the"
                + " query ended",
            "rule 'b': 'query' is empty",
            "rules[3]: missing 'id'",
            "rule 'c': unknown key 'qeury': expected one of [alerting, category, id, label, party,"
                + " query]",
            "rule 'c': missing 'query'",
            "rule 'd': party 'rusia' is no actor's party: expected one of [russia]",
            "rule 'd': query at column 1: unbalanced quote: expected a closing '\"' for this"
                + " phrase",
            "rule 'e': alerting: minCount: 'many' is not a whole number: expected one, as in 5",
            "rule 'e': alerting: zScore: 'x' is not a number: expected one, as in 3.0");
  }

  @Test
  void shouldRefuseRuleIdsThatWouldMakeCountKeysAmbiguous() {
    assertThat(
            errors(
                """
                rules:
                  - id: 'a b@c/d'
                    query: truce
                  - id: ceasefire.30-day_v2:en
                    query: truce
                  - id: перемирие
                    query: truce
                """))
        .containsExactly(
            "rule 'a b@c/d': id must be letters, digits and '.', '-', '_' or ':' (no spaces, '@'"
                + " or '/')");
  }

  @Test
  void shouldRejectOutOfRangeAlertingValues() {
    assertThat(
            errors(
                """
                rules:
                  - id: a
                    query: truce
                    alerting: {minCount: 0, zScore: -2, warmupWindows: -5}
                alerting:
                  window: PT0S
                  grace: -PT10M
                  halfLife: '1 day'
                  minCount: 0
                  zScore: -3
                  warmupWindows: -1
                """))
        .as("every bad value, not only the first of each block")
        .containsExactly(
            "alerting: halfLife: '1 day' is not a duration: expected ISO-8601, as in PT1H or PT10M",
            "alerting: window must be a positive duration: PT0S",
            "alerting: grace must not be negative: PT-10M",
            "alerting: minCount must be at least 1: 0",
            "alerting: zScore must be a positive number: -3.0",
            "alerting: warmupWindows must not be negative: -1",
            "rule 'a': alerting: minCount must be at least 1: 0",
            "rule 'a': alerting: zScore must be a positive number: -2.0",
            "rule 'a': alerting: warmupWindows must not be negative: -5");
  }

  @Test
  void shouldRejectMissingOrEmptyRulesAndBadShapes() {
    assertThat(errors("actors: []")).containsExactly("missing 'rules': expected a list of rules");
    assertThat(errors("rules: []"))
        .containsExactly("rules: the list is empty: expected at least one rule");
    assertThat(errors("rules: {id: a}")).containsExactly("rules: expected a list of rules");
    assertThat(errors("- a\n- b"))
        .containsExactly(
            "expected a mapping with keys 'actors', 'rules' and 'alerting' at the top");
    assertThat(errors("")).containsExactly("empty file: expected keys 'actors' and 'rules'");
  }

  @Test
  void shouldReportYamlSyntaxErrorsWithLine() {
    List<String> errors = errors("rules:\n  - id: a\n    query: [unclosed\n");
    assertThat(errors).hasSize(1);
    assertThat(errors.get(0)).startsWith("line ").contains("not valid YAML");
    assertThat(errors("rules:\n  - id: a\n   label: [x\n"))
        .containsExactly(
            "line 3, column 4: not valid YAML: expected <block end>, but found '<block mapping"
                + " start>' (while parsing a block collection that begins at line 2, column 3)");
    assertThat(errors("rules:\n  - id: a\n    id: b\n    query: x\n").get(0))
        .contains("Duplicate field 'id'");
  }

  @Test
  void shouldNameTheFileWhenLoadingFromDisk(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("w.yaml");
    Files.writeString(file, "rules:\n  - id: a\n    query: 'a NEAR b'\n");
    assertThatThrownBy(() -> WatchlistLoader.load(file))
        .isInstanceOf(WatchlistException.class)
        .hasMessageContaining(file.toString())
        .hasMessageContaining("rule 'a': query at column 3: NEAR without a distance");
    assertThatThrownBy(() -> WatchlistLoader.load(dir.resolve("missing.yaml")))
        .isInstanceOf(WatchlistException.class)
        .hasMessageContaining("cannot read the file");
  }

  @Test
  void shouldLoadAndCompileTheDefaultWatchlist() {
    Watchlist w = WatchlistLoader.defaultWatchlist();
    assertThat(w.rules())
        .extracting(Rule::id)
        .contains(
            "ceasefire.any",
            "ceasefire.30-day",
            "ceasefire.unconditional",
            "ceasefire.energy-infrastructure",
            "ceasefire.peacekeepers",
            "demand.halt-arms-deliveries",
            "demand.halt-intelligence-sharing",
            "demand.halt-mobilisation",
            "demand.no-nato-membership",
            "demand.recognition-of-annexation",
            "demand.territorial-concessions",
            "demand.demilitarisation",
            "demand.root-causes",
            "demand.elections-in-ukraine",
            "demand.sanctions-relief",
            "demand.security-guarantees",
            "demand.no-territorial-concessions",
            "demand.continued-military-aid");
    assertThat(w.actors())
        .extracting(a -> a.id())
        .contains("putin", "zelensky", "trump", "rubio", "lavrov");
    assertThat(w.rules())
        .allSatisfy(r -> assertThat(r.category()).isIn("ceasefire-term", "demand"));
    assertThat(ArticleMatcher.compile(w).ruleCount()).isEqualTo(w.rules().size());
  }
}
