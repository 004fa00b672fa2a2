package dev.newsmon.processors.match;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsmon.schemas.Article;
import dev.newsmon.schemas.Mention;
import dev.newsmon.schemas.watchlist.Actor;
import dev.newsmon.schemas.watchlist.Rule;
import dev.newsmon.schemas.watchlist.Watchlist;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The query language's contract, one behaviour per test, matched end to end. */
class QueryConformanceTest {
  private static final Instant PUBLISHED = Instant.parse("2025-03-18T12:00:00Z");
  private static final Instant DETECTED = Instant.parse("2025-03-18T12:05:00Z");

  static Article article(String title, String body) {
    return Article.builder()
        .source("test")
        .title(title)
        .body(body)
        .publishedAt(PUBLISHED)
        .fetchedAt(PUBLISHED)
        .build();
  }

  static List<Mention> mentions(String query, String title, String body, Actor... actors) {
    Watchlist watchlist =
        new Watchlist(List.of(actors), List.of(new Rule("r", "rule", "test", null, query)), null);
    return ArticleMatcher.compile(watchlist).match(article(title, body), DETECTED).mentions();
  }

  static boolean matches(String query, String body) {
    return !mentions(query, "", body).isEmpty();
  }

  static int hits(String query, String body) {
    List<Mention> m = mentions(query, "", body);
    return m.isEmpty() ? 0 : m.get(0).hits();
  }

  @Test
  void shouldMatchTermCaseInsensitively() {
    assertThat(matches("ceasefire", "The CEASEFIRE holds.")).isTrue();
    assertThat(matches("ceasefire", "The truce holds.")).isFalse();
  }

  @Test
  void shouldFoldRegularPluralsButNothingElse() {
    assertThat(matches("guarantee", "They want guarantees.")).isTrue();
    assertThat(matches("guarantees", "They want a guarantee.")).isTrue();
    assertThat(matches("delivery", "Deliveries resumed.")).isTrue();
    assertThat(matches("ceasefire", "Two ceasefires failed.")).isTrue();
    assertThat(matches("halt", "Attacks halted.")).isFalse();
    assertThat(matches("halt*", "Attacks halted.")).isTrue();
  }

  @Test
  void shouldFoldPossessivesWithStraightAndCurlyApostrophes() {
    assertThat(matches("Ukraine", "Ukraine's army")).isTrue();
    assertThat(matches("Ukraine", "Ukraine\u2019s army")).isTrue();
    assertThat(matches("Ukraine's", "Ukraine held")).isTrue();
    assertThat(matches("\"Ukraine\u2019s army\"", "Ukraine's army held")).isTrue();
  }

  @Test
  void shouldKeepApostropheInsideWordAndSplitAtHyphensAndSlashes() {
    assertThat(NewsAnalyzer.foldedTokens("nation\u2019s 30-day cease-fire and/or U.S. 3.5"))
        .containsExactly("nation's", "30", "day", "cease", "fire", "and", "or", "u", "s", "3", "5");
    assertThat(NewsAnalyzer.foldedTokens("перемир\u2019я")).containsExactly("перемир'я");
    assertThat(matches("30-day", "a 30 day truce")).isTrue();
    assertThat(matches("\"30 day\"", "a 30-day truce")).isTrue();
    assertThat(matches("cease-fire", "the cease fire")).isTrue();
  }

  @Test
  void shouldFoldDiacriticsAndCompatibilityForms() {
    assertThat(matches("Zelenskyy", "Zélenskyy spoke")).isTrue();
    assertThat(matches("wladimir", "Władimir Putin")).isTrue();
    assertThat(matches("ﬁnal", "the final word")).isTrue();
  }

  @Test
  void shouldMatchCyrillicTermsPrefixesAndPhrases() {
    assertThat(matches("перемир*", "Перемирие объявлено")).isTrue();
    assertThat(matches("\"прекращение огня\"", "Полное ПРЕКРАЩЕНИЕ огня")).isTrue();
    assertThat(matches("\"прекращение огня\"", "прекращение и огня")).isFalse();
  }

