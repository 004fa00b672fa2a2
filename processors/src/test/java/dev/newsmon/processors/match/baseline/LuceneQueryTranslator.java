package dev.newsmon.processors.match.baseline;

import dev.newsmon.processors.match.PluralPossessiveFilter;
import dev.newsmon.processors.match.Query;
import java.util.ArrayList;
import java.util.List;
import java.util.NavigableSet;
import java.util.TreeSet;
import org.apache.lucene.index.Term;
import org.apache.lucene.queries.spans.FieldMaskingSpanQuery;
import org.apache.lucene.queries.spans.SpanMultiTermQueryWrapper;
import org.apache.lucene.queries.spans.SpanNearQuery;
import org.apache.lucene.queries.spans.SpanOrQuery;
import org.apache.lucene.queries.spans.SpanQuery;
import org.apache.lucene.queries.spans.SpanTermQuery;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.PhraseQuery;
import org.apache.lucene.search.PrefixQuery;
import org.apache.lucene.search.TermQuery;

/**
 * Translates the engine's {@link Query} tree into a Lucene query over {@link MonitorAnalyzer}'s
 * fields, for the Lucene Monitor baseline: a term is a {@link TermQuery} on its stem, a phrase a
 * {@link PhraseQuery} (or an ordered zero-slop {@link SpanNearQuery} when it holds a prefix),
 * {@code X NEAR/n Y} an unordered {@link SpanNearQuery} with slop n (Lucene's slop for two spans is
 * the number of positions between them, which is the engine's "at most n other tokens"), a prefix a
 * {@link PrefixQuery} on the folded tokens, and AND/OR/NOT a {@link BooleanQuery} with
 * MUST/SHOULD/MUST_NOT.
 *
 * <p>Where the two legitimately differ (and the generators therefore never produce it): when the
 * two sides of a NEAR can match the same token or overlap, Lucene's unordered span still matches
 * (negative slop), while the engine asks for two occurrences; and a NEAR nested in a NEAR measures
 * its distance from the whole inner span in Lucene.
 *
 * <p>With a known vocabulary, prefixes can be <em>expanded</em> into the terms they match: Lucene
 * Monitor's presearcher cannot index a {@link PrefixQuery}, so it runs such a rule against every
 * article, while an expanded prefix is a disjunction of indexable terms. Matches are identical as
 * long as every token of the articles is in the vocabulary.
 */
public final class LuceneQueryTranslator {
  private final NavigableSet<String> vocabulary;

  private LuceneQueryTranslator(NavigableSet<String> vocabulary) {
    this.vocabulary = vocabulary;
  }

  /** Prefixes become {@link PrefixQuery}s. */
  public static LuceneQueryTranslator plain() {
    return new LuceneQueryTranslator(null);
  }

  /** Prefixes become the terms of {@code foldedTokens} that they match. */
  public static LuceneQueryTranslator expandingPrefixes(Iterable<String> foldedTokens) {
    TreeSet<String> sorted = new TreeSet<>();
    foldedTokens.forEach(sorted::add);
    IndexSearcher.setMaxClauseCount(Math.max(IndexSearcher.getMaxClauseCount(), 1 << 20));
    return new LuceneQueryTranslator(sorted);
  }

  public org.apache.lucene.search.Query translate(Query query) {
    if (query instanceof Query.Term t) {
      return new TermQuery(stemmed(t));
    }
    if (query instanceof Query.Prefix p) {
      List<String> expansion = expand(p);
      if (expansion == null) {
        return new PrefixQuery(new Term(MonitorAnalyzer.FOLDED, p.prefix()));
      }
      BooleanQuery.Builder b = new BooleanQuery.Builder();
      for (String term : expansion) {
        b.add(new TermQuery(new Term(MonitorAnalyzer.FOLDED, term)), Occur.SHOULD);
      }
      return b.build();
    }
    if (query instanceof Query.Phrase ph) {
      if (ph.slots().stream().allMatch(s -> s instanceof Query.Term)) {
        PhraseQuery.Builder b = new PhraseQuery.Builder();
        for (Query slot : ph.slots()) {
          b.add(stemmed((Query.Term) slot));
        }
        return b.build();
      }
      return span(query);
    }
    if (query instanceof Query.Near) {
      return span(query);
    }
    if (query instanceof Query.And a) {
      BooleanQuery.Builder b = new BooleanQuery.Builder();
      for (Query clause : a.clauses()) {
        if (clause instanceof Query.Not n) {
          b.add(translate(n.clause()), Occur.MUST_NOT);
        } else {
          b.add(translate(clause), Occur.MUST);
        }
      }
      return b.build();
    }
    if (query instanceof Query.Or o) {
      BooleanQuery.Builder b = new BooleanQuery.Builder();
      for (Query clause : o.clauses()) {
        b.add(translate(clause), Occur.SHOULD);
      }
      return b.build();
    }
    if (query instanceof Query.Not n) {
      if (n.clause() instanceof Query.Not inner) {
        return translate(inner.clause());
      }
      // A lone NOT inside an OR; Lucene needs a positive clause to subtract from.
      return new BooleanQuery.Builder()
          .add(new org.apache.lucene.search.MatchAllDocsQuery(), Occur.MUST)
          .add(translate(n.clause()), Occur.MUST_NOT)
          .build();
    }
    throw new IllegalArgumentException("unknown query node: " + query);
  }

  /** The query as spans on the stemmed field, for phrases and NEAR. */
  private SpanQuery span(Query query) {
    if (query instanceof Query.Term t) {
      return new SpanTermQuery(stemmed(t));
    }
    if (query instanceof Query.Prefix p) {
      List<String> expansion = expand(p);
      SpanQuery folded;
      if (expansion == null) {
        folded =
            new SpanMultiTermQueryWrapper<>(
                new PrefixQuery(new Term(MonitorAnalyzer.FOLDED, p.prefix())));
      } else {
        folded =
            new SpanOrQuery(
                expansion.stream()
                    .map(term -> new SpanTermQuery(new Term(MonitorAnalyzer.FOLDED, term)))
                    .toArray(SpanQuery[]::new));
      }
      // Same tokenizer, same positions: a folded-field span can stand in the stemmed field.
      return new FieldMaskingSpanQuery(folded, MonitorAnalyzer.STEMMED);
    }
    if (query instanceof Query.Phrase ph) {
      return new SpanNearQuery(
          ph.slots().stream().map(this::span).toArray(SpanQuery[]::new), 0, true);
    }
    if (query instanceof Query.Near n) {
      return new SpanNearQuery(
          new SpanQuery[] {span(n.left()), span(n.right())}, n.distance(), false);
    }
    if (query instanceof Query.Or o) {
      return new SpanOrQuery(o.clauses().stream().map(this::span).toArray(SpanQuery[]::new));
    }
    throw new IllegalArgumentException("not a positional query: " + query);
  }

  /** The prefix's terms in the vocabulary, or null to keep it a prefix query. */
  private List<String> expand(Query.Prefix p) {
    if (vocabulary == null) {
      return null;
    }
    List<String> terms = new ArrayList<>();
    for (String term : vocabulary.tailSet(p.prefix(), true)) {
      if (!term.startsWith(p.prefix())) {
        break;
      }
      terms.add(term);
    }
    return terms.isEmpty() ? null : terms;
  }

  private static Term stemmed(Query.Term t) {
    return new Term(MonitorAnalyzer.STEMMED, PluralPossessiveFilter.stem(t.text()));
  }
}
