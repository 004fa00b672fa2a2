package dev.newsmon.processors.match;

import static dev.newsmon.processors.match.QueryConformanceTest.article;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.newsmon.schemas.Article;
import dev.newsmon.schemas.Mention;
import dev.newsmon.schemas.Snippet;
import dev.newsmon.schemas.watchlist.Actor;
import dev.newsmon.schemas.watchlist.Rule;
import dev.newsmon.schemas.watchlist.Watchlist;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** The matcher as a whole: presearch, stats, mention fields, many rules, many threads. */
class ArticleMatcherTest {
  private static final Instant DETECTED = Instant.parse("2025-03-19T08:00:00Z");

  private static Rule rule(String id, String query) {
    return new Rule(id, "label " + id, "demand", "russia", query);
  }

  @Test
  void shouldVerifyOnlyRulesWhoseRequiredWordsOccur() {
    ArticleMatcher matcher =
        ArticleMatcher.compile(
            new Watchlist(
                List.of(),
                List.of(
                    rule("truce", "truce"),
                    rule("gaza", "gaza AND truce"),
                    rule("energy", "\"energy infrastructure\" NEAR/5 halt*"),
                    rule("banks", "bank* NOT river"),
                    rule("bans", "ban*")),
                null));
    MatchResult result =
        matcher.match(article("Truce holds", "A truce on banking was agreed."), DETECTED);
    assertThat(result.mentions())
        .extracting(Mention::ruleId)
        .containsExactly("truce", "banks", "bans");
    assertThat(result.rulesTotal()).isEqualTo(5);
    // "gaza AND truce" needs both words, "energy ..." needs energy: neither is verified
    assertThat(result.rulesVerified()).isEqualTo(3);
    assertThat(result.errors()).isEmpty();
    assertThat(result.elapsedNanos()).isPositive();
    assertThat(result.articleId()).isEqualTo(result.mentions().get(0).articleId());
  }

  @Test
  void shouldFillEveryMentionField() {
    Article article =
        Article.builder()
            .url("https://news.example/truce?utm_source=x")
            .source("news.example")
            .title("Kremlin sets terms")
            .body("The Kremlin wants a ban on arms deliveries. Zelensky refused.")
            .publishedAt(Instant.parse("2025-03-18T10:00:00Z"))
            .fetchedAt(Instant.parse("2025-03-18T10:01:00Z"))
            .build();
    Watchlist watchlist =
        new Watchlist(
            List.of(
                new Actor("kremlin", "russia", List.of("the Kremlin")),
                new Actor("zelensky", "ukraine", List.of("Zelensky"))),
            List.of(rule("demand.halt-arms", "\"arms deliveries\" NEAR/3 ban*")),
            null);
    Mention m = ArticleMatcher.compile(watchlist).match(article, DETECTED).mentions().get(0);
    assertThat(m.articleId()).isEqualTo(article.id());
    assertThat(m.ruleId()).isEqualTo("demand.halt-arms");
    assertThat(m.label()).isEqualTo("label demand.halt-arms");
    assertThat(m.category()).isEqualTo("demand");
    assertThat(m.party()).isEqualTo("russia");
    assertThat(m.hits()).isEqualTo(1);
    assertThat(m.actors()).containsExactly("kremlin");
    assertThat(m.parties()).containsExactly("russia");
    assertThat(m.snippets()).hasSize(1);
    assertThat(m.snippets().get(0).text()).isEqualTo("The Kremlin wants a ban on arms deliveries.");
    assertThat(article.body().substring(m.snippets().get(0).start(), m.snippets().get(0).end()))
        .isEqualTo("ban on arms deliveries");
    assertThat(m.title()).isEqualTo("Kremlin sets terms");
    assertThat(m.publishedAt()).isEqualTo(article.publishedAt());
    assertThat(m.source()).isEqualTo("news.example");
    assertThat(m.url()).isEqualTo(article.url());
    assertThat(m.detectedAt()).isEqualTo(DETECTED);
  }

