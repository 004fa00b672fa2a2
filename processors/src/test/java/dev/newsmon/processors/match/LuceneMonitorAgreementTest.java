package dev.newsmon.processors.match;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsmon.processors.match.baseline.ArticleGenerator;
import dev.newsmon.processors.match.baseline.LuceneMonitorMatcher;
import dev.newsmon.processors.match.baseline.LuceneQueryTranslator;
import dev.newsmon.processors.match.baseline.NewsVocabulary;
import dev.newsmon.processors.match.baseline.RuleGenerator;
import dev.newsmon.schemas.Article;
import dev.newsmon.schemas.Mention;
import dev.newsmon.schemas.watchlist.Rule;
import dev.newsmon.schemas.watchlist.Watchlist;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The engine and the Lucene Monitor baseline (same analysis, rules translated by {@link
 * LuceneQueryTranslator}) must agree on which rules match which article. The generated sample
 * leaves out the constructs where the two legitimately differ (see {@link RuleGenerator}).
 */
class LuceneMonitorAgreementTest {
  private static final Instant DETECTED = Instant.parse("2025-03-18T13:00:00Z");

  private static NewsVocabulary vocabulary;
  private static List<Article> articles;
  private static List<Rule> rules;
  private static ArticleMatcher engine;
  private static LuceneMonitorMatcher monitor;

  @BeforeAll
  static void generate() {
    vocabulary = NewsVocabulary.generate(NewsVocabulary.Spec.agreement());
    articles = new ArticleGenerator(vocabulary).generate(200, 11, 0.0);
    rules = new ArrayList<>();
    rules.addAll(new RuleGenerator(vocabulary, RuleGenerator.Density.SPARSE).generate(1_500, 12));
    rules.addAll(new RuleGenerator(vocabulary, RuleGenerator.Density.DENSE).generate(500, 13));
    engine = ArticleMatcher.compile(new Watchlist(List.of(), rules, null));
    monitor = LuceneMonitorMatcher.build(rules, LuceneQueryTranslator.plain());
  }

  @AfterAll
  static void close() {
    monitor.close();
  }

  @Test
  void shouldMatchTheSameGeneratedRulesAsLuceneMonitor() {
    Map<String, String> queries = rules.stream().collect(Collectors.toMap(Rule::id, Rule::query));
    List<String> disagreements = new ArrayList<>();
    int matches = 0;
    int nonMatches = 0;
    for (Article article : articles) {
      Set<String> byEngine = engineIds(engine, article);
      Set<String> byMonitor = monitor.match(article);
      matches += byMonitor.size();
      nonMatches += rules.size() - byMonitor.size();
      describeDifference(article, byEngine, byMonitor, queries::get, disagreements);
    }
    assertThat(disagreements).isEmpty();
    // The sample must exercise both outcomes, or agreement would prove nothing.
    assertThat(matches).isGreaterThan(2_000);
    assertThat(nonMatches).isGreaterThan(100_000);
  }

  @Test
  void shouldMatchTheSameRulesWhenPrefixesAreExpandedAgainstTheVocabulary() {
    List<Rule> withPrefixes = rules.stream().filter(r -> r.query().contains("*")).toList();
    int matches = 0;
    try (LuceneMonitorMatcher plain =
            LuceneMonitorMatcher.build(withPrefixes, LuceneQueryTranslator.plain());
        LuceneMonitorMatcher expanded =
            LuceneMonitorMatcher.build(
                withPrefixes,
                LuceneQueryTranslator.expandingPrefixes(vocabulary.surfaceTokens()))) {
      for (Article article : articles.subList(0, 100)) {
        Set<String> expected = plain.match(article);
        assertThat(expanded.match(article)).as(article.url()).isEqualTo(expected);
        matches += expected.size();
      }
    }
    assertThat(withPrefixes).hasSizeGreaterThan(100);
    assertThat(matches).isGreaterThan(50);
  }

  @Test
  void shouldMatchTheSameDefaultWatchlistRulesAsLuceneMonitor() {
    Watchlist watchlist = WatchlistLoader.defaultWatchlist();
    ArticleMatcher defaultEngine = ArticleMatcher.compile(watchlist);
    Map<String, String> queries =
        watchlist.rules().stream().collect(Collectors.toMap(Rule::id, Rule::query));
    List<String> disagreements = new ArrayList<>();
    Set<String> matchedSomewhere = new TreeSet<>();
    try (LuceneMonitorMatcher defaultMonitor =
        LuceneMonitorMatcher.build(watchlist.rules(), LuceneQueryTranslator.plain())) {
      for (Article article : handWrittenArticles()) {
        Set<String> byEngine = engineIds(defaultEngine, article);
        Set<String> byMonitor = defaultMonitor.match(article);
        matchedSomewhere.addAll(byMonitor);
        describeDifference(article, byEngine, byMonitor, queries::get, disagreements);
      }
    }
    assertThat(disagreements).isEmpty();
    assertThat(matchedSomewhere)
        .contains(
            "ceasefire.any",
            "ceasefire.30-day",
            "demand.halt-arms-deliveries",
            "demand.security-guarantees",
            "demand.no-nato-membership");
  }

