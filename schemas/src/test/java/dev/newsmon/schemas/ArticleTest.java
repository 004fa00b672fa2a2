package dev.newsmon.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class ArticleTest {
  private final JsonSerde<Article> serde = new JsonSerde<>(Article.class);

  @Test
  void shouldDeriveTheIdFromTheCanonicalUrl() {
    Article article = Fixtures.article();

    assertThat(article.url()).isEqualTo("https://news.example.org/world/talks?id=7");
    assertThat(article.id()).isEqualTo(Article.idForUrl(article.url())).startsWith("u");
  }

  @Test
  void shouldGiveTheSameIdWhenTheSameArticleIsSeenThroughAnotherLink() {
    Article again =
        Article.builder()
            .url("HTTPS://news.example.org:443/world/talks?fbclid=abc&id=7&utm_medium=x")
            .source("Elsewhere")
            .title("Another headline")
            .body("Other text")
            .publishedAt(Fixtures.PUBLISHED)
            .build();

    assertThat(again.id()).isEqualTo(Fixtures.article().id());
  }

  @Test
  void shouldHashTheTextWhenThereIsNoUrl() {
    Article a = Article.builder().source("stdin").title("Talks").body("Text  here").build();
    Article b = Article.builder().source("file").title(" Talks ").body("Text here").build();
    Article c = Article.builder().source("stdin").title("Talks").body("Other text").build();

    assertThat(a.id()).startsWith("c").isEqualTo(b.id()).isNotEqualTo(c.id());
    assertThat(a.url()).isNull();
  }

  @Test
  void shouldCapTheBodyAndSayItWasTruncated() {
    String body = "ж".repeat(1000); // two UTF-8 bytes each
    Article article = Article.builder().source("s").title("t").body(body).maxBodyBytes(501).build();

    assertThat(article.truncated()).isTrue();
    assertThat(article.body()).hasSize(250);
    assertThat(article.body().getBytes(StandardCharsets.UTF_8)).hasSizeLessThanOrEqualTo(501);
    assertThat(Fixtures.article().truncated()).isFalse();
  }

  @Test
  void shouldRecordThatThePublicationDateFellBackToFetchTime() {
    Instant fetched = Instant.parse("2025-03-19T00:00:00Z");
    Article article = Article.builder().source("s").title("t").fetchedAt(fetched).build();

    assertThat(article.publishedAt()).isEqualTo(fetched);
    assertThat(article.publishedAtFallback()).isEqualTo("fetched");
    assertThat(Fixtures.article().publishedAtFallback()).isNull();
  }

  @Test
  void shouldRoundTripThroughTheSerde() {
    Article article = Fixtures.article();

    byte[] json = serde.serialize("t", article);

    assertThat(serde.deserialize("t", json)).isEqualTo(article);
    assertThat(new String(json, StandardCharsets.UTF_8))
        .contains("\"publishedAt\":\"2025-03-18T14:05:00Z\"")
        .contains("\"schemaVersion\":1");
  }

  @Test
  void shouldTolerateUnknownFields() {
    String json =
        Json.write(Fixtures.article()).replaceFirst("\\{", "{\"sentiment\":0.4,\"tags\":[\"x\"],");

    assertThat(serde.deserialize("t", json.getBytes(StandardCharsets.UTF_8)))
        .isEqualTo(Fixtures.article());
  }

  @Test
  void shouldReadAHandWrittenArticleWithoutSchemaVersionOrTruncated() {
    String json =
        Json.write(Fixtures.article())
            .replace("\"schemaVersion\":1,", "")
            .replace(",\"truncated\":false", "");

    Article read = serde.deserialize("t", json.getBytes(StandardCharsets.UTF_8));

    assertThat(json).doesNotContain("schemaVersion").doesNotContain("truncated");
    assertThat(read).isEqualTo(Fixtures.article());
  }

  @Test
  void shouldRejectAMissingRequiredFieldByName() {
    String json = Json.write(Fixtures.article()).replace("\"source\":\"Example News\",", "");

    assertThatThrownBy(() -> serde.deserialize("t", json.getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(SerializationException.class)
        .hasMessage("invalid Article: missing required field 'source'");
  }

  @Test
  void shouldRejectMalformedJsonWithAReason() {
    assertThatThrownBy(() -> serde.deserialize("t", "{\"id\": ".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(SerializationException.class)
        .hasMessageStartingWith("invalid Article: invalid JSON");
  }

  @Test
  void shouldRejectALanguageThatIsNotIso6391() {
    String json =
        Json.write(Fixtures.article()).replace("\"language\":\"en\"", "\"language\":\"eng\"");

    assertThatThrownBy(() -> serde.deserialize("t", json.getBytes(StandardCharsets.UTF_8)))
        .hasMessageContaining("'language'");
  }
}
