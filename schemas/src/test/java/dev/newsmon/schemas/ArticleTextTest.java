package dev.newsmon.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;

class ArticleTextTest {

  @Test
  void shouldTakeTheFirstNonBlankLineOfATextFileAsTitle() {
    ArticleText.Page page =
        ArticleText.text("\r\n\r\n  Truce holds \r\nDay two.\r\nDay three.\r\n");

    assertThat(page)
        .isEqualTo(new ArticleText.Page(null, "Truce holds", "Day two.\nDay three.", null));
    assertThat(ArticleText.text("Only a title").body()).isEmpty();
  }

  @Test
  void shouldReadTitleMainTextCanonicalAddressAndDateOfAPage() {
    String html =
        """
        <html><head><title>Talks resume</title>
        <link rel="canonical" href="https://news.example/talks">
        <meta property="article:published_time" content="2025-03-12T10:00:00+01:00">
        <script>track()</script></head>
        <body><nav>Home | World</nav>
        <article><h1>Talks resume</h1><p>Envoys met in Riyadh.</p><p>They will meet again.</p>
        </article><footer>About us</footer></body></html>
        """;

    ArticleText.Page page = ArticleText.html(Jsoup.parse(html, "file:/tmp/page.html"));

    assertThat(page.url()).isEqualTo("https://news.example/talks");
    assertThat(page.title()).isEqualTo("Talks resume");
    assertThat(page.publishedAt()).isEqualTo(Instant.parse("2025-03-12T09:00:00Z"));
    assertThat(page.body())
        .contains("Envoys met in Riyadh.", "They will meet again.")
        .doesNotContain("Home", "About us", "track()")
        // the headline is the title; in the body too, its hits would count twice
        .doesNotContain("Talks resume");
  }

  @Test
  void shouldIgnoreARelativeCanonicalLinkAndFallBackToOgUrlH1AndTimeElement() {
    ArticleText.Page relative =
        ArticleText.html(
            Jsoup.parse("<link rel=canonical href=talks.html><p>Text.</p>", "file:/tmp/page.html"));
    assertThat(relative.url()).isNull();
    assertThat(relative.publishedAt()).isNull();

    ArticleText.Page og =
        ArticleText.html(
            Jsoup.parse(
                "<meta property=og:url content=https://news.example/og><h1>Headline</h1>"
                    + "<time datetime=2025-03-13T08:30:00Z>Thursday</time><p>Text.</p>",
                ""));
    assertThat(og.url()).isEqualTo("https://news.example/og");
    assertThat(og.title()).isEqualTo("Headline");
    assertThat(og.body()).doesNotContain("Headline").endsWith("Text.");
    assertThat(og.publishedAt()).isEqualTo(Instant.parse("2025-03-13T08:30:00Z"));
  }
}
