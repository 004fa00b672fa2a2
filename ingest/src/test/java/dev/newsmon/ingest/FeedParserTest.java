package dev.newsmon.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.newsmon.schemas.Article;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FeedParserTest {
  private static final Instant FETCHED = Instant.parse("2026-11-21T12:00:00Z");
  private static final FeedConfig GAZETTE = FeedConfig.of("https://gazette.example/rss", "gazette");

  private static List<Article> articles(byte[] body, String contentType, FeedConfig feed)
      throws Exception {
    return FeedParser.parse(body, contentType, feed, feed.url(), FETCHED).items().stream()
        .map(i -> i.toArticle(i.summary(), Article.DEFAULT_MAX_BODY_BYTES))
        .toList();
  }

  @Test
  void shouldReadRss2ItemsWithCanonicalUrlsAndPlainText() throws Exception {
    List<Article> articles =
        articles(Fixtures.RSS2.getBytes(StandardCharsets.UTF_8), "application/rss+xml", GAZETTE);

    assertThat(articles).hasSize(2);
    Article ferry = articles.get(0);
    assertThat(ferry.url()).isEqualTo("https://gazette.example/news/ferry?id=7");
    assertThat(ferry.id()).isEqualTo(Article.idForUrl("https://gazette.example/news/ferry?id=7"));
    assertThat(ferry.title()).isEqualTo("Ferry timetable changes for winter");
    assertThat(ferry.body())
        .isEqualTo("The harbour office moved the last crossing to six o'clock.");
    assertThat(ferry.publishedAt()).isEqualTo(Instant.parse("2026-11-20T08:30:00Z"));
    assertThat(ferry.publishedAtFallback()).isNull();
    assertThat(ferry.language()).isEqualTo("en");
    assertThat(ferry.source()).isEqualTo("gazette");
    assertThat(ferry.feed()).isEqualTo("https://gazette.example/rss");
  }

  @Test
  void shouldReadRss091AndRss10() throws Exception {
    String rss091 =
        """
        <?xml version="1.0"?>
        <rss version="0.91"><channel><title>Old Town Crier</title>
        <link>https://crier.example/</link><description>d</description><language>en</language>
        <item><title>Bell tower repainted</title><link>https://crier.example/bell</link>
        <description>Green again.</description></item></channel></rss>
        """;
    String rss10 =
        """
        <?xml version="1.0"?>
        <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"
                 xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
          <channel rdf:about="https://rdf.example/"><title>RDF Weekly</title>
            <link>https://rdf.example/</link><description>d</description>
            <items><rdf:Seq><rdf:li resource="https://rdf.example/owls"/></rdf:Seq></items>
          </channel>
          <item rdf:about="https://rdf.example/owls"><title>Owls return to the barn</title>
            <link>https://rdf.example/owls</link><description>Three pairs nest.</description>
            <dc:date>2026-11-17T06:00:00Z</dc:date></item>
        </rdf:RDF>
        """;

    List<Article> old = articles(rss091.getBytes(StandardCharsets.UTF_8), null, GAZETTE);
    List<Article> rdf = articles(rss10.getBytes(StandardCharsets.UTF_8), null, GAZETTE);

    assertThat(old).extracting(Article::title).containsExactly("Bell tower repainted");
    assertThat(rdf)
        .singleElement()
        .satisfies(
            a -> {
              assertThat(a.title()).isEqualTo("Owls return to the barn");
              assertThat(a.publishedAt()).isEqualTo(Instant.parse("2026-11-17T06:00:00Z"));
              assertThat(a.body()).isEqualTo("Three pairs nest.");
            });
  }

  @Test
  void shouldReadAtomWithRelativeLinksAndUpdatedFallback() throws Exception {
    FeedConfig ledger = FeedConfig.of("https://ledger.example/feed.atom", "ledger");
    List<Article> articles =
        articles(Fixtures.ATOM.getBytes(StandardCharsets.UTF_8), "application/atom+xml", ledger);

    assertThat(articles).hasSize(2);
    assertThat(articles.get(0).url()).isEqualTo("https://ledger.example/stories/bridge-repairs");
    assertThat(articles.get(0).title()).isEqualTo("Bridge repairs finish early");
    assertThat(articles.get(0).publishedAt()).isEqualTo(Instant.parse("2026-11-19T15:45:00Z"));
    assertThat(articles.get(1).publishedAt()).isEqualTo(Instant.parse("2026-11-20T09:15:00Z"));
    assertThat(articles.get(1).publishedAtFallback()).isEqualTo("updated");
    assertThat(articles.get(1).body())
        .isEqualTo("Members picked more fruit than in any season on file.");
  }

  @Test
  void shouldDecodeWindows1251FromTheXmlProlog() throws Exception {
    List<Article> articles = articles(Fixtures.windows1251(), "application/rss+xml", GAZETTE);

    assertThat(articles)
        .singleElement()
        .satisfies(
            a -> {
              assertThat(a.title()).isEqualTo("Новый мост через реку открыт");
              assertThat(a.body()).isEqualTo("Движение по мосту началось утром.");
              assertThat(a.language()).isEqualTo("ru");
            });
  }

  @Test
  void shouldDecodeIso88591FromTheContentType() throws Exception {
    List<Article> articles = articles(Fixtures.latin1(), "text/xml; charset=ISO-8859-1", GAZETTE);

    assertThat(articles.get(0).title()).isEqualTo("Fête du village: café gratuit");
    assertThat(articles.get(0).body()).contains("très animée");
  }

  @Test
  void shouldRejectExternalEntitiesWithoutReadingTheFile(@TempDir Path dir) throws Exception {
    Path secret = dir.resolve("secret.txt");
    Files.writeString(secret, "TOP-SECRET-CONTENT-4711");
    byte[] xxe = Fixtures.xxe(secret).getBytes(StandardCharsets.UTF_8);

    assertThatThrownBy(() -> FeedParser.parse(xxe, "text/xml", GAZETTE, GAZETTE.url(), FETCHED))
        .isInstanceOf(FeedParser.FeedParseException.class)
        .satisfies(e -> assertThat(((FeedParser.FeedParseException) e).kind()).isEqualTo("doctype"))
        .hasMessageContaining("DOCTYPE")
        .hasMessageNotContaining("TOP-SECRET");
  }

  @Test
  void shouldRejectEntityExpansionBombs() {
    byte[] bomb = Fixtures.BILLION_LAUGHS.getBytes(StandardCharsets.UTF_8);

    assertThatThrownBy(() -> FeedParser.parse(bomb, "text/xml", GAZETTE, GAZETTE.url(), FETCHED))
        .isInstanceOf(FeedParser.FeedParseException.class)
        .hasMessageContaining("DOCTYPE");
  }

  @Test
  void shouldRejectMalformedXml() {
    byte[] broken = Fixtures.MALFORMED.getBytes(StandardCharsets.UTF_8);

    assertThatThrownBy(() -> FeedParser.parse(broken, "text/xml", GAZETTE, GAZETTE.url(), FETCHED))
        .isInstanceOf(FeedParser.FeedParseException.class)
        .satisfies(
            e ->
                assertThat(((FeedParser.FeedParseException) e).kind()).isEqualTo("malformed-feed"));
  }

  @Test
  void shouldDeriveAnEmptyTitleFromTheBodyAndRejectAnItemWithNoText() throws Exception {
    String xml =
        Fixtures.rss2(
            Fixtures.rssItem(
                "e-1",
                "",
                "https://gazette.example/e1",
                null,
                "<p>One two three four five six seven eight nine ten eleven twelve thirteen.</p>"),
            Fixtures.rssItem("e-2", " ", "https://gazette.example/e2", null, ""));

    FeedParser.Parsed parsed =
        FeedParser.parse(
            xml.getBytes(StandardCharsets.UTF_8), null, GAZETTE, GAZETTE.url(), FETCHED);

    assertThat(parsed.items())
        .singleElement()
        .satisfies(
            item -> {
              assertThat(item.derivedTitle()).isTrue();
              assertThat(item.title())
                  .isEqualTo("One two three four five six seven eight nine ten eleven twelve …");
              assertThat(item.publishedAtFallback()).isEqualTo("fetched");
              assertThat(item.publishedAt()).isEqualTo(FETCHED);
            });
    assertThat(parsed.rejections())
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.position()).isEqualTo("item 2");
              assertThat(r.field()).isEqualTo("body");
              assertThat(new String(r.payload(), StandardCharsets.UTF_8))
                  .contains("gazette.example/e2");
            });
  }

  @Test
  void shouldReadOddDateFormats() throws Exception {
    String xml =
        Fixtures.rss2(
            Fixtures.rssItem("d-1", "Space", "https://g.example/1", "2026-11-18 14:05:00", "a"),
            Fixtures.rssItem("d-2", "Dots", "https://g.example/2", "18.11.2026 14:05", "b"),
            Fixtures.rssItem(
                "d-3", "Lower", "https://g.example/3", "wed, 18 nov 2026 14:05:00 GMT", "c"),
            Fixtures.rssItem("d-4", "Junk", "https://g.example/4", "sometime last week", "d"));

    List<FeedItem> items =
        FeedParser.parse(
                xml.getBytes(StandardCharsets.UTF_8), null, GAZETTE, GAZETTE.url(), FETCHED)
            .items();

    assertThat(items)
        .extracting(FeedItem::publishedAtFallback)
        .containsExactly(null, null, null, "fetched");
    assertThat(items.get(2).publishedAt()).isEqualTo(Instant.parse("2026-11-18T14:05:00Z"));
    assertThat(items.get(0).publishedAt()).isNotEqualTo(FETCHED);
    assertThat(items.get(1).publishedAt()).isNotEqualTo(FETCHED);
  }

  @Test
  void shouldCapOversizedBodies() throws Exception {
    String big = "<p>" + "word ".repeat(2000) + "</p>";
    String xml = Fixtures.rss2(Fixtures.rssItem("b-1", "Big", "https://g.example/big", null, big));
    FeedItem item =
        FeedParser.parse(
                xml.getBytes(StandardCharsets.UTF_8),
                null,
                GAZETTE,
                URI.create("https://g.example/"),
                FETCHED)
            .items()
            .get(0);

    Article article = item.toArticle(item.summary(), 1000);

    assertThat(article.truncated()).isTrue();
    assertThat(article.body().getBytes(StandardCharsets.UTF_8)).hasSizeLessThanOrEqualTo(1000);
  }
}
