package dev.newsmon.schemas;

import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.Elements;
import org.jsoup.select.NodeTraversor;
import org.jsoup.select.NodeVisitor;

/**
 * HTML to plain text: scripts, styles and other non-text elements dropped, block elements kept as
 * paragraph breaks, whitespace collapsed. Also extracts the main text of a whole web page.
 */
public final class HtmlText {
  private static final String NOT_TEXT =
      "script, style, noscript, template, iframe, object, embed, svg, canvas, head";
  private static final String PAGE_CHROME = "nav, header, footer, aside, form, menu, dialog";
  private static final Pattern SPACES = Pattern.compile("[ \\t\\x0B\\f\\r\\u00A0]+");
  private static final Pattern BLANK_LINES = Pattern.compile("\\n{3,}");

  private HtmlText() {}

  /** Plain text of an HTML fragment or document; text without markup comes back tidied. */
  public static String toPlainText(String html) {
    if (html == null || html.isBlank()) {
      return "";
    }
    if (html.indexOf('<') < 0 && html.indexOf('&') < 0) {
      return tidy(html);
    }
    Document doc = Jsoup.parseBodyFragment(html);
    doc.select(NOT_TEXT).remove();
    return textOf(doc.body());
  }

  /**
   * The main text of a web page: the largest {@code <article>}, else {@code <main>}, else the
   * element holding the most paragraph text; navigation, headers, footers and asides left out.
   */
  public static String mainText(String html) {
    return mainText(Jsoup.parse(html));
  }

  /** As {@link #mainText(String)}, for a parsed page; the document is modified. */
  public static String mainText(Document doc) {
    return mainText(doc, title(doc));
  }

  /**
   * As {@link #mainText(Document)}, without the headline when {@code title} already carries it: the
   * first {@code <h1>} of the text goes when its words are part of {@code title}, as in "Talks
   * resume | News Example". Kept in the body too, every hit in the headline would count twice.
   */
  public static String mainText(Document doc, String title) {
    String headline = title == null ? "" : folded(title);
    Element best = mainElement(doc);
    Element h1 = (best == null ? doc.body() : best).selectFirst("h1");
    if (h1 != null && !folded(h1.text()).isEmpty() && headline.contains(folded(h1.text()))) {
      h1.remove();
    }
    return best == null ? textOf(doc.body()) : textOf(best);
  }

  private static String folded(String text) {
    return SPACES.matcher(text).replaceAll(" ").strip().toLowerCase(java.util.Locale.ROOT);
  }

  /** The element holding the page's main text, with the chrome removed; null for the body. */
  private static Element mainElement(Document doc) {
    doc.select(NOT_TEXT).remove();
    Element best = largest(doc.select("article"));
    if (best == null) {
      best = largest(doc.select("main, [role=main]"));
    }
    if (best == null) {
      doc.select(PAGE_CHROME).remove();
      best = densestParagraphParent(doc);
    } else {
      best.select(PAGE_CHROME).remove();
    }
    return best;
  }

  /** The title of a page: {@code <title>}, else the first {@code <h1>}. */
  public static String title(Document doc) {
    String title = doc.title();
    if (title.isBlank()) {
      Element h1 = doc.selectFirst("h1");
      title = h1 == null ? "" : h1.text();
    }
    return title.strip();
  }

  private static Element largest(Elements candidates) {
    Element best = null;
    int bestLength = 0;
    for (Element e : candidates) {
      int length = e.text().length();
      if (length > bestLength) {
        best = e;
        bestLength = length;
      }
    }
    return best;
  }

  private static Element densestParagraphParent(Document doc) {
    java.util.Map<Element, Integer> scores = new java.util.HashMap<>();
    for (Element p : doc.select("p")) {
      Element parent = p.parent();
      if (parent != null) {
        scores.merge(parent, p.text().length(), Integer::sum);
      }
    }
    return scores.entrySet().stream()
        .max(java.util.Map.Entry.comparingByValue())
        .map(java.util.Map.Entry::getKey)
        .orElse(null);
  }

  static String textOf(Element root) {
    StringBuilder out = new StringBuilder();
    NodeTraversor.traverse(
        new NodeVisitor() {
          @Override
          public void head(Node node, int depth) {
            if (node instanceof TextNode text) {
              out.append(text.getWholeText());
            } else if (node instanceof Element e) {
              if (e.normalName().equals("br")) {
                out.append('\n');
              } else if (e.isBlock()) {
                out.append("\n\n");
              }
            }
          }

          @Override
          public void tail(Node node, int depth) {
            if (node instanceof Element e && e.isBlock() && !e.normalName().equals("br")) {
              out.append("\n\n");
            }
          }
        },
        root);
    return tidy(out.toString());
  }

  /**
   * Collapses runs of spaces, trims every line, keeps at most one blank line between paragraphs.
   */
  static String tidy(String text) {
    String[] lines = SPACES.matcher(text).replaceAll(" ").split("\n", -1);
    StringBuilder out = new StringBuilder(text.length());
    for (String line : lines) {
      out.append(line.strip()).append('\n');
    }
    return BLANK_LINES.matcher(out).replaceAll("\n\n").strip();
  }
}
