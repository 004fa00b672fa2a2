package dev.newsmon.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;

class HtmlTextTest {

  @Test
  void shouldDropScriptsAndStylesAndKeepParagraphs() {
    String html =
        "<style>.x{}</style><p>First <i>para</i>.</p><script>alert('x')</script>"
            + "<div>Second&nbsp;para<br>next line</div><noscript>enable js</noscript>";

    assertThat(HtmlText.toPlainText(html)).isEqualTo("First para.\n\nSecond para\nnext line");
  }

  @Test
  void shouldLeaveTextWithoutMarkupTidied() {
    assertThat(HtmlText.toPlainText("  plain   words \n\n\n\n more "))
        .isEqualTo("plain words\n\nmore");
  }

  @Test
  void shouldExtractTheArticleOfAPageWithoutItsChrome() {
    String page =
        """
        <html><head><title>Pears</title><script>var a=1;</script></head><body>
        <nav>Home | World | Sport</nav>
        <header>The Valley Ledger</header>
        <article><h1>Record pears</h1><p>The cooperative weighed its harvest on Monday.</p>
        <aside>Related: apples</aside><p>Prices are expected to fall.</p></article>
        <footer>Copyright nobody</footer></body></html>
        """;

    String text = HtmlText.mainText(page);

    assertThat(text).contains("Record pears", "weighed its harvest", "expected to fall");
    assertThat(text).doesNotContain("Home | World", "Copyright", "Related: apples", "var a");
  }

  @Test
  void shouldLeaveOutAHeadlineThatTheTitleAlreadyCarries() {
    String page =
        """
        <html><head><title>Talks resume | The Valley Ledger</title></head><body>
        <article><h1>Talks  Resume</h1><p>Envoys met again.</p><h1>Live updates</h1>
        <p>More later.</p></article></body></html>
        """;

    assertThat(HtmlText.mainText(page))
        .isEqualTo("Envoys met again.\n\nLive updates\n\nMore later.");
    // a title given by the caller (a feed item's) decides instead of the page's
    assertThat(HtmlText.mainText(Jsoup.parse(page), "Envoys return to the table"))
        .startsWith("Talks Resume\n\nEnvoys met again.");
  }

  @Test
  void shouldFallBackToTheDensestParagraphsWithoutAnArticleElement() {
    String page =
        "<body><div class=menu><p>Menu</p></div><div class=story><p>A long first paragraph of"
            + " the story.</p><p>And a second one.</p></div><footer><p>Legal</p></footer></body>";

    assertThat(HtmlText.mainText(page))
        .isEqualTo("A long first paragraph of the story.\n\nAnd a second one.");
  }
}