  @Test
  void shouldNameActorsWhoseAliasesHoldInitialsAndCommonWords() {
    // "j", "d" and "the" are checked by position, not looked up
    ArticleMatcher matcher =
        ArticleMatcher.compile(
            new Watchlist(
                List.of(
                    new Actor("vance", "us", List.of("J.D. Vance")),
                    new Actor("kremlin", "russia", List.of("the Kremlin"))),
                List.of(rule("truce", "truce")),
                null));
    assertThat(actorsNamed(matcher, "J.D. Vance backed the truce.")).containsExactly("vance");
    assertThat(actorsNamed(matcher, "The truce of J. D. Vance's team.")).containsExactly("vance");
    assertThat(actorsNamed(matcher, "J.D. Smith and Vance backed the truce.")).isEmpty();
    assertThat(actorsNamed(matcher, "The Kremlin\u2019s truce.")).containsExactly("kremlin");
    assertThat(actorsNamed(matcher, "A Kremlin truce.")).isEmpty();
    assertThat(actorsNamed(matcher, "Then Kremlin said truce.")).isEmpty();
    assertThat(actorsNamed(matcher, "J.D. Vance spoke. The truce held.")).isEmpty();
  }

  private static List<String> actorsNamed(ArticleMatcher matcher, String body) {
    return matcher.match(article("", body), DETECTED).mentions().get(0).actors();
  }

  @Test
  void shouldQuoteEachArticlesOwnSentencesWhenMatchingArticleAfterArticle() {
    // the mentions of one article share the sentences they quote; the next article matched on the
    // same thread has sentences at the same indices and must not be given the last one's
    ArticleMatcher matcher =
        ArticleMatcher.compile(
            new Watchlist(
                List.of(), List.of(rule("truce", "truce"), rule("talks", "truce talk*")), null));
    Article first = article("", "A truce came out of the talks. Nothing else did.");
    Article second = article("", "Talks on a truce failed again. They resume on Monday.");

    List<Mention> firstMentions = matcher.match(first, DETECTED).mentions();
    List<Mention> secondMentions = matcher.match(second, DETECTED).mentions();

    assertThat(firstMentions)
        .extracting(m -> m.snippets().get(0).text())
        .containsExactly("A truce came out of the talks.", "A truce came out of the talks.");
    assertThat(secondMentions)
        .extracting(m -> m.snippets().get(0).text())
        .containsExactly("Talks on a truce failed again.", "Talks on a truce failed again.");
  }

  @Test
  void shouldMatchAnArticleAlikeBeforeAndAfterTheGateLearnsToCutOnlyTheTokensItLetsThrough() {
    // a thread's first article has every token cut whole; once the start gate is seen to turn
    // most tokens away, those are only found (ASCII ones) or cut to be folded (the rest)
    ArticleMatcher matcher = ArticleMatcher.compile(WatchlistLoader.defaultWatchlist());
    Article article =
        article(
            "Kremlin\u2019s terms",
            "The Kremlin demanded an end to arms deliveries. Putin's aide said a 30-day ceasefire"
                + " was possible. Zelens\u0301kyy wants security guarantees from the U.S.");
    List<Mention> first = matcher.match(article, DETECTED).mentions();
    for (int i = 0; i < 3; i++) {
      matcher.match(article("", "Nothing of note happened in the village today."), DETECTED);
    }
    assertThat(first).hasSizeGreaterThan(3);
    assertThat(matcher.match(article, DETECTED).mentions()).isEqualTo(first);
  }

  @Test
  void shouldQuoteEverySentenceAHitSpansSoThatTheHitLiesInTheSnippet() {
    String title = "Truce? Guarantees first";
    String body = "Kyiv wants a truce. Guarantees must come first, it says. Moscow disagrees.";
    ArticleMatcher matcher =
        ArticleMatcher.compile(
            new Watchlist(List.of(), List.of(rule("t", "truce NEAR/3 guarantee")), null));

    List<Snippet> snippets =
        matcher.match(article(title, body), DETECTED).mentions().get(0).snippets();

    assertThat(snippets).extracting(Snippet::field).containsExactly(Snippet.TITLE, Snippet.BODY);
    assertThat(snippets)
        .extracting(Snippet::text)
        .containsExactly(title, "Kyiv wants a truce. Guarantees must come first, it says.");
    for (Snippet snippet : snippets) {
      String field = snippet.field().equals(Snippet.TITLE) ? title : body;
      assertThat(
              snippet
                  .text()
                  .substring(
                      snippet.start() - snippet.sentenceStart(),
                      snippet.end() - snippet.sentenceStart()))
          .isEqualTo(field.substring(snippet.start(), snippet.end()))
          .isIn("Truce? Guarantees", "truce. Guarantees");
    }
  }

