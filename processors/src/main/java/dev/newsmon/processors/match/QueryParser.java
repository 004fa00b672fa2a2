package dev.newsmon.processors.match;

import java.util.ArrayList;
import java.util.List;

/**
 * Parses the watchlist query language into a {@link Query}.
 *
 * <p>Grammar, loosest binding first: {@code or := and ("OR" and)*}, {@code and := not (["AND"]
 * not)*} (juxtaposition is AND), {@code not := "NOT" not | near}, {@code near := primary ("NEAR/"n
 * primary)*}, {@code primary := word | word* | "phrase" | "(" or ")"}. Operators are uppercase;
 * lowercase {@code and}, {@code or}, {@code not}, {@code near} are words. A word that the analyzer
 * cuts into several tokens ({@code 30-day}) is a phrase of them.
 *
 * <p>Lexical problems (quotes, distances, misplaced {@code *}, short prefixes) are all reported;
 * the first grammar error ends parsing. Stateless and thread-safe.
 */
public final class QueryParser {

  private QueryParser() {}

  /**
   * @throws QueryParseException listing each problem with its column and what was expected
   */
  public static Query parse(String query) {
    if (query == null || query.isBlank()) {
      throw new QueryParseException(
          String.valueOf(query), List.of(new QueryError(1, "empty query: expected a term")));
    }
    List<QueryError> errors = new ArrayList<>();
    List<Lexeme> lexemes = new Lexer(query, errors).lex();
    if (!errors.isEmpty()) {
      throw new QueryParseException(query, errors);
    }
    try {
      Parser parser = new Parser(lexemes, query.length());
      Query parsed = parser.parseAll();
      if (parsed.isNegativeOnly()) {
        throw new ParseError(
            1, "the query only says what must be absent (NOT); expected a term it must contain");
      }
      return parsed;
    } catch (ParseError e) {
      throw new QueryParseException(query, List.of(new QueryError(e.column, e.getMessage())));
    }
  }

  private enum Kind {
    WORD,
    PHRASE,
    LPAREN,
    RPAREN,
    AND,
    OR,
    NOT,
    NEAR
  }

  /** One lexical unit; {@code query} is set for words and phrases, {@code distance} for NEAR. */
  private record Lexeme(Kind kind, int column, String text, Query query, int distance) {
    String describe() {
      return switch (kind) {
        case WORD, PHRASE -> "'" + text + "'";
        case LPAREN -> "'('";
        case RPAREN -> "')'";
        case NEAR -> "'NEAR/" + distance + "'";
        default -> "'" + kind + "'";
      };
    }
  }

  private static final class ParseError extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final int column;

