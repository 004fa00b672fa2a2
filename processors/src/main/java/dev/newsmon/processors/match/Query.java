package dev.newsmon.processors.match;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A parsed watchlist query: an immutable tree built by {@link QueryParser}. Words are held folded
 * (NFKC, lower case, no diacritics, straight apostrophes) but not stemmed; terms are matched on
 * their stems, prefixes on the folded tokens. {@link #toString()} gives the query back in the query
 * language.
 */
public sealed interface Query
    permits Query.Term, Query.Prefix, Query.Phrase, Query.Near, Query.And, Query.Or, Query.Not {

  /** One word; matches its regular plural and possessive forms too. */
  record Term(String text) implements Query {
    public Term {
      requireWord(text);
    }

    @Override
    public String toString() {
      return text;
    }
  }

  /** Any token that starts with {@code prefix} (at least 3 characters). */
  record Prefix(String prefix) implements Query {
    public static final int MIN_LENGTH = 3;

    public Prefix {
      requireWord(prefix);
      if (prefix.codePointCount(0, prefix.length()) < MIN_LENGTH) {
        throw new IllegalArgumentException(
            "a prefix needs at least " + MIN_LENGTH + " characters: " + prefix);
      }
    }

    @Override
    public String toString() {
      return prefix + "*";
    }
  }

  /** Consecutive tokens in order, in one field; each slot is a {@link Term} or {@link Prefix}. */
  record Phrase(List<Query> slots) implements Query {
    public Phrase {
      slots = List.copyOf(slots);
      if (slots.size() < 2) {
        throw new IllegalArgumentException("a phrase has at least two words: " + slots);
      }
      for (Query slot : slots) {
        if (!(slot instanceof Term) && !(slot instanceof Prefix)) {
          throw new IllegalArgumentException("a phrase holds only words and prefixes: " + slot);
        }
      }
    }

    @Override
    public String toString() {
      return slots.stream().map(Query::toString).collect(Collectors.joining(" ", "\"", "\""));
    }
  }

  /**
   * {@code left} and {@code right} with at most {@code distance} other tokens between them, in
   * either order, in one field. Operands are terms, prefixes, phrases, NEARs or ORs of these.
   */
  record Near(Query left, Query right, int distance) implements Query {
    public Near {
      if (!left.isPositional() || !right.isPositional()) {
        throw new IllegalArgumentException(
            "NEAR operands are terms, phrases, prefixes or OR-groups of these: "
                + left
                + ", "
                + right);
      }
      if (distance < 0) {
        throw new IllegalArgumentException("NEAR distance must not be negative: " + distance);
      }
    }

    @Override
    public String toString() {
      return nearOperand(left) + " NEAR/" + distance + " " + nearOperand(right);
    }
  }

  /** Every clause matches. */
  record And(List<Query> clauses) implements Query {
    public And {
      clauses = List.copyOf(clauses);
      if (clauses.size() < 2) {
        throw new IllegalArgumentException("AND needs two clauses: " + clauses);
      }
    }

    @Override
    public String toString() {
      return clauses.stream().map(Query::grouped).collect(Collectors.joining(" AND "));
    }
  }

  /** At least one clause matches. */
  record Or(List<Query> clauses) implements Query {
    public Or {
      clauses = List.copyOf(clauses);
      if (clauses.size() < 2) {
        throw new IllegalArgumentException("OR needs two clauses: " + clauses);
      }
    }

    @Override
    public String toString() {
      return clauses.stream().map(Query::grouped).collect(Collectors.joining(" OR "));
    }
  }

  /** The clause matches nowhere in the article. */
  record Not(Query clause) implements Query {
    @Override
    public String toString() {
      return "NOT " + clause.grouped();
    }
  }

  /** True for queries with positions (terms, prefixes, phrases, NEARs, ORs of these). */
  default boolean isPositional() {
    if (this instanceof Or o) {
      return o.clauses().stream().allMatch(Query::isPositional);
    }
    return this instanceof Term
        || this instanceof Prefix
        || this instanceof Phrase
        || this instanceof Near;
  }

  /**
   * True when the query can match an article without any positive hit (it only says what must be
   * absent), so it would match almost everything and yield no evidence.
   */
  default boolean isNegativeOnly() {
    if (this instanceof And a) {
      return a.clauses().stream().allMatch(Query::isNegativeOnly);
    }
    if (this instanceof Or o) {
      return o.clauses().stream().anyMatch(Query::isNegativeOnly);
    }
    return this instanceof Not;
  }

  private String grouped() {
    return this instanceof And || this instanceof Or ? "(" + this + ")" : toString();
  }

  private static String nearOperand(Query q) {
    return q instanceof Term || q instanceof Prefix || q instanceof Phrase
        ? q.toString()
        : "(" + q + ")";
  }

  private static void requireWord(String text) {
    if (text == null || text.isEmpty()) {
      throw new IllegalArgumentException("empty word");
    }
  }
}