  @Test
  void shouldKeepOnlyTheSurroundingsOfAHitInARunOnSentence() {
    // lower-case feeds and transcripts can be one "sentence" of many kilobytes
    String filler = "and the talks went on ".repeat(300);
    String body = filler + "with a truce in sight " + filler;
    ArticleMatcher matcher =
        ArticleMatcher.compile(new Watchlist(List.of(), List.of(rule("t", "truce")), null));

    Snippet snippet =
        matcher.match(article("", body), DETECTED).mentions().get(0).snippets().get(0);

    assertThat(body.length()).isGreaterThan(10 * Snippet.MAX_TEXT);
    assertThat(snippet.text()).hasSize(Snippet.MAX_TEXT);
    assertThat(snippet.text())
        .isEqualTo(
            body.substring(snippet.sentenceStart(), snippet.sentenceStart() + Snippet.MAX_TEXT));
    int at = snippet.start() - snippet.sentenceStart();
    assertThat(snippet.text().substring(at, snippet.end() - snippet.sentenceStart()))
        .isEqualTo("truce");
    assertThat(at).isBetween(Snippet.MAX_TEXT / 2 - 10, Snippet.MAX_TEXT / 2 + 10);
  }

  @Test
  void shouldFindOverlappingPrefixesOfOneToken() {
    ArticleMatcher matcher =
        ArticleMatcher.compile(
            new Watchlist(
                List.of(),
                List.of(rule("a", "sanc*"), rule("b", "sanction*"), rule("c", "sanctioned*")),
                null));
    assertThat(matcher.match(article("", "new sanctions"), DETECTED).mentions())
        .extracting(Mention::ruleId)
        .containsExactly("a", "b");
  }

  @Test
  void shouldAgreeWithBruteForceOverManyRulesAndThreads() throws Exception {
    String[] words = {
      "truce",
      "ceasefire",
      "arms",
      "deliveries",
      "halt",
      "sanctions",
      "energy",
      "talks",
      "kyiv",
      "moscow",
      "peace",
      "troops",
      "guarantees",
      "nato",
      "crimea"
    };
    List<Rule> rules = new ArrayList<>();
    java.util.Random random = new java.util.Random(42);
    for (int i = 0; i < 500; i++) {
      String a = words[random.nextInt(words.length)];
      String b = words[random.nextInt(words.length)];
      String query =
          switch (i % 5) {
            case 0 -> a;
            case 1 -> a + " NEAR/2 " + b;
            case 2 -> "\"" + a + " " + b + "\"";
            case 3 -> a.substring(0, 3) + "* NOT " + b;
            default -> a + " OR " + b;
          };
      rules.add(rule("r" + i, query));
    }
    ArticleMatcher matcher = ArticleMatcher.compile(new Watchlist(List.of(), rules, null));
    List<Article> articles = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      StringBuilder body = new StringBuilder();
      for (int w = 0; w < 30; w++) {
        body.append(words[random.nextInt(words.length)]).append(w % 7 == 6 ? ". " : " ");
      }
      articles.add(article("Title " + i, body.toString()));
    }
    List<ArticleMatcher> singles = new ArrayList<>();
    for (Rule r : rules) {
      singles.add(ArticleMatcher.compile(new Watchlist(List.of(), List.of(r), null)));
    }
    List<List<String>> expected = new ArrayList<>();
    for (Article a : articles) {
      List<String> ids = new ArrayList<>();
      for (int r = 0; r < rules.size(); r++) {
        if (!singles.get(r).match(a, DETECTED).mentions().isEmpty()) {
          ids.add(rules.get(r).id());
        }
      }
      expected.add(ids);
    }
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<List<String>>> futures = new ArrayList<>();
      for (Article a : articles) {
        futures.add(
            pool.submit(
                () ->
                    matcher.match(a, DETECTED).mentions().stream().map(Mention::ruleId).toList()));
      }
      for (int i = 0; i < articles.size(); i++) {
        assertThat(futures.get(i).get()).isEqualTo(expected.get(i));
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(expected).anySatisfy(ids -> assertThat(ids).isNotEmpty());
  }

  @Test
  void shouldMeasureTermFrequenciesOnSampleArticles() {
    TermFrequencies f =
        TermFrequencies.fromSample(
            List.of(
                article("Truce talks", "The truce holds."),
                article("Markets", "Stocks rose on truce hopes."),
                article("Weather", "Sunny.")));
    assertThat(f.frequency("truce", false)).isEqualTo(0.5);
    assertThat(f.frequency("stock", false)).isEqualTo(0.25);
    assertThat(f.frequency("tru", true)).isEqualTo(0.5);
    assertThat(f.frequency("absent", false)).isLessThan(f.frequency("stock", false));
    assertThat(TermFrequencies.englishPrior().frequency("the", false))
        .isGreaterThan(TermFrequencies.englishPrior().frequency("ceasefire", false));
  }

