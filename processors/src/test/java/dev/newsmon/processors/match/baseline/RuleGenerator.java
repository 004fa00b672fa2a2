package dev.newsmon.processors.match.baseline;

import dev.newsmon.schemas.watchlist.Rule;
import dev.newsmon.schemas.watchlist.Watchlist;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Generates rule sets as query strings in newsmon's query language: terms, phrases, OR-groups,
 * NEAR/n, prefixes and NOTs, drawn from a {@link NewsVocabulary}.
 *
 * <p>{@link Density#SPARSE} rules follow stories as saved searches do: their words come from one
 * story, popular story words more often, so rules overlap and an article matches only the rules
 * about its stories (at 100,000 rules, tens per article). {@link Density#DENSE} rules draw their
 * words from the 1,500 most frequent types (past the function words), so every article matches a
 * few percent of them: the stress case.
 *
 * <p>Left out on purpose, because the engine and the Lucene baseline legitimately differ there (see
 * {@code LuceneQueryTranslator}): a NEAR whose two sides can match the same token, and a NEAR
 * nested in a NEAR.
 */
public final class RuleGenerator {

  /** How often rules match: see the class comment. */
  public enum Density {
    SPARSE,
    DENSE
  }

  // Past the pure function words at the head, up to where words turn rare.
  private static final int DENSE_FIRST_RANK = 60;
  private static final int DENSE_TOP_RANK = 1_500;

  private final NewsVocabulary vocabulary;
  private final Density density;

  public RuleGenerator(NewsVocabulary vocabulary, Density density) {
    this.vocabulary = vocabulary;
    this.density = density;
  }

  public List<Rule> generate(int count, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    List<Rule> rules = new ArrayList<>(count);
    String prefix = density.name().toLowerCase(Locale.ROOT) + ".";
    for (int i = 0; i < count; i++) {
      String query = query(random);
      rules.add(
          new Rule(
              prefix + String.format(Locale.ROOT, "%06d", i),
              "Generated rule " + i,
              "generated",
              null,
              query));
    }
    return rules;
  }

  public Watchlist watchlist(int count, long seed) {
    return new Watchlist(List.of(), generate(count, seed), null);
  }

  private String query(SplittableRandom random) {
    Source s = new Source(random, vocabulary.zipfTopic(random));
    int shape = random.nextInt(100);
    if (shape < 18) {
      return s.word() + (random.nextBoolean() ? " " : " AND ") + s.otherWord();
    } else if (shape < 30) {
      return quoted(s.phrase()) + " " + s.otherWord();
    } else if (shape < 38) {
      return quoted(s.name());
    } else if (shape < 52) {
      return "("
          + s.word()
          + " OR "
          + s.otherWord()
          + " OR "
          + quoted(s.phrase())
          + ") AND "
          + s.otherWord();
    } else if (shape < 66) {
      return s.word() + " NEAR/" + (2 + random.nextInt(9)) + " " + s.otherWord();
    } else if (shape < 72) {
      return "("
          + s.word()
          + " OR "
          + s.otherPrefixOrWord()
          + ") NEAR/"
          + (3 + random.nextInt(8))
          + " "
          + quoted(s.phrase());
    } else if (shape < 82) {
      return s.prefixOrWord() + " " + s.otherWord();
    } else if (shape < 92) {
      return s.word() + " " + s.otherWord() + " NOT " + s.otherWord();
    } else if (shape < 96) {
      String phrase = s.phrase();
      String last = phrase.substring(phrase.lastIndexOf(' ') + 1);
      return last.length() >= 6
          ? quoted(phrase.substring(0, phrase.length() - 2) + "*")
          : quoted(phrase);
    } else {
      return s.word();
    }
  }

  private static String quoted(String text) {
    return "\"" + text + "\"";
  }

  /**
   * Where one rule's words come from. Each word of a rule is new to it, and no word starts with a
   * prefix used in the same rule, so a NEAR's sides can never match the same token.
   */
  private final class Source {
    private final SplittableRandom random;
    private final NewsVocabulary.Topic topic;
    private final Set<String> used = new HashSet<>();
    private final List<String> prefixes = new ArrayList<>();

    Source(SplittableRandom random, NewsVocabulary.Topic topic) {
      this.random = random;
      this.topic = topic;
    }

    String word() {
      return otherWord();
    }

    String otherWord() {
      for (int attempt = 0; ; attempt++) {
        String w = draw();
        if (fresh(w) || attempt > 50) {
          return claim(w);
        }
      }
    }

    String prefixOrWord() {
      return otherPrefixOrWord();
    }

    String otherPrefixOrWord() {
      for (int attempt = 0; attempt < 50; attempt++) {
        String w = draw();
        if (w.length() >= 6 && fresh(w)) {
          String p = w.substring(0, Math.max(4, w.length() - 2));
          if (used.stream()
              .noneMatch(u -> u.startsWith(p) || NewsVocabulary.plural(u).startsWith(p))) {
            used.add(w);
            prefixes.add(p);
            return p + "*";
          }
        }
      }
      return otherWord();
    }

    String phrase() {
      for (int attempt = 0; ; attempt++) {
        String p =
            density == Density.SPARSE
                ? topic.phrases().get(ArticleGenerator.zipfIndex(random, topic.phrases().size()))
                : draw() + " " + draw();
        String[] parts = p.split(" ");
        boolean ok = true;
        for (String part : parts) {
          ok &= fresh(part);
        }
        if (ok || attempt > 50) {
          for (String part : parts) {
            claim(part);
          }
          return p;
        }
      }
    }

    String name() {
      if (density == Density.DENSE) {
        return phrase();
      }
      String name = topic.names().get(ArticleGenerator.zipfIndex(random, topic.names().size()));
      for (String part : name.toLowerCase(Locale.ROOT).split(" ")) {
        claim(part);
      }
      return name;
    }

    private String draw() {
      if (density == Density.DENSE) {
        return vocabulary.zipfWord(random, DENSE_FIRST_RANK, DENSE_TOP_RANK);
      }
      return topic.words().get(ArticleGenerator.zipfIndex(random, topic.words().size()));
    }

    private boolean fresh(String w) {
      if (used.contains(w)) {
        return false;
      }
      for (String p : prefixes) {
        if (w.startsWith(p) || NewsVocabulary.plural(w).startsWith(p) || p.startsWith(w)) {
          return false;
        }
      }
      return true;
    }

    private String claim(String w) {
      used.add(w);
      return w;
    }
  }
}