  @Test
  void shouldMatchPrefixes() {
    assertThat(matches("sanction*", "new sanctions")).isTrue();
    assertThat(matches("suspen*", "a suspension of aid")).isTrue();
    assertThat(matches("suspen*", "suspicious")).isFalse();
  }

  @Test
  void shouldMatchPhraseOnlyConsecutiveAndInOrder() {
    assertThat(matches("\"arms deliveries\"", "a halt to arms deliveries")).isTrue();
    assertThat(matches("\"arms deliveries\"", "deliveries of arms")).isFalse();
    assertThat(matches("\"arms deliveries\"", "arms and deliveries")).isFalse();
    assertThat(matches("\"arms deliver*\"", "arms delivered late")).isTrue();
  }

  @Test
  void shouldMatchNearAtExactlyNTokensApartButNotNPlusOne() {
    // two tokens between: "of the"
    assertThat(matches("halt NEAR/2 deliveries", "halt of the deliveries")).isTrue();
    assertThat(matches("halt NEAR/1 deliveries", "halt of the deliveries")).isFalse();
    assertThat(matches("halt NEAR/0 deliveries", "halt deliveries")).isTrue();
  }

  @Test
  void shouldMatchNearInEitherOrderWithPhrasesPrefixesAndOrGroups() {
    assertThat(matches("halt NEAR/3 deliveries", "deliveries would halt")).isTrue();
    assertThat(
            matches(
                "(\"arms delivery\" OR \"weapons supply\") NEAR/6 (ban* OR halt* OR suspen*)",
                "Moscow wants western weapons supplies to Kyiv banned at once"))
        .isTrue();
    assertThat(matches("(truce OR ceasefire) NEAR/2 \"30 day\"", "a 30-day truce")).isTrue();
  }

  @Test
  void shouldCountEveryHit() {
    assertThat(hits("truce", "A truce. Another truce. No truce")).isEqualTo(3);
    assertThat(hits("truce OR ceasefire", "A truce and a ceasefire.")).isEqualTo(2);
  }

  @Test
  void shouldTreatJuxtapositionAsAnd() {
    assertThat(matches("ceasefire energy", "a ceasefire on energy")).isTrue();
    assertThat(matches("ceasefire energy", "a ceasefire")).isFalse();
    assertThat(matches("ceasefire AND energy", "energy only")).isFalse();
  }

  @Test
  void shouldMatchOrAndNot() {
    assertThat(matches("truce OR ceasefire", "a ceasefire")).isTrue();
    assertThat(matches("ceasefire NOT israel", "a ceasefire in Gaza, Israel says")).isFalse();
    assertThat(matches("ceasefire NOT israel", "a ceasefire in Ukraine")).isTrue();
    assertThat(matches("ceasefire AND NOT israel", "a ceasefire in Ukraine")).isTrue();
  }

  @Test
  void shouldExcludeEveryKindOfClauseUnderNot() {
    String query = "ceasefire NOT (israel OR gaz* OR \"west bank\" OR (hamas NEAR/3 talks))";
    assertThat(matches(query, "a ceasefire in Ukraine")).isTrue();
    assertThat(matches(query, "a ceasefire, Israel says")).isFalse();
    assertThat(matches(query, "a ceasefire in Gaza")).isFalse();
    assertThat(matches(query, "a ceasefire on the West Bank")).isFalse();
    assertThat(matches(query, "a ceasefire; Hamas joins the talks")).isFalse();
    assertThat(matches(query, "a ceasefire; Hamas is far away from any of the talks")).isTrue();
    assertThat(matches(query, "a ceasefire for the bank in the west")).isTrue();
  }

