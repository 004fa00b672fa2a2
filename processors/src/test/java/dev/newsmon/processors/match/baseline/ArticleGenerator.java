package dev.newsmon.processors.match.baseline;

import dev.newsmon.schemas.Article;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Generates English-like articles of about 4 KB from a {@link NewsVocabulary}: each covers one main
 * story and one side story, whose words, names and phrases it keeps using among Zipf-drawn
 * background words, with plurals, possessives (straight and curly), hyphenated compounds, numbers
 * and punctuation. The same seed gives the same articles.
 */
public final class ArticleGenerator {
  private static final Instant PUBLISHED = Instant.parse("2025-03-18T12:00:00Z");
  private static final int TARGET_BODY_CHARS = 4_000;

  private final NewsVocabulary vocabulary;

  public ArticleGenerator(NewsVocabulary vocabulary) {
    this.vocabulary = vocabulary;
  }

  /**
   * @param ceasefireShare fraction of articles that also get a few ceasefire sentences (so the
   *     default watchlist finds something); 0 for none
   */
  public List<Article> generate(int count, long seed, double ceasefireShare) {
    SplittableRandom random = new SplittableRandom(seed);
    List<Article> articles = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      articles.add(article(i, random, ceasefireShare));
    }
    return articles;
  }

  private Article article(int index, SplittableRandom random, double ceasefireShare) {
    NewsVocabulary.Topic main = vocabulary.zipfTopic(random);
    NewsVocabulary.Topic side = vocabulary.zipfTopic(random);
    StringBuilder title = new StringBuilder();
    sentence(title, random, main, side, 6 + random.nextInt(6), 0.35, false);
    StringBuilder body = new StringBuilder();
    boolean ceasefire = random.nextDouble() < ceasefireShare;
    while (body.length() < TARGET_BODY_CHARS) {
      if (body.length() > 0) {
        body.append(random.nextInt(6) == 0 ? "\n\n" : " ");
      }
      if (ceasefire && random.nextInt(8) == 0) {
        body.append(CeasefireSentences.ALL.get(random.nextInt(CeasefireSentences.ALL.size())));
      } else {
        sentence(body, random, main, side, 10 + random.nextInt(19), 0.10, true);
      }
    }
    return Article.builder()
        .url("https://bench.newsmon.dev/articles/" + index)
        .source("bench")
        .title(title.toString())
        .body(body.toString())
        .language("en")
        .publishedAt(PUBLISHED.plusSeconds(index))
        .fetchedAt(PUBLISHED.plusSeconds(index + 60))
        .build();
  }

  private void sentence(
      StringBuilder out,
      SplittableRandom random,
      NewsVocabulary.Topic main,
      NewsVocabulary.Topic side,
      int tokens,
      double topicShare,
      boolean punctuate) {
    int start = out.length();
    for (int t = 0; t < tokens; t++) {
      if (t > 0) {
        out.append(punctuate && random.nextInt(14) == 0 ? ", " : " ");
      }
      double u = random.nextDouble();
      if (u < topicShare) {
        topicItem(out, random, main);
      } else if (u < topicShare * 1.4) {
        topicItem(out, random, side);
      } else if (random.nextInt(150) == 0) {
        out.append(1 + random.nextInt(random.nextBoolean() ? 31 : 2000));
        if (random.nextInt(3) == 0) {
          out.append('-').append(random.nextBoolean() ? "day" : "year");
        }
      } else {
        int rank = vocabulary.zipfWordRank(random);
        String word = vocabulary.words().get(rank);
        inflect(out, random, word, rank >= NewsVocabulary.HEAD.size());
        if (random.nextInt(120) == 0) {
          out.append('-').append(vocabulary.words().get(vocabulary.zipfWordRank(random)));
        }
      }
    }
    out.setCharAt(start, Character.toUpperCase(out.charAt(start)));
    if (punctuate) {
      out.append(random.nextInt(12) == 0 ? "?" : ".");
    }
  }

  private void topicItem(StringBuilder out, SplittableRandom random, NewsVocabulary.Topic topic) {
    int kind = random.nextInt(10);
    if (kind < 6) {
      inflect(out, random, topic.words().get(zipfIndex(random, topic.words().size())), true);
    } else if (kind < 8) {
      String name = topic.names().get(zipfIndex(random, topic.names().size()));
      // Later mentions often use the family name alone, sometimes possessive.
      String shown = random.nextInt(3) == 0 ? name.substring(name.indexOf(' ') + 1) : name;
      out.append(shown);
      if (random.nextInt(8) == 0) {
        out.append(random.nextInt(4) == 0 ? "’s" : "'s");
      }
    } else {
      String phrase = topic.phrases().get(zipfIndex(random, topic.phrases().size()));
      int last = phrase.lastIndexOf(' ');
      out.append(phrase, 0, last + 1);
      inflect(out, random, phrase.substring(last + 1), true);
    }
  }

  private static void inflect(
      StringBuilder out, SplittableRandom random, String word, boolean may) {
    int r = may ? random.nextInt(100) : 99;
    if (r < 9) {
      out.append(NewsVocabulary.plural(word));
    } else if (r < 11) {
      out.append(word).append("'s");
    } else if (r < 12) {
      out.append(word).append("’s");
    } else if (r < 14) {
      out.append(NewsVocabulary.capitalise(word));
    } else {
      out.append(word);
    }
  }

  /** An index in [0, n) skewed to the front: a story's first words are its most used. */
  static int zipfIndex(SplittableRandom random, int n) {
    double h = 0;
    for (int i = 1; i <= n; i++) {
      h += 1.0 / i;
    }
    double u = random.nextDouble() * h;
    for (int i = 1; i <= n; i++) {
      u -= 1.0 / i;
      if (u <= 0) {
        return i - 1;
      }
    }
    return n - 1;
  }
}