  @Test
  void shouldNeitherLetPhrasesNorNearSpanTheTitleAndBody() {
    Article article =
        article("Envoys meet over the grain corridor", "Talks resumed in the morning at the port.");
    List<Rule> boundary =
        List.of(
            rule("phrase-across", "\"corridor talks\""),
            rule("near-across", "corridor NEAR/3 talks"),
            rule("and-across", "corridor AND talks"),
            rule("near-within", "grain NEAR/0 corridor"));
    ArticleMatcher boundaryEngine =
        ArticleMatcher.compile(new Watchlist(List.of(), boundary, null));
    try (LuceneMonitorMatcher boundaryMonitor =
        LuceneMonitorMatcher.build(boundary, LuceneQueryTranslator.plain())) {
      assertThat(boundaryMonitor.match(article)).containsExactly("and-across", "near-within");
      assertThat(engineIds(boundaryEngine, article)).containsExactly("and-across", "near-within");
    }
  }

  private static Set<String> engineIds(ArticleMatcher matcher, Article article) {
    return matcher.match(article, DETECTED).mentions().stream()
        .map(Mention::ruleId)
        .collect(Collectors.toCollection(TreeSet::new));
  }

  private static void describeDifference(
      Article article,
      Set<String> byEngine,
      Set<String> byMonitor,
      Function<String, String> queryOf,
      List<String> out) {
    if (byEngine.equals(byMonitor)) {
      return;
    }
    Set<String> onlyEngine = new TreeSet<>(byEngine);
    onlyEngine.removeAll(byMonitor);
    Set<String> onlyMonitor = new TreeSet<>(byMonitor);
    onlyMonitor.removeAll(byEngine);
    for (String id : onlyEngine) {
      out.add(article.url() + ": only the engine matches " + id + " = " + queryOf.apply(id));
    }
    for (String id : onlyMonitor) {
      out.add(article.url() + ": only Lucene Monitor matches " + id + " = " + queryOf.apply(id));
    }
  }

  private static Rule rule(String id, String query) {
    return new Rule(id, id, "test", null, query);
  }

  private static Article article(String title, String body) {
    return Article.builder()
        .source("test")
        .title(title)
        .body(body)
        .publishedAt(Instant.parse("2025-03-18T12:00:00Z"))
        .fetchedAt(Instant.parse("2025-03-18T12:05:00Z"))
        .build();
  }

  /** Written for this test; they paraphrase the kind of coverage the default watchlist targets. */
  private static List<Article> handWrittenArticles() {
    return List.of(
        article(
            "Kremlin answers U.S. call for a 30-day ceasefire with a list of conditions",
            """
            Moscow said on Thursday that it supports the idea of a thirty-day truce in principle, \
            but a senior aide to Mr. Putin listed terms that Kyiv is unlikely to accept. The \
            Kremlin wants Western arms deliveries to Ukraine halted for the length of any pause, \
            and it asked Washington to stop sharing intelligence with Ukrainian commanders.

            The aide added that Ukraine must not be allowed to use the break to mobilise new \
            troops. Russia also repeated that Ukraine can never join NATO, and that the regions \
            it annexed must be recognised as Russian territory."""),
        article(
            "Zelensky: no peace without security guarantees",
            """
            Ukraine’s president told reporters in Kyiv that a ceasefire would only hold if \
            Ukraine’s partners offered real security guarantees. He said his government would \
            make no territorial concessions and would not recognise occupied land as Russian.

            Zelensky asked allies to keep up military aid while talks continue. European leaders \
            discussed a force of peacekeepers that could watch over a future line of contact, an \
            idea Russia's foreign minister Sergei Lavrov rejected outright."""),
        article(
            "Putin and Trump agree to pause strikes on energy infrastructure",
            """
            After a call that lasted more than two hours, the White House said both leaders had \
            agreed to stop attacks on energy and other critical infrastructure as a first step. \
            Russia did not agree to a complete and unconditional ceasefire on the ground.

            Moscow said the root causes of the war had to be addressed, and officials suggested \
            that Ukraine hold elections before any final deal. Russian diplomats also asked for \
            the lifting of sanctions on a state farm bank as part of a Black Sea arrangement. \
            Secretary of State Marco Rubio said the next round would take place in Saudi Arabia."""),
        article(
            "Markets shrug off weekend talks",
            """
            Stocks in Europe rose slightly on Monday as investors looked past the weekend's \
            diplomatic meetings. Oil prices were little changed. Analysts said the demilitarisation \
            demands voiced by Moscow made a quick settlement unlikely."""));
  }
}
