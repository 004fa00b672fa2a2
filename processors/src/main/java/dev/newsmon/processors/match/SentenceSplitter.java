package dev.newsmon.processors.match;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Cuts text into sentences for snippets and actor attribution. A sentence ends at {@code . ! ?} or
 * {@code …} (with any closing quotes and brackets) before white space, at a blank line, or at a
 * line break before a line that starts like a sentence. It does not end after an abbreviation or
 * initial ({@code Mr.}, {@code Gen.}, {@code St.}, {@code U.S.}, {@code a.m.}, {@code J. Smith})
 * nor before a lower-case word.
 */
public final class SentenceSplitter {

  /** Abbreviations that are followed by a name or number, not by the end of a sentence. */
  private static final Set<String> ABBREVIATIONS =
      Set.of(
          "Mr", "Mrs", "Ms", "Mx", "Dr", "Prof", "Gen", "Col", "Lt", "Maj", "Capt", "Cpt", "Sgt",
          "Cpl", "Adm", "Cmdr", "Brig", "Gov", "Sen", "Rep", "Rev", "Hon", "Pres", "Amb", "St",
          "Mt", "Ft", "Jr", "Sr", "Messrs", "Mme", "Mlle", "Inc", "Ltd", "Corp", "Bros", "No",
          "Nos", "Vol", "Art", "Sec", "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep",
          "Sept", "Oct", "Nov", "Dec", "vs", "approx", "cf", "al", "ca", "Ave", "Blvd", "Rd");

  private SentenceSplitter() {}

  /**
   * The sentences of {@code text} as {@code [start0, end0, start1, end1, ...]} offsets, trimmed of
   * white space, in order.
   */
  public static int[] bounds(CharSequence text) {
    return bounds(text, 0, text.length());
  }

  /**
   * The sentences of the region {@code [from, to)} of {@code text}, as {@link
   * #bounds(CharSequence)} gives them, with offsets in {@code text}. A region that starts and ends
   * at a blank line has exactly the sentences the whole text has there: a blank line always ends a
   * sentence, and no decision looks past one.
   */
  public static int[] bounds(CharSequence text, int from, int to) {
    return bounds(text, from, to, null, null, 0, 0);
  }

  /**
   * As {@link #bounds(CharSequence, int, int)}, looking only between the words of {@code text}:
   * {@code [wordStart[k], wordEnd[k])} for {@code k} in {@code [firstWord, endWord)}, in order.
   * Every decision is taken at a line break or a terminator, and no word holds either, so skipping
   * the words changes nothing but the time it takes. The words must hold none of {@code \n . ! ?
   * \u2026}, nor white space.
   */
  static int[] bounds(
      CharSequence text,
      int from,
      int to,
      int[] wordStart,
      int[] wordEnd,
      int firstWord,
      int endWord) {
    int n = to;
    int[] out = new int[16];
    int count = 0;
    int i = skipSpace(text, from, n);
    int start = i;
    int w = firstWord;
    while (w < endWord && wordEnd[w] <= i) {
      w++;
    }
    while (i < n) {
      if (w < endWord && wordStart[w] <= i) {
        i = Math.max(i, wordEnd[w++]);
        continue;
      }
      char c = text.charAt(i);
      int end = -1;
      int next = i + 1;
      if (c == '\n') {
        int after = skipSpace(text, i, n);
        boolean blankLine = text.subSequence(i + 1, after).toString().contains("\n");
        if (after >= n || blankLine || startsSentence(text, after)) {
          end = i;
          next = after;
        }
      } else if (c == '.' || c == '!' || c == '?' || c == '\u2026') {
        int j = i + 1;
        while (j < n && isTerminatorOrCloser(text.charAt(j))) {
          j++;
        }
        if (j >= n || Character.isWhitespace(text.charAt(j))) {
          int after = skipSpace(text, j, n);
          if (after >= n || !continues(text, from, i, after)) {
            end = j;
            next = after;
          }
        }
        if (end < 0) {
          next = j;
        }
      }
      if (end >= 0) {
        int trimmed = trimEnd(text, start, end);
        if (trimmed > start) {
          if (count + 2 > out.length) {
            out = java.util.Arrays.copyOf(out, out.length * 2);
          }
          out[count++] = start;
          out[count++] = trimmed;
        }
        start = next;
      }
      i = next;
    }
    int trimmed = trimEnd(text, start, n);
    if (trimmed > start) {
      if (count + 2 > out.length) {
        out = java.util.Arrays.copyOf(out, out.length + 2);
      }
      out[count++] = start;
      out[count++] = trimmed;
    }
    return java.util.Arrays.copyOf(out, count);
  }

