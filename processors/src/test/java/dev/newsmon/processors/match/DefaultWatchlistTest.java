package dev.newsmon.processors.match;

import static dev.newsmon.processors.match.QueryConformanceTest.article;
import static org.assertj.core.api.Assertions.assertThat;

import dev.newsmon.schemas.Mention;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The bundled watchlist on sentences written for this test, phrased unlike the seed articles it was
 * written from: the rules must generalise, not recognise five texts.
 */
class DefaultWatchlistTest {
  private static final ArticleMatcher MATCHER =
      ArticleMatcher.compile(WatchlistLoader.defaultWatchlist());

  private static List<String> rules(String body) {
    return MATCHER.match(article("Report", body), Instant.EPOCH).mentions().stream()
        .map(Mention::ruleId)
        .toList();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "Moscow insisted that Western weapons shipments to Kyiv be stopped first."
            + " | demand.halt-arms-deliveries",
        "The Kremlin wants Washington to stop sharing intelligence with Ukraine's army."
            + " | demand.halt-intelligence-sharing",
        "Russia asked Kyiv to freeze its mobilization drive. | demand.halt-mobilisation",
        "Lavrov said Ukraine must renounce any ambition to join NATO. | demand.no-nato-membership",
        "Peskov said the world must recognise Crimea as Russian. | demand.recognition-of-annexation",
        "Moscow wants Kyiv to withdraw from the Donetsk and Zaporizhzhia regions."
            + " | demand.territorial-concessions",
        "The Kremlin repeated that Ukraine must be demilitarised. | demand.demilitarisation",
        "Putin again spoke of removing the root causes of the conflict. | demand.root-causes",
        "Officials in Moscow said Ukraine should hold a presidential election."
            + " | demand.elections-in-ukraine",
        "Moscow is pressing Washington to lift sanctions on its banks. | demand.sanctions-relief",
        "Zelensky said Kyiv needs firm security guarantees from its allies."
            + " | demand.security-guarantees",
        "Ukraine will never cede its land, Zelensky told parliament."
            + " | demand.no-territorial-concessions",
        "Kyiv urged allies to keep up military aid. | demand.continued-military-aid",
        "Both sides agreed to a month-long ceasefire. | ceasefire.30-day",
        "Kyiv backs a complete ceasefire on land, in the air and at sea."
            + " | ceasefire.unconditional",
        "Russia pledged to halt strikes on power plants for a while."
            + " | ceasefire.energy-infrastructure",
        "Britain and France are ready to deploy peacekeepers. | ceasefire.peacekeepers",
        "An armistice along the current front line was discussed. | ceasefire.any",
      })
  void shouldCatchCoveragePhrasedInNewWays(String sentence, String rule) {
    assertThat(rules(sentence)).contains(rule);
  }

  @Test
  void shouldStayQuietOnUnrelatedCoverage() {
    assertThat(
            rules(
                "The central bank kept interest rates on hold. Exporters welcomed the decision,"
                    + " and the energy minister opened a new power plant on Tuesday."))
        .isEmpty();
  }

  @Test
  void shouldNameTheActorsInTheSentenceOfAHit() {
    Mention m =
        MATCHER
            .match(
                article("Talks", "Putin told Witkoff he wants a ban on arms deliveries."),
                Instant.EPOCH)
            .mentions()
            .get(0);
    assertThat(m.ruleId()).isEqualTo("demand.halt-arms-deliveries");
    assertThat(m.actors()).containsExactly("putin", "witkoff");
    assertThat(m.parties()).containsExactly("russia", "usa");
  }
}