  @Test
  void shouldTreatLowercaseOperatorsAsWords() {
    assertThat(matches("\"arms and ammunition\"", "arms and ammunition")).isTrue();
    assertThat(matches("war and peace", "war, peace")).isFalse();
    assertThat(matches("war or peace", "war or peace")).isTrue();
    assertThat(matches("war or peace", "war only")).isFalse();
    assertThat(matches("not", "not now")).isTrue();
    assertThat(QueryParser.parse("a near b")).isEqualTo(QueryParser.parse("a AND near AND b"));
  }

  @Test
  void shouldBindNearTighterThanNotThanAndThanOr() {
    assertThat(QueryParser.parse("a OR b c NOT d NEAR/2 e").toString())
        .isEqualTo("a OR (b AND c AND NOT d NEAR/2 e)");
    assertThat(matches("peace OR truce energy", "peace")).isTrue();
    assertThat(matches("NOT gaza NEAR/2 truce ceasefire", "a ceasefire, a gaza truce")).isFalse();
    assertThat(
            matches("NOT gaza NEAR/2 truce ceasefire", "a ceasefire; gaza is far from the truce"))
        .isTrue();
  }

  @Test
  void shouldNotMatchPhraseOrNearAcrossTitleAndBody() {
    assertThat(mentions("\"energy infrastructure\"", "Strikes on energy", "infrastructure hit"))
        .isEmpty();
    assertThat(mentions("energy NEAR/3 infrastructure", "Strikes on energy", "infrastructure hit"))
        .isEmpty();
    assertThat(mentions("energy infrastructure", "Strikes on energy", "infrastructure hit"))
        .hasSize(1);
  }

  @Test
  void shouldReportSnippetsActorsAndOffsets() {
    Actor putin = new Actor("putin", "russia", List.of("Putin", "Vladimir Putin"));
    Actor zelensky = new Actor("zelensky", "ukraine", List.of("Zelensky"));
    String body =
        "Mr. Putin set terms on Tuesday. Zelensky wants a truce. Later Gen. Smith said the truce"
            + " was fragile.";
    List<Mention> found = mentions("truce", "Truce talks", body, putin, zelensky);
    assertThat(found).hasSize(1);
    Mention m = found.get(0);
    assertThat(m.hits()).isEqualTo(3);
    assertThat(m.actors()).containsExactly("zelensky");
    assertThat(m.parties()).containsExactly("ukraine");
    assertThat(m.snippets()).hasSize(3);
    assertThat(m.snippets().get(0).field()).isEqualTo("title");
    assertThat(m.snippets().get(1).text()).isEqualTo("Zelensky wants a truce.");
    int start = m.snippets().get(1).start();
    assertThat(body.substring(start, m.snippets().get(1).end())).isEqualTo("truce");
    assertThat(m.snippets().get(2).text())
        .isEqualTo("Later Gen. Smith said the truce was fragile.");
    assertThat(m.snippets().get(2).sentenceStart()).isEqualTo(body.indexOf("Later"));
  }

  @Test
  void shouldSplitSentencesButNotAtAbbreviationsAndInitials() {
    assertThat(
            SentenceSplitter.sentences(
                "The U.S. envoy met Mr. Lavrov at 9 a.m. on Monday. J. Smith of St. Petersburg"
                    + " said Dr. Ivanova and Gen. Gerasimov agreed! Did they? Yes.\n"
                    + "A new paragraph\nStarts here."))
        .containsExactly(
            "The U.S. envoy met Mr. Lavrov at 9 a.m. on Monday.",
            "J. Smith of St. Petersburg said Dr. Ivanova and Gen. Gerasimov agreed!",
            "Did they?",
            "Yes.",
            "A new paragraph",
            "Starts here.");
    assertThat(
            SentenceSplitter.sentences("Points:\n  1. Talks resumed. 2 sides met.\n  2. No deal."))
        .containsExactly("Points:", "1. Talks resumed.", "2 sides met.", "2. No deal.");
    assertThat(SentenceSplitter.sentences("Growth was 3.5 per cent. \u201cNo,\u201d he said."))
        .containsExactly("Growth was 3.5 per cent.", "\u201cNo,\u201d he said.");
  }
}
