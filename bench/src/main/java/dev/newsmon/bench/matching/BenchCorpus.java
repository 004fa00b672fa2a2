package dev.newsmon.bench.matching;

import dev.newsmon.processors.match.baseline.ArticleGenerator;
import dev.newsmon.processors.match.baseline.NewsVocabulary;
import dev.newsmon.processors.match.baseline.RuleGenerator;
import dev.newsmon.schemas.Article;
import dev.newsmon.schemas.watchlist.Rule;
import java.util.List;

/**
 * The fixed inputs of the matching benchmarks, generated once per JVM with fixed seeds: the
 * benchmark vocabulary, a pool of ~4 KB articles, and rule sets.
 */
final class BenchCorpus {
  static final int ARTICLES = 256;
  static final long ARTICLE_SEED = 1L;
  static final long RULE_SEED = 2L;

  /** Share of articles that carry a few ceasefire sentences, for the default watchlist. */
  static final double CEASEFIRE_SHARE = 0.5;

  private static NewsVocabulary vocabulary;

  private BenchCorpus() {}

  static synchronized NewsVocabulary vocabulary() {
    if (vocabulary == null) {
      vocabulary = NewsVocabulary.generate(NewsVocabulary.Spec.benchmark());
    }
    return vocabulary;
  }

  static List<Article> articles() {
    return new ArticleGenerator(vocabulary()).generate(ARTICLES, ARTICLE_SEED, CEASEFIRE_SHARE);
  }

  static List<Rule> rules(int count, RuleGenerator.Density density) {
    return new RuleGenerator(vocabulary(), density).generate(count, RULE_SEED);
  }
}