  @Test
  void shouldMatchTheSameWithSampleFrequencies() {
    Watchlist watchlist =
        new Watchlist(
            List.of(), List.of(rule("a", "\"the truce\""), rule("b", "the NEAR/1 holds")), null);
    Article a = article("", "The truce holds.");
    ArticleMatcher sampled =
        ArticleMatcher.compile(watchlist, TermFrequencies.fromSample(List.of(a)));
    assertThat(sampled.match(a, DETECTED).mentions())
        .extracting(Mention::ruleId)
        .containsExactly("a", "b");
  }

  /**
   * Common words in a phrase with a rarer word are checked by position, not looked up (and, when
   * nothing else needs them, not even stemmed): matching must be exactly as when every word is
   * looked up, which it is when no word counts as common.
   */
  @Test
  void shouldMatchPhrasesAndAliasesWithCommonWordsAsWhenEveryWordIsLookedUp() {
    List<Rule> phrases =
        List.of(
            rule("end", "\"end of the war\""),
            rule("the-end", "\"the end\""),
            rule("of-the", "\"of the\" NEAR/2 talk*"),
            rule("to", "\"talks to\" OR \"to the minister\""),
            rule("near", "war NEAR/3 \"the talks\""));
    List<Rule> withCommonWords = new ArrayList<>(phrases);
    withCommonWords.add(rule("the", "the AND minister"));
    String[] pieces = {
      "the",
      "The",
      "THE",
      "thes",
      "the's",
      "the\u2019s",
      "them",
      "theft",
      "of",
      "Of",
      "off",
      "ofs",
      "of's",
      "to",
      "tos",
      "too",
      "to's",
      "war",
      "wars",
      "war's",
      "end",
      "ends",
      "end-of-the-war",
      "talks",
      "minister",
      "U.S.",
      "U.S.'s",
      "u",
      "S",
      "us",
      "th\u00e9",
      "\u00fe",
      ",",
      ".",
      " ",
      " "
    };
    Random random = new Random(11);
    List<Article> articles = new ArrayList<>();
    for (int i = 0; i < 400; i++) {
      articles.add(article(text(random, pieces, 4), text(random, pieces, 40)));
    }
    // aliases are phrases too: initials and common words in them are checked by position
    List<Actor> actors =
        List.of(
            new Actor("us", "us", List.of("U.S. minister", "the U.S.")),
            new Actor("war", null, List.of("end of the war")),
            new Actor("s", null, List.of("s")));
    TermFrequencies allRare = (token, prefix) -> 1e-9;
    int named = 0;
    for (List<Rule> rules : List.of(phrases, withCommonWords)) {
      Watchlist watchlist = new Watchlist(actors, rules, null);
      ArticleMatcher checked = ArticleMatcher.compile(watchlist);
      ArticleMatcher lookedUp = ArticleMatcher.compile(watchlist, allRare);
      int mentions = 0;
      for (Article a : articles) {
        List<Mention> want = lookedUp.match(a, DETECTED).mentions();
        assertThat(checked.match(a, DETECTED).mentions())
            .as(a.title() + "|" + a.body())
            .isEqualTo(want);
        mentions += want.size();
        named += (int) want.stream().filter(m -> !m.actors().isEmpty()).count();
      }
      assertThat(mentions).isGreaterThan(200);
    }
    assertThat(named).isGreaterThan(100);
  }

  private static String text(Random random, String[] pieces, int words) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < words; i++) {
      sb.append(pieces[random.nextInt(pieces.length)]).append(' ');
    }
    return sb.toString();
  }

  @Test
  void shouldRejectBadQueriesWithEveryError() {
    Watchlist watchlist =
        new Watchlist(List.of(), List.of(rule("a", "x NEAR y"), rule("b", "(z")), null);
    assertThatThrownBy(() -> ArticleMatcher.compile(watchlist))
        .isInstanceOf(WatchlistException.class)
        .satisfies(
            e ->
                assertThat(((WatchlistException) e).errors())
                    .containsExactly(
                        "rule 'a': query at column 3: NEAR without a distance: expected NEAR/n, as"
                            + " in NEAR/5",
                        "rule 'b': query at column 1: unbalanced '(': expected a ')' to close it,"
                            + " but the query ended"));
  }
}
