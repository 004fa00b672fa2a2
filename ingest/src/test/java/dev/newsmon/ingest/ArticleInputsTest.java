package dev.newsmon.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsmon.schemas.Article;
import dev.newsmon.schemas.ArticleJson;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ArticleInputsTest {
  private static final Instant NOW = Instant.parse("2026-11-21T12:00:00Z");
  private static final ArticleJson.Defaults DEFAULTS =
      new ArticleJson.Defaults("http", NOW, Article.DEFAULT_MAX_BODY_BYTES);

  private static List<ArticleInputs.Item> json(String text) {
    return ArticleInputs.json(text.getBytes(StandardCharsets.UTF_8), DEFAULTS);
  }

  @Test
  void shouldCanonicaliseTheUrlAndDeriveTheIdWhateverIdWasGiven() {
    List<ArticleInputs.Item> items =
        json(
            """
            {"id": "my-own-id", "url": "HTTPS://WWW.Example.org/a?utm_medium=x&b=1#frag",
             "title": "Council votes on parking", "body": "Short text.",
             "publishedAt": "2026-11-20T10:00:00+02:00"}
            """);

    Article a = items.get(0).article();
    assertThat(a.url()).isEqualTo("https://www.example.org/a?b=1");
    assertThat(a.id()).isEqualTo(Article.idForUrl("https://www.example.org/a?b=1"));
    assertThat(a.source()).isEqualTo("example.org");
    assertThat(a.publishedAt()).isEqualTo(Instant.parse("2026-11-20T08:00:00Z"));
    assertThat(a.fetchedAt()).isEqualTo(NOW);
  }

  @Test
  void shouldReadArraysAndJsonlWithPositions() {
    List<ArticleInputs.Item> array =
        json("[{\"title\":\"One\",\"body\":\"x\"}, {\"title\":\"\",\"body\":\"\"}]");
    List<ArticleInputs.Item> lines =
        json("{\"title\":\"One\",\"body\":\"x\"}\n\n{not json}\n{\"title\":\"Three\"}\n");

    assertThat(array).extracting(ArticleInputs.Item::position).containsExactly("item 1", "item 2");
    assertThat(array.get(1).rejection().field()).isEqualTo("body");
    assertThat(lines)
        .extracting(ArticleInputs.Item::position)
        .containsExactly("line 1", "line 3", "line 4");
    assertThat(lines.get(1).rejection().kind()).isEqualTo("invalid-json");
    assertThat(new String(lines.get(1).rejection().payload(), StandardCharsets.UTF_8))
        .isEqualTo("{not json}");
    assertThat(lines.get(2).article().title()).isEqualTo("Three");
    assertThat(lines.get(0).article().id()).isEqualTo(Article.idForContent("One", "x"));
  }

  @Test
  void shouldNameTheFieldOfEachError() {
    List<ArticleInputs.Item> items =
        json(
            """
            [{"title": "t", "url": "ftp://files.example/x"},
             {"title": "t", "publishedAt": "yesterday"},
             {"title": "t", "language": "english"},
             {"title": 42}]
            """);

    assertThat(items)
        .extracting(i -> i.rejection().field())
        .containsExactly("url", "publishedAt", "language", "title");
    assertThat(items.get(1).rejection().reason()).contains("ISO-8601");
  }

  @Test
  void shouldReadATextFileAsTitleThenBody() {
    byte[] text =
        "  Market day moved\r\nStalls open on Friday.\nBring cash.\n"
            .getBytes(StandardCharsets.UTF_8);

    Article a = ArticleInputs.text(Path.of("note.txt"), text, DEFAULTS).article();

    assertThat(a.title()).isEqualTo("Market day moved");
    assertThat(a.body()).isEqualTo("Stalls open on Friday.\nBring cash.");
    assertThat(a.url()).isNull();
  }

  @Test
  void shouldRejectATextFileThatIsNotUtf8() {
    byte[] latin1 = "Caf\u00e9 news".getBytes(StandardCharsets.ISO_8859_1);

    assertThat(ArticleInputs.text(Path.of("x.txt"), latin1, DEFAULTS).rejection().kind())
        .isEqualTo("invalid-encoding");
  }

  @Test
  void shouldReadAnHtmlFileWithItsCanonicalLink() {
    byte[] html =
        ("<html><head><title>Tram line extended</title>"
                + "<link rel=canonical href='https://Tram.example/news/line-4?utm_campaign=z'>"
                + "</head><body><nav>menu</nav><article><p>The line reaches the stadium.</p>"
                + "</article></body></html>")
            .getBytes(StandardCharsets.UTF_8);

    Article a = ArticleInputs.html(Path.of("page.html"), html, DEFAULTS).article();

    assertThat(a.url()).isEqualTo("https://tram.example/news/line-4");
    assertThat(a.title()).isEqualTo("Tram line extended");
    assertThat(a.body()).isEqualTo("The line reaches the stadium.");
  }
}
