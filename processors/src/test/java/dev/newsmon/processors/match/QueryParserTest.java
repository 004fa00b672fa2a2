package dev.newsmon.processors.match;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.newsmon.processors.match.Query.And;
import dev.newsmon.processors.match.Query.Near;
import dev.newsmon.processors.match.Query.Not;
import dev.newsmon.processors.match.Query.Or;
import dev.newsmon.processors.match.Query.Phrase;
import dev.newsmon.processors.match.Query.Prefix;
import dev.newsmon.processors.match.Query.Term;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The parser's trees and every error it reports, with its column. */
class QueryParserTest {

  private static List<QueryError> errors(String query) {
    try {
      QueryParser.parse(query);
    } catch (QueryParseException e) {
      return e.errors();
    }
    throw new AssertionError("expected '" + query + "' to be rejected");
  }

  @Test
  void shouldBuildTreeWithPrecedenceNearNotAndOr() {
    Query q = QueryParser.parse("a OR b NOT c NEAR/3 \"d e\" f");
    assertThat(q)
        .isEqualTo(
            new Or(
                List.of(
                    new Term("a"),
                    new And(
                        List.of(
                            new Term("b"),
                            new Not(
                                new Near(
                                    new Term("c"),
                                    new Phrase(List.of(new Term("d"), new Term("e"))),
                                    3)),
                            new Term("f"))))));
  }

  @Test
  void shouldFoldWordsAndSplitPunctuatedWordsIntoPhrases() {
    assertThat(QueryParser.parse("Ukraine’s")).isEqualTo(new Term("ukraine's"));
    assertThat(QueryParser.parse("30-day"))
        .isEqualTo(new Phrase(List.of(new Term("30"), new Term("day"))));
    assertThat(QueryParser.parse("“arms deliver*”"))
        .isEqualTo(new Phrase(List.of(new Term("arms"), new Prefix("deliver"))));
    assertThat(QueryParser.parse("ПЕРЕМИР*")).isEqualTo(new Prefix("перемир"));
  }

  @Test
  void shouldAllowOrGroupsPhrasesAndNestedNearAsNearOperands() {
    Query q = QueryParser.parse("(a OR \"b c\") NEAR/2 (d NEAR/1 e)");
    assertThat(q).isInstanceOf(Near.class);
    assertThat(q.toString()).isEqualTo("(a OR \"b c\") NEAR/2 (d NEAR/1 e)");
    assertThat(QueryParser.parse(q.toString())).isEqualTo(q);
  }

  @Test
  void shouldReportEmptyQuery() {
    assertThat(errors("  ")).containsExactly(new QueryError(1, "empty query: expected a term"));
  }

  @Test
  void shouldReportNearWithoutDistance() {
    assertThat(errors("a NEAR b"))
        .containsExactly(
            new QueryError(3, "NEAR without a distance: expected NEAR/n, as in NEAR/5"));
    assertThat(errors("a NEAR/x b"))
        .containsExactly(
            new QueryError(
                3, "bad NEAR distance 'x': expected a whole number up to 9999, as in NEAR/5"));
  }

  @Test
  void shouldReportUnbalancedQuotesAndParentheses() {
    assertThat(errors("a \"b c"))
        .containsExactly(
            new QueryError(3, "unbalanced quote: expected a closing '\"' for this phrase"));
    assertThat(errors("(a OR b"))
        .containsExactly(
            new QueryError(1, "unbalanced '(': expected a ')' to close it, but the query ended"));
    assertThat(errors("a OR b)"))
        .containsExactly(new QueryError(7, "unbalanced ')': no '(' before it"));
    assertThat(errors("a ()"))
        .containsExactly(
            new QueryError(3, "empty parentheses: expected a term, phrase or '(' inside"));
  }

  @Test
  void shouldReportEveryLexicalErrorAtOnce() {
    assertThat(errors("ba* NEAR c \"d"))
        .containsExactly(
            new QueryError(
                1, "prefix 'ba*' is too short: expected at least 3 letters or digits before '*'"),
            new QueryError(5, "NEAR without a distance: expected NEAR/n, as in NEAR/5"),
            new QueryError(12, "unbalanced quote: expected a closing '\"' for this phrase"));
  }

  @Test
  void shouldReportMisplacedStarEmptyPhraseAndWordsWithoutLetters() {
    assertThat(errors("ce*se"))
        .containsExactly(
            new QueryError(
                3, "'*' inside 'ce*se': expected '*' only at the end of a word, as in ban*"));
    assertThat(errors("a \"  \""))
        .containsExactly(new QueryError(3, "empty phrase: expected words between the quotes"));
    assertThat(errors("\u0301"))
        .containsExactly(
            new QueryError(1, "'\u0301' has no letters or digits: expected a word or phrase"));
    assertThat(errors("a & b"))
        .containsExactly(
            new QueryError(3, "'&' has no letters or digits: expected a word or phrase"));
  }

  @Test
  void shouldReportMissingOperands() {
    assertThat(errors("a OR"))
        .containsExactly(new QueryError(5, "the query ended: expected a term, phrase or '('"));
    assertThat(errors("OR a"))
        .containsExactly(new QueryError(1, "expected a term, phrase or '(' but found 'OR'"));
    assertThat(errors("a AND AND b"))
        .containsExactly(new QueryError(7, "expected a term, phrase or '(' but found 'AND'"));
  }

  @Test
  void shouldRejectNearOperandThatIsNotPositional() {
    assertThat(errors("(a AND b) NEAR/3 c"))
        .containsExactly(
            new QueryError(
                1,
                "NEAR operand 'a AND b': expected a term, phrase, prefix or parenthesised OR-group"
                    + " of these"));
    assertThat(errors("a NEAR/3 (b NOT c)")).extracting(QueryError::column).containsExactly(10);
  }

  @Test
  void shouldRejectQueryThatOnlyExcludes() {
    assertThat(errors("NOT gaza"))
        .containsExactly(
            new QueryError(
                1,
                "the query only says what must be absent (NOT); expected a term it must contain"));
    assertThat(errors("truce OR NOT gaza")).hasSize(1);
  }

  @Test
  void shouldNameQueryAndColumnsInExceptionMessage() {
    assertThatThrownBy(() -> QueryParser.parse("a NEAR b"))
        .isInstanceOf(QueryParseException.class)
        .hasMessage(
            "invalid query 'a NEAR b': column 3: NEAR without a distance: expected NEAR/n, as in"
                + " NEAR/5");
  }
}
