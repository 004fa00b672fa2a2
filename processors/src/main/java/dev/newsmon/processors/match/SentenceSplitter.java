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

  private static final int LONGEST_ABBREVIATION =
      ABBREVIATIONS.stream().mapToInt(String::length).max().orElse(0);

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
    return bounds(chars(text), from, to, null, null, 0, 0);
  }

  private static char[] chars(CharSequence text) {
    return text.toString().toCharArray();
  }

  /**
   * As {@link #bounds(CharSequence, int, int)}, looking only between the words of {@code text}:
   * {@code [wordStart[k], wordEnd[k])} for {@code k} in {@code [firstWord, endWord)}, in order.
   * Every decision is taken at a line break or a terminator, and no word holds either, so skipping
   * the words changes nothing but the time it takes. The words must hold none of {@code \n . ! ?
   * \u2026}, nor white space. {@code text} is a {@code char[]}: the matcher keeps one of the field
   * it analysed, and reading it costs less than calls through {@code CharSequence}.
   */
  static int[] bounds(
      char[] text, int from, int to, int[] wordStart, int[] wordEnd, int firstWord, int endWord) {
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
      char c = text[i];
      int end = -1;
      int next = i + 1;
      if (c == '\n') {
        int after = skipSpace(text, i, n);
        boolean blankLine = holds(text, i + 1, after, '\n');
        if (after >= n || blankLine || startsSentence(text, after, n)) {
          end = i;
          next = after;
        }
      } else if (c == '.' || c == '!' || c == '?' || c == '\u2026') {
        int j = i + 1;
        while (j < n && isTerminatorOrCloser(text[j])) {
          j++;
        }
        if (j >= n || Character.isWhitespace(text[j])) {
          int after = skipSpace(text, j, n);
          if (after >= n || !continues(text, from, i, after, n)) {
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
  private static boolean continues(char[] text, int from, int dot, int nextWord, int to) {
    int first = Character.codePointAt(text, nextWord, to);
    if (Character.isLowerCase(first)) {
      return true;
    }
    if (text[dot] != '.') {
      return false;
    }
    int wordStart = dot;
    while (wordStart > from) {
      char p = text[wordStart - 1];
      if (Character.isLetterOrDigit(p) || p == '.') {
        wordStart--;
      } else {
        break;
      }
    }
    int length = dot - wordStart;
    if (length == 0) {
      return false;
    }
    char head = text[wordStart];
    if (length == 1 && Character.isLetter(head)) {
      return true; // an initial: J. Smith
    }
    if (holds(text, wordStart + 1, dot, '.') && Character.isLetter(head)) {
      return true; // U.S., a.m., e.g.
    }
    if (length <= 2 && Character.isDigit(head) && startsLine(text, from, wordStart)) {
      return true; // a numbered list item: "2. Talks resumed"
    }
    // most words before a period are longer than any abbreviation: no string for them
    return length <= LONGEST_ABBREVIATION
        && ABBREVIATIONS.contains(new String(text, wordStart, length));
  }

  private static boolean holds(char[] text, int from, int to, char c) {
    for (int i = from; i < to; i++) {
      if (text[i] == c) {
        return true;
      }
    }
    return false;
  }

  private static boolean startsLine(char[] text, int from, int at) {
    for (int i = at - 1; i >= from; i--) {
      char c = text[i];
      if (c == '\n') {
        return true;
      }
      if (!Character.isWhitespace(c)) {
        return false;
      }
    }
    return true;
  }

  private static boolean startsSentence(char[] text, int at, int to) {
    int cp = Character.codePointAt(text, at, to);
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

  private static int skipSpace(char[] text, int i, int to) {
    while (i < to && Character.isWhitespace(text[i])) {
      i++;
    }
    return i;
  }

  private static int trimEnd(char[] text, int start, int end) {
    while (end > start && Character.isWhitespace(text[end - 1])) {
      end--;
    }
    return end;
  }
}