    ParseError(int column, String message) {
      super(message, null, false, false);
      this.column = column;
    }
  }

  private static final class Lexer {
    private final String q;
    private final List<QueryError> errors;
    private final List<Lexeme> out = new ArrayList<>();
    private int i;

    Lexer(String q, List<QueryError> errors) {
      this.q = q;
      this.errors = errors;
    }

    List<Lexeme> lex() {
      while (i < q.length()) {
        char c = q.charAt(i);
        if (Character.isWhitespace(c)) {
          i++;
        } else if (c == '(') {
          out.add(new Lexeme(Kind.LPAREN, i + 1, "(", null, 0));
          i++;
        } else if (c == ')') {
          out.add(new Lexeme(Kind.RPAREN, i + 1, ")", null, 0));
          i++;
        } else if (isOpenQuote(c)) {
          phrase();
        } else {
          word();
        }
      }
      return out;
    }

    private void phrase() {
      int start = i;
      int close = -1;
      for (int j = i + 1; j < q.length(); j++) {
        if (isCloseQuote(q.charAt(j))) {
          close = j;
          break;
        }
      }
      if (close < 0) {
        errors.add(
            new QueryError(start + 1, "unbalanced quote: expected a closing '\"' for this phrase"));
        i = q.length();
        return;
      }
      String content = q.substring(start + 1, close);
      i = close + 1;
      List<Query> slots = new ArrayList<>();
      int j = 0;
      boolean ok = true;
      while (j < content.length()) {
        if (Character.isWhitespace(content.charAt(j))) {
          j++;
          continue;
        }
        int wordStart = j;
        while (j < content.length() && !Character.isWhitespace(content.charAt(j))) {
          j++;
        }
        ok &= addWordSlots(content.substring(wordStart, j), start + 2 + wordStart, slots);
      }
      if (!ok) {
        return;
      }
      if (slots.isEmpty()) {
        errors.add(new QueryError(start + 1, "empty phrase: expected words between the quotes"));
        return;
      }
      String text = q.substring(start, close + 1);
      out.add(new Lexeme(Kind.PHRASE, start + 1, text, slotsToQuery(slots), 0));
    }

    private void word() {
      int start = i;
      while (i < q.length()) {
        char c = q.charAt(i);
        if (Character.isWhitespace(c) || c == '(' || c == ')' || isOpenQuote(c)) {
          break;
        }
        i++;
      }
      String word = q.substring(start, i);
      int column = start + 1;
      switch (word) {
        case "AND" -> out.add(new Lexeme(Kind.AND, column, word, null, 0));
        case "OR" -> out.add(new Lexeme(Kind.OR, column, word, null, 0));
        case "NOT" -> out.add(new Lexeme(Kind.NOT, column, word, null, 0));
        default -> {
          if (word.equals("NEAR") || word.startsWith("NEAR/")) {
            near(word, column);
            return;
          }
          List<Query> slots = new ArrayList<>();
          if (addWordSlots(word, column, slots)) {
            out.add(new Lexeme(Kind.WORD, column, word, slotsToQuery(slots), 0));
          }
        }
      }
    }

    private void near(String word, int column) {
      String digits = word.length() > 5 ? word.substring(5) : "";
      if (digits.isEmpty()) {
        errors.add(
            new QueryError(column, "NEAR without a distance: expected NEAR/n, as in NEAR/5"));
        return;
      }
      if (!digits.chars().allMatch(ch -> ch >= '0' && ch <= '9') || digits.length() > 4) {
        errors.add(
            new QueryError(
                column,
                "bad NEAR distance '"
                    + digits
                    + "': expected a whole number up to 9999, as in NEAR/5"));
        return;
      }
      out.add(new Lexeme(Kind.NEAR, column, word, null, Integer.parseInt(digits)));
    }

    /**
     * Adds the tokens of one whitespace-free word to {@code slots}: terms, and a prefix for the
     * last token when the word ends with {@code *}.
     *
     * @return false when the word is invalid (an error was recorded)
     */
    private boolean addWordSlots(String word, int column, List<Query> slots) {
      boolean prefix = word.endsWith("*");
      String body = prefix ? word.substring(0, word.length() - 1) : word;
      int star = body.indexOf('*');
      if (star >= 0) {
        errors.add(
            new QueryError(
                column + star,
                "'*' inside '" + word + "': expected '*' only at the end of a word, as in ban*"));
        return false;
      }
      List<String> tokens = NewsAnalyzer.foldedTokens(body);
      if (tokens.isEmpty()) {
        errors.add(
            new QueryError(
                column, "'" + word + "' has no letters or digits: expected a word or phrase"));
        return false;
      }
      if (prefix) {
        String last = tokens.get(tokens.size() - 1);
        boolean adjoined =
            body.length() > 0 && NewsTokenizer.isWordChar(body.codePointBefore(body.length()));
        if (!adjoined || last.codePointCount(0, last.length()) < Query.Prefix.MIN_LENGTH) {
          errors.add(
              new QueryError(
                  column,
                  "prefix '"
                      + word
                      + "' is too short: expected at least "
                      + Query.Prefix.MIN_LENGTH
                      + " letters or digits before '*'"));
          return false;
        }
      }
      for (int t = 0; t < tokens.size(); t++) {
        boolean last = t == tokens.size() - 1;
        slots.add(prefix && last ? new Query.Prefix(tokens.get(t)) : new Query.Term(tokens.get(t)));
      }
      return true;
    }

    private static Query slotsToQuery(List<Query> slots) {
      return slots.size() == 1 ? slots.get(0) : new Query.Phrase(slots);
    }

    private static boolean isOpenQuote(char c) {
      return c == '"' || c == '\u201C' || c == '\u201E';
    }

    private static boolean isCloseQuote(char c) {
      return c == '"' || c == '\u201D' || c == '\u201C';
    }
  }

  private static final class Parser {
    private final List<Lexeme> lexemes;
    private final int endColumn;
    private int p;

    Parser(List<Lexeme> lexemes, int queryLength) {
      this.lexemes = lexemes;
      this.endColumn = queryLength + 1;
    }

    Query parseAll() {
      Query q = parseOr();
      if (p < lexemes.size()) {
        Lexeme extra = lexemes.get(p);
        if (extra.kind() == Kind.RPAREN) {
          throw new ParseError(extra.column(), "unbalanced ')': no '(' before it");
        }
        throw new ParseError(
            extra.column(), "unexpected " + extra.describe() + ": expected an operator or the end");
      }
      return q;
    }

    private Query parseOr() {
      List<Query> clauses = new ArrayList<>();
      clauses.add(parseAnd());
      while (peek(Kind.OR)) {
        p++;
        clauses.add(parseAnd());
      }
      return clauses.size() == 1 ? clauses.get(0) : new Query.Or(clauses);
    }

    private Query parseAnd() {
      List<Query> clauses = new ArrayList<>();
      clauses.add(parseNot());
      while (true) {
        if (peek(Kind.AND)) {
          p++;
          clauses.add(parseNot());
        } else if (peek(Kind.WORD) || peek(Kind.PHRASE) || peek(Kind.LPAREN) || peek(Kind.NOT)) {
          clauses.add(parseNot());
        } else {
          break;
        }
      }
      return clauses.size() == 1 ? clauses.get(0) : new Query.And(clauses);
    }

    private Query parseNot() {
      if (peek(Kind.NOT)) {
        p++;
        return new Query.Not(parseNot());
      }
      return parseNear();
    }

    private Query parseNear() {
      int leftColumn = column();
      Query left = parsePrimary();
      while (peek(Kind.NEAR)) {
        Lexeme near = lexemes.get(p++);
        int rightColumn = column();
        Query right = parsePrimary();
        requirePositional(left, leftColumn);
        requirePositional(right, rightColumn);
        left = new Query.Near(left, right, near.distance());
      }
      return left;
    }

    private static void requirePositional(Query operand, int column) {
      if (!operand.isPositional()) {
        throw new ParseError(
            column,
            "NEAR operand '"
                + operand
                + "': expected a term, phrase, prefix or parenthesised OR-group of these");
      }
    }

    private Query parsePrimary() {
      if (p >= lexemes.size()) {
        throw new ParseError(endColumn, "the query ended: expected a term, phrase or '('");
      }
      Lexeme next = lexemes.get(p);
      switch (next.kind()) {
        case WORD, PHRASE -> {
          p++;
          return next.query();
        }
        case LPAREN -> {
          p++;
          if (peek(Kind.RPAREN)) {
            throw new ParseError(
                next.column(), "empty parentheses: expected a term, phrase or '(' inside");
          }
          Query inner = parseOr();
          if (!peek(Kind.RPAREN)) {
            String found =
                p < lexemes.size() ? "found " + lexemes.get(p).describe() : "the query ended";
            throw new ParseError(
                next.column(), "unbalanced '(': expected a ')' to close it, but " + found);
          }
          p++;
          return inner;
        }
        default ->
            throw new ParseError(
                next.column(), "expected a term, phrase or '(' but found " + next.describe());
      }
    }

    private boolean peek(Kind kind) {
      return p < lexemes.size() && lexemes.get(p).kind() == kind;
    }

    private int column() {
      return p < lexemes.size() ? lexemes.get(p).column() : endColumn;
    }
  }
}