  /**
   * Where the paragraphs of {@code text} start: 0, then the first line break of every blank line.
   * Splitting each paragraph alone gives the same sentences as splitting the whole text, so a
   * caller that needs the sentence around one place splits only that paragraph.
   */
  public static int[] paragraphs(String text) {
    int[] out = new int[8];
    int count = 0;
    out[count++] = 0;
    int n = text.length();
    int i = text.indexOf('\n');
    while (i >= 0) {
      int j = i + 1;
      boolean blank = false;
      while (j < n && Character.isWhitespace(text.charAt(j))) {
        if (text.charAt(j) == '\n') {
          blank = true;
        }
        j++;
      }
      if (blank && j < n) {
        if (count == out.length) {
          out = java.util.Arrays.copyOf(out, count * 2);
        }
        out[count++] = i;
      }
      i = j < n ? text.indexOf('\n', j) : -1;
    }
    return java.util.Arrays.copyOf(out, count);
  }

  /** The sentences of {@code text}, as strings. */
  public static List<String> sentences(String text) {
    int[] b = bounds(text);
    List<String> out = new ArrayList<>(b.length / 2);
    for (int k = 0; k < b.length; k += 2) {
      out.add(text.substring(b[k], b[k + 1]));
    }
    return out;
  }

  /**
   * True when the terminator at {@code dot} does not end the sentence: the next word starts in
   * lower case, or the period closes an abbreviation or an initial.
   */
  private static boolean continues(CharSequence text, int from, int dot, int nextWord) {
    int first = Character.codePointAt(text, nextWord);
    if (Character.isLowerCase(first)) {
      return true;
    }
    if (text.charAt(dot) != '.') {
      return false;
    }
    int wordStart = dot;
    while (wordStart > from) {
      char p = text.charAt(wordStart - 1);
      if (Character.isLetterOrDigit(p) || p == '.') {
        wordStart--;
      } else {
        break;
      }
    }
    String word = text.subSequence(wordStart, dot).toString();
    if (word.isEmpty()) {
      return false;
    }
    if (word.length() == 1 && Character.isLetter(word.charAt(0))) {
      return true; // an initial: J. Smith
    }
    if (word.indexOf('.') > 0 && Character.isLetter(word.charAt(0))) {
      return true; // U.S., a.m., e.g.
    }
    if (word.length() <= 2
        && Character.isDigit(word.charAt(0))
        && startsLine(text, from, wordStart)) {
      return true; // a numbered list item: "2. Talks resumed"
    }
    return ABBREVIATIONS.contains(word);
  }

  private static boolean startsLine(CharSequence text, int from, int at) {
    for (int i = at - 1; i >= from; i--) {
      char c = text.charAt(i);
      if (c == '\n') {
        return true;
      }
      if (!Character.isWhitespace(c)) {
        return false;
      }
    }
    return true;
  }

  private static boolean startsSentence(CharSequence text, int at) {
    int cp = Character.codePointAt(text, at);
    return !Character.isLowerCase(cp);
  }

  private static boolean isTerminatorOrCloser(char c) {
    return c == '.'
        || c == '!'
        || c == '?'
        || c == '\u2026'
        || c == '"'
        || c == '\''
        || c == '\u201D'
        || c == '\u2019'
        || c == '\u00BB'
        || c == ')'
        || c == ']';
  }

  private static int skipSpace(CharSequence text, int i, int to) {
    while (i < to && Character.isWhitespace(text.charAt(i))) {
      i++;
    }
    return i;
  }

  private static int trimEnd(CharSequence text, int start, int end) {
    while (end > start && Character.isWhitespace(text.charAt(end - 1))) {
      end--;
    }
    return end;
  }
}
