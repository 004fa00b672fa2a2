package dev.newsmon.processors.match.baseline;

import dev.newsmon.processors.match.Query;
import dev.newsmon.processors.match.QueryParser;
import dev.newsmon.schemas.Article;
import dev.newsmon.schemas.watchlist.Rule;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The naive baseline: one {@link java.util.regex.Pattern} per rule, run over {@code title + "\n" +
 * body}. Each rule becomes a chain of look-aheads anchored at the start of the text, one per
 * positive or negative clause, so that one {@code lookingAt()} decides the whole rule.
 *
 * <p>It only approximates the query language: case is ignored (Unicode-aware) but there is no NFKC
 * or diacritic folding; a term allows the suffixes {@code s}, {@code es}, {@code 's} and a final
 * {@code y} as {@code ies}, which over-matches ({@code bus} / {@code buses} / {@code buss})
 * compared with the engine's stemmer; a phrase or NEAR may run across the title/body line break;
 * NEAR counts words as runs of letters, digits and apostrophes, as the engine's tokenizer does.
 */
public final class RegexRuleMatcher {
  private static final String WORD_CHAR = "[\\p{L}\\p{N}\\p{M}]";
  private static final String SEP = "[^\\p{L}\\p{N}\\p{M}]+";
  private static final String TOKEN = "[\\p{L}\\p{N}\\p{M}'’]+";
  private static final String START = "(?<!" + WORD_CHAR + ")";
  private static final String END = "(?!" + WORD_CHAR + ")";

  private final List<String> ids = new ArrayList<>();
  private final List<Pattern> patterns = new ArrayList<>();

  public RegexRuleMatcher(List<Rule> rules) {
    for (Rule rule : rules) {
      ids.add(rule.id());
      patterns.add(
          Pattern.compile(
              "\\A" + bool(QueryParser.parse(rule.query())),
              Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE));
    }
  }

  /** The pattern for each rule, in order. */
  public List<Pattern> patterns() {
    return patterns;
  }

  public Set<String> match(Article article) {
    String text = article.title() + "\n" + article.body();
    Set<String> matched = new TreeSet<>();
    for (int i = 0; i < patterns.size(); i++) {
      if (patterns.get(i).matcher(text).lookingAt()) {
        matched.add(ids.get(i));
      }
    }
    return matched;
  }

  /** Counts matching rules without collecting ids: what the benchmark measures. */
  public int count(Article article) {
    String text = article.title() + "\n" + article.body();
    int n = 0;
    for (Pattern p : patterns) {
      if (p.matcher(text).lookingAt()) {
        n++;
      }
    }
    return n;
  }

  /** A zero-width pattern that matches at the start of the text when {@code q} holds. */
  private static String bool(Query q) {
    if (q instanceof Query.And a) {
      return a.clauses().stream().map(RegexRuleMatcher::bool).collect(Collectors.joining());
    }
    if (q instanceof Query.Or o) {
      return o.clauses().stream()
          .map(RegexRuleMatcher::bool)
          .collect(Collectors.joining("|", "(?:", ")"));
    }
    if (q instanceof Query.Not n) {
      return "(?!" + bool(n.clause()) + ")";
    }
    return "(?=[\\s\\S]*?" + positional(q) + ")";
  }

  private static String positional(Query q) {
    if (q instanceof Query.Term t) {
      return START + word(t.text()) + END;
    }
    if (q instanceof Query.Prefix p) {
      return START + literal(p.prefix()) + "[\\p{L}\\p{N}\\p{M}'’]*";
    }
    if (q instanceof Query.Phrase ph) {
      return ph.slots().stream().map(RegexRuleMatcher::positional).collect(Collectors.joining(SEP));
    }
    if (q instanceof Query.Near n) {
      String gap = "(?:" + SEP + TOKEN + "){0," + n.distance() + "}" + SEP;
      String l = "(?:" + positional(n.left()) + ")";
      String r = "(?:" + positional(n.right()) + ")";
      return "(?:" + l + gap + r + "|" + r + gap + l + ")";
    }
    if (q instanceof Query.Or o) {
      return o.clauses().stream()
          .map(RegexRuleMatcher::positional)
          .collect(Collectors.joining("|", "(?:", ")"));
    }
    throw new IllegalArgumentException("not a positional query: " + q);
  }

  private static String word(String folded) {
    String base = folded.endsWith("'s") ? folded.substring(0, folded.length() - 2) : folded;
    String stem;
    if (base.endsWith("y")) {
      stem = literal(base.substring(0, base.length() - 1)) + "(?:y|ies)";
    } else {
      stem = literal(base);
    }
    return stem + "(?:s|es)?(?:['’]s)?";
  }

  private static String literal(String folded) {
    StringBuilder sb = new StringBuilder();
    for (char c : folded.toCharArray()) {
      if (c == '\'') {
        sb.append("['’]");
      } else if (Character.isLetterOrDigit(c)) {
        sb.append(c);
      } else {
        sb.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return sb.toString();
  }
}
