package dev.newsmon.processors.match;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsmon.schemas.Article;
import dev.newsmon.schemas.CanonicalUrl;
import dev.newsmon.schemas.Json;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading article files of every supported kind, and reporting what cannot be read. */
class ArticleFilesTest {
  private static final Instant T = Instant.parse("2025-03-18T09:00:00Z");

  private final List<Article> articles = new ArrayList<>();
  private final List<ArticleFiles.Problem> problems = new ArrayList<>();
  private final ArticleFiles.Sink sink =
      new ArticleFiles.Sink() {
        @Override
        public void article(Article article) {
          articles.add(article);
        }

        @Override
        public void problem(ArticleFiles.Problem problem) {
          problems.add(problem);
        }
      };

  private static String json(String title) {
    return Json.write(
        Article.builder().source("s").title(title).body("b").publishedAt(T).fetchedAt(T).build());
  }

  @Test
  void shouldReadJsonLinesAndReportBadLinesWithTheirNumbers(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("a.jsonl");
    Files.writeString(file, json("one") + "\n\n{not json\n" + json("two") + "\n{\"id\":\"x\"}\n");
    ArticleFiles.read(file, sink);
    assertThat(articles).extracting(Article::title).containsExactly("one", "two");
    assertThat(problems)
        .extracting(ArticleFiles.Problem::position)
        .containsExactly("line 3", "line 5");
    assertThat(problems.get(1).toString())
        .isEqualTo(file + ":line 5: no text: both title and body are empty, see 'body'");
  }

  @Test
  void shouldReadJsonArticlesAsIngestDoesWithIdsFromTheirCanonicalUrl(@TempDir Path dir)
      throws Exception {
    // a raw export: its own id, a tracking parameter, no fetchedAt, no source
    Path file = dir.resolve("export.jsonl");
    Files.writeString(
        file,
        "{\"id\":\"j1\",\"url\":\"https://WWW.Example.com/a?utm_source=x&b=2#frag\","
            + "\"title\":\"Truce talk\",\"body\":\"Envoys met.\","
            + "\"publishedAt\":\"2025-03-12T10:00:00+01:00\"}\n");

    ArticleFiles.read(file, sink);

    assertThat(problems).isEmpty();
    Article article = articles.get(0);
    assertThat(article.url())
        .isEqualTo(CanonicalUrl.of("https://WWW.Example.com/a?utm_source=x&b=2#frag"));
    assertThat(article.id()).isEqualTo(Article.idForUrl(article.url())).isNotEqualTo("j1");
    assertThat(article.source()).isEqualTo("example.com");
    assertThat(article.publishedAt()).isEqualTo(Instant.parse("2025-03-12T09:00:00Z"));
    // and an article newsmon wrote reads back as itself
    Article written =
        Article.builder()
            .url("https://news.example/b")
            .source("news.example")
            .title("Two")
            .body("b".repeat(40))
            .publishedAt(T)
            .fetchedAt(T)
            .maxBodyBytes(30) // cut, and marked truncated, when it was first built
            .build();
    assertThat(written.truncated()).isTrue();
    Files.writeString(file, Json.write(written) + "\n");
    articles.clear();
    ArticleFiles.read(file, sink);
    assertThat(articles).containsExactly(written);
  }

  @Test
  void shouldReportJsonThatIsNoObject(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("odd.jsonl");
    Files.writeString(file, "null\n[1]\n42\n");
    ArticleFiles.read(file, sink);
    assertThat(articles).isEmpty();
    assertThat(problems)
        .extracting(ArticleFiles.Problem::toString)
        .containsExactly(
            file + ":line 1: expected a JSON object",
            file + ":line 2: expected a JSON object",
            file + ":line 3: expected a JSON object");
  }

  @Test
  void shouldReadJsonObjectsAndArrays(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("one.json"), json("single"));
    Files.writeString(dir.resolve("many.json"), "[" + json("first") + ",{}," + json("third") + "]");
    ArticleFiles.read(dir, sink);
    assertThat(articles).extracting(Article::title).containsExactly("first", "third", "single");
    assertThat(problems).extracting(ArticleFiles.Problem::position).containsExactly("item 2");
  }

  @Test
  void shouldReadTextWithFirstLineAsTitleAndFileTimeAsFallback(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("story.txt");
    Files.writeString(file, "Truce agreed\nBoth sides agreed.\nMore text.");
    Files.setLastModifiedTime(file, FileTime.from(T));
    ArticleFiles.read(file, sink);
    Article a = articles.get(0);
    assertThat(a.title()).isEqualTo("Truce agreed");
    assertThat(a.body()).isEqualTo("Both sides agreed.\nMore text.");
    assertThat(a.source()).isEqualTo("story.txt");
    assertThat(a.publishedAt()).isEqualTo(T);
    assertThat(a.publishedAtFallback()).isEqualTo(ArticleFiles.FILE_MODIFIED);
    assertThat(a.id()).isEqualTo(Article.idForContent("Truce agreed", a.body()));
  }

  @Test
  void shouldReadHtmlTitleAndMainTextWithoutScripts(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("page.html");
    Files.writeString(
        file,
        """
        <html><head><title>Energy truce</title>
        <link rel="canonical" href="https://news.example/energy-truce">
        <meta property="article:published_time" content="2025-03-18T20:00:00+01:00">
        <script>var truce = 1;</script><style>p{}</style></head>
        <body><nav>Home | World</nav>
        <article><h1>Energy truce</h1><p>Strikes on power plants stop.</p>
        <p>Talks <b>continue</b> in Riyadh.</p></article>
        <footer>Copyright</footer></body></html>
        """);
    ArticleFiles.read(file, sink);
    Article a = articles.get(0);
    assertThat(a.title()).isEqualTo("Energy truce");
    // as ingest reads the page (ArticleText): the headline is the title, not repeated in the body
    assertThat(a.body()).isEqualTo("Strikes on power plants stop.\n\nTalks continue in Riyadh.");
    assertThat(a.url()).isEqualTo("https://news.example/energy-truce");
    assertThat(a.publishedAt()).isEqualTo(Instant.parse("2025-03-18T19:00:00Z"));
    assertThat(a.publishedAtFallback()).isNull();
  }

  @Test
  void shouldReadJsonLinesFromAStream() {
    String lines = json("a") + "\nnope\n";
    ArticleFiles.readJsonLines(
        new ByteArrayInputStream(lines.getBytes(StandardCharsets.UTF_8)), "<stdin>", sink);
    assertThat(articles).hasSize(1);
    assertThat(problems.get(0).toString()).startsWith("<stdin>:line 2: invalid JSON");
  }

  @Test
  void shouldReportUnknownFileTypeAndEmptyText(@TempDir Path dir) throws Exception {
    Path odd = dir.resolve("notes.md");
    Files.writeString(odd, "# notes");
    Path empty = dir.resolve("empty.txt");
    Files.writeString(empty, "\n");
    ArticleFiles.read(odd, sink);
    ArticleFiles.read(empty, sink);
    assertThat(problems).hasSize(2);
    assertThat(problems.get(0).reason()).startsWith("unknown file type");
    assertThat(problems.get(1).reason()).contains("no text");
  }
}
