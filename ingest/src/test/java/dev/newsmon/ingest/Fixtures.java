package dev.newsmon.ingest;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/** Feed documents written for the tests (invented outlets and events). */
final class Fixtures {
  private Fixtures() {}

  static String rss2(String... items) {
    return """
        <?xml version="1.0" encoding="UTF-8"?>
        <rss version="2.0">
          <channel>
            <title>Harbour Town Gazette</title>
            <link>https://gazette.example/</link>
            <description>Local news from a town that does not exist</description>
            <language>en-gb</language>
            %s
          </channel>
        </rss>
        """
        .formatted(String.join("\n", items));
  }

  static String rssItem(String guid, String title, String link, String pubDate, String html) {
    return """
        <item>
          <guid isPermaLink="false">%s</guid>
          <title>%s</title>
          <link>%s</link>
          %s
          <description><![CDATA[%s]]></description>
        </item>
        """
        .formatted(
            guid, title, link, pubDate == null ? "" : "<pubDate>" + pubDate + "</pubDate>", html);
  }

  static final String RSS2 =
      rss2(
          rssItem(
              "gz-1",
              "Ferry timetable changes for winter",
              "https://Gazette.example/news/ferry?utm_source=rss&id=7#top",
              "Fri, 20 Nov 2026 08:30:00 +0000",
              "<p>The harbour office moved the <b>last crossing</b> to six o'clock.</p>"
                  + "<script>track()</script><style>p{color:red}</style>"),
          rssItem(
              "gz-2",
              "Library opens a seed exchange",
              "https://gazette.example/news/seeds",
              "Fri, 20 Nov 2026 09:00:00 +0000",
              "<p>Gardeners may swap seeds on Saturdays.</p>"));

  static final String ATOM =
      """
      <?xml version="1.0" encoding="utf-8"?>
      <feed xmlns="http://www.w3.org/2005/Atom">
        <title>Valley Ledger</title>
        <id>urn:uuid:7d1f8a2e-valley-ledger</id>
        <updated>2026-11-20T10:00:00Z</updated>
        <link href="https://ledger.example/"/>
        <entry>
          <title type="html">Bridge &lt;em&gt;repairs&lt;/em&gt; finish early</title>
          <id>urn:ledger:entry:41</id>
          <link rel="alternate" href="/stories/bridge-repairs"/>
          <published>2026-11-19T16:45:00+01:00</published>
          <updated>2026-11-19T17:00:00+01:00</updated>
          <content type="html">&lt;p&gt;Crews reopened the east span two weeks ahead of plan.&lt;/p&gt;</content>
        </entry>
        <entry>
          <title>Orchard cooperative reports record pears</title>
          <id>urn:ledger:entry:42</id>
          <link rel="alternate" href="https://ledger.example/stories/pears"/>
          <updated>2026-11-20T09:15:00Z</updated>
          <summary>Members picked more fruit than in any season on file.</summary>
        </entry>
      </feed>
      """;

  /** A feed in windows-1251, declared in the XML prolog only. */
  static byte[] windows1251() {
    String xml =
        rss2(rssItem(
                "ru-1",
                "Новый мост через реку открыт",
                "https://vesti.example/most",
                "Fri, 20 Nov 2026 07:00:00 +0300",
                "<p>Движение по мосту началось утром.</p>"))
            .replace("encoding=\"UTF-8\"", "encoding=\"windows-1251\"")
            .replace("<language>en-gb</language>", "<language>ru</language>");
    return xml.getBytes(Charset.forName("windows-1251"));
  }

  /** A feed in ISO-8859-1, declared only in the HTTP Content-Type. */
  static byte[] latin1() {
    String xml =
        rss2(rssItem(
                "fr-1",
                "Fête du village: café gratuit",
                "https://village.example/fete",
                "Fri, 20 Nov 2026 07:00:00 +0100",
                "<p>Le maire a annoncé une journée très animée.</p>"))
            .replace("<?xml version=\"1.0\" encoding=\"UTF-8\"?>", "<?xml version=\"1.0\"?>");
    return xml.getBytes(StandardCharsets.ISO_8859_1);
  }

  /** Asks the parser to read a local file into the document. */
  static String xxe(java.nio.file.Path secret) {
    return """
        <?xml version="1.0" encoding="UTF-8"?>
        <!DOCTYPE rss [ <!ENTITY leak SYSTEM "%s"> ]>
        <rss version="2.0"><channel><title>Trap</title><link>https://trap.example/</link>
        <description>x</description>
        <item><title>&leak;</title><link>https://trap.example/1</link>
        <description>&leak;</description></item></channel></rss>
        """
        .formatted(secret.toUri());
  }

  static final String BILLION_LAUGHS =
      """
      <?xml version="1.0"?>
      <!DOCTYPE lolz [
       <!ENTITY lol "lol">
       <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
       <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
       <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
      ]>
      <rss version="2.0"><channel><title>&lol4;</title><link>https://lol.example/</link>
      <description>x</description></channel></rss>
      """;

  static final String MALFORMED =
      """
      <?xml version="1.0" encoding="UTF-8"?>
      <rss version="2.0"><channel><title>Broken</title>
      <item><title>Unclosed item<link>https://broken.example/1</link>
      </channel></rss>
      """;

  static final String OPML =
      """
      <?xml version="1.0" encoding="UTF-8"?>
      <opml version="2.0">
        <head><title>My subscriptions</title></head>
        <body>
          <outline text="Local">
            <outline type="rss" text="Gazette" title="Harbour Town Gazette" xmlUrl="%s"/>
          </outline>
          <outline type="rss" text="Ledger" xmlUrl="%s"/>
        </body>
      </opml>
      """;
}
