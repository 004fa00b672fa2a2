package dev.newsmon.processors.match;

import dev.newsmon.schemas.Article;
import dev.newsmon.schemas.Mention;
import dev.newsmon.schemas.Snippet;
import dev.newsmon.schemas.watchlist.Actor;
import dev.newsmon.schemas.watchlist.Rule;
import dev.newsmon.schemas.watchlist.Watchlist;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Matches articles against a compiled watchlist: article in, one {@link Mention} per matching rule
 * out (in watchlist order), with the cost and any per-rule errors in a {@link MatchResult}.
 *
 * <p>How, in the manner of Lucene's monitor but over an index of our own: every distinct word
 * (stemmed) and prefix of every query is an <em>atom</em> with an id. Each rule's query is reduced
 * to clauses of atoms that must all be met, each by any one of its atoms ({@code a NEAR/3 (b OR c)}
 * needs {@code a} and one of {@code b, c}; NOTs need nothing). The rule is indexed under its rarest
 * clause, by {@link TermFrequencies}; the other clauses are checked before the rule is verified. An
 * article is analysed once, with the same {@link NewsAnalyzer} as the queries, into token positions
 * and a postings list per atom (terms by a hash lookup of the stem, prefixes by hashing the folded
 * token's leading substrings in a {@link PrefixSet}, so prefixes cost little more than terms; a
 * {@link StartGate} first turns away the tokens that start as no term or prefix does, and common
 * words inside phrases are checked by position rather than looked up). Only rules indexed under an
 * atom that occurs, and whose clauses are met, are verified against those postings. Per-article
 * work scales with the article and its candidates, not with the number of rules; scratch space is
 * per thread and reused.
 *
 * <p>With 100,000 rules the index is megabytes, far larger than the CPU's caches, and most of the
 * time goes to waiting on memory. So each step reads ahead for the whole article before it works:
 * all keys are gathered first and looked up as one {@link LookupBatch}, all candidate atoms' lists
 * are touched before they are scanned, and all candidates' queries before they are verified. Reads
 * that do not depend on each other then miss the cache together instead of one after another. The
 * queries are compiled to one array of ints rather than kept as trees of objects, so that a
 * candidate's query is one miss, not a chain of them.
 *
 * <p>Immutable and thread-safe.
 */
public final class ArticleMatcher {

  private static final int TITLE = 0;
  private static final int BODY = 1;

  private final List<Rule> rules;
  private final TermDictionary terms;
  private final PrefixSet prefixes;
  private final StartGate gate;
  private final PlainTokenGate plainGate;
  private final int termCount;
  private final int atomCount;

  /**
   * Per atom, from {@code atomEntryStart[a]} to {@code atomEntryStart[a + 1]}: the rules indexed
   * under it, each as its id ({@link #SHARED} set when it is indexed under several atoms), the
   * length of its other required clauses, then those clauses (each its length and its atoms). The
   * prefilter reads an atom's rules and their clauses in one sequential run instead of jumping to
   * per-rule arrays: with 100,000 rules those jumps are cache misses.
   */
  private final int[] atomEntryStart;

  private final int[] atomEntries;

  private static final int SHARED = 1 << 31;

  private final int[] alwaysCandidates;

  private final List<Actor> actors;

  private final ThreadLocal<Scratch> scratch;

  /**
   * Every compiled query (and actor alias) as one run of ints, each node {@code [op, end,
   * operands...]} with its children after it: a candidate's whole query lies in one or two cache
   * lines, read with one miss, where a tree of node objects is a chain of misses across the heap.
   */
  private final int[] code;

  /** Where rule r's query starts in {@link #code}. */
  private final int[] ruleCode;

  /** Per actor, where each of its aliases, matched as a phrase, starts in {@link #code}. */
  private final int[][] aliasCode;

  /** The packed words that checked phrase slots compare tokens with; 0 for other slots. */
  private final long[] checkedWords;

  private static final int OP_ATOM = 0;
  private static final int OP_PHRASE = 1;
  private static final int OP_NEAR = 2;
  private static final int OP_AND = 3;
  private static final int OP_OR = 4;
  private static final int OP_NOT = 5;

  private ArticleMatcher(Compiler c, Watchlist watchlist) {
    this.rules = watchlist.rules();
    this.termCount = c.termList.size();
    this.atomCount = termCount + c.prefixList.size();
    this.terms = new TermDictionary(c.termList);
    this.prefixes = new PrefixSet(c.prefixList);
    List<String> gatedTerms = c.gatedTerms();
    this.gate = new StartGate(gatedTerms, c.prefixList);
    this.plainGate = new PlainTokenGate(gatedTerms, c.prefixList);
    int ruleCount = c.clauses.size();
    int[] sizes = new int[atomCount + 1];
    List<Integer> always = new ArrayList<>();
    int[][] rest = new int[ruleCount][];
    for (int r = 0; r < ruleCount; r++) {
      List<int[]> clauses = c.clauses.get(r);
      if (clauses.isEmpty()) {
        always.add(r);
        continue;
      }
      int length = 0;
      for (int k = 1; k < clauses.size(); k++) {
        length += 1 + clauses.get(k).length;
      }
      rest[r] = new int[length];
      int at = 0;
      for (int k = 1; k < clauses.size(); k++) {
        int[] clause = clauses.get(k);
        rest[r][at++] = clause.length;
        for (int atom : clause) {
          rest[r][at++] = atom;
        }
      }
      for (int atom : clauses.get(0)) {
        sizes[atom + 1] += 2 + length;
      }
    }
    for (int a = 0; a < atomCount; a++) {
      sizes[a + 1] += sizes[a];
    }
    this.atomEntryStart = sizes;
    this.atomEntries = new int[sizes[atomCount]];
    int[] fill = Arrays.copyOf(sizes, atomCount);
    for (int r = 0; r < ruleCount; r++) {
      List<int[]> clauses = c.clauses.get(r);
      if (clauses.isEmpty()) {
        continue;
      }
      int[] first = clauses.get(0);
      for (int atom : first) {
        int at = fill[atom];
        atomEntries[at] = first.length > 1 ? r | SHARED : r;
        atomEntries[at + 1] = rest[r].length;
        System.arraycopy(rest[r], 0, atomEntries, at + 2, rest[r].length);
        fill[atom] = at + 2 + rest[r].length;
      }
    }
    this.alwaysCandidates = always.stream().mapToInt(Integer::intValue).toArray();
    this.actors = watchlist.actors();
    Encoder encoder = new Encoder();
    this.ruleCode = new int[c.nodes.size()];
    for (int r = 0; r < ruleCode.length; r++) {
      ruleCode[r] = encoder.encode(c.nodes.get(r));
    }
    this.aliasCode = new int[c.aliases.length][];
    for (int a = 0; a < c.aliases.length; a++) {
      aliasCode[a] = new int[c.aliases[a].length];
      for (int i = 0; i < c.aliases[a].length; i++) {
        aliasCode[a][i] = encoder.encode(c.aliases[a][i]);
      }
    }
    this.code = encoder.code();
    this.checkedWords = encoder.checked();
    this.scratch = ThreadLocal.withInitial(() -> new Scratch(atomCount, rules.size()));
  }

  /** Lays node trees out in one int array, depth first. */
  private static final class Encoder {
    private int[] code = new int[1024];
    private int size;
    private long[] checked = new long[16];
    private int checkedSize;

    int[] code() {
      return Arrays.copyOf(code, size);
    }

    long[] checked() {
      return Arrays.copyOf(checked, checkedSize);
    }

    private int add(int value) {
      if (size == code.length) {
        code = Arrays.copyOf(code, size * 2);
      }
      code[size] = value;
      return size++;
    }

    /** Appends {@code node}; returns where it starts. */
    int encode(Node node) {
      int at = add(0);
      add(0); // end, once known
      if (node instanceof AtomNode a) {
        code[at] = OP_ATOM;
        add(a.atom);
      } else if (node instanceof PhraseNode ph) {
        code[at] = OP_PHRASE;
        int n = ph.atoms.length;
        add(n);
        int first = -1;
        if (ph.checked != null) {
          first = checkedSize;
          for (long word : ph.checked) {
            if (checkedSize == checked.length) {
              checked = Arrays.copyOf(checked, checkedSize * 2);
            }
            checked[checkedSize++] = word;
          }
        }
        add(first);
        for (int atom : ph.atoms) {
          add(atom);
        }
        for (boolean prefix : ph.prefix) {
          add(prefix ? 1 : 0);
        }
      } else if (node instanceof NearNode nn) {
        code[at] = OP_NEAR;
        add(nn.distance);
        int right = add(0);
        encode(nn.left);
        int rightStart = encode(nn.right); // before the store: encoding may grow the array
        code[right] = rightStart;
      } else if (node instanceof Compound compound) {
        code[at] = node instanceof AndNode ? OP_AND : OP_OR;
        for (Node clause : compound.clauses) {
          encode(clause);
        }
      } else {
        code[at] = OP_NOT;
        encode(((NotNode) node).clause);
      }
      code[at + 1] = size;
      return at;
    }
  }

  /**
   * Whether the node at {@code pc} matches, pushing the spans of its hits ((first << 32) | last,
   * token indices) onto the scratch stack; on false it leaves the stack as it found it.
   */
  private boolean collect(int pc, Scratch s) {
    int[] code = this.code;
    switch (code[pc]) {
      case OP_ATOM:
        {
          int local = s.local(code[pc + 2]);
          if (local < 0) {
            return false;
          }
          int from = s.localStart[local];
          for (int i = from; i < from + s.localCount[local]; i++) {
            int t = s.postings[i];
            s.push(span(t, t));
          }
          return true;
        }
      case OP_PHRASE:
        return collectPhrase(pc, s);
      case OP_NEAR:
        return collectNear(pc, s);
      case OP_AND:
        {
          int mark = s.top;
          int end = code[pc + 1];
          for (int c = pc + 2; c < end; c = code[c + 1]) {
            if (!collect(c, s)) {
              s.top = mark;
              return false;
            }
          }
          return true;
        }
      case OP_OR:
        {
          int mark = s.top;
          boolean any = false;
          int end = code[pc + 1];
          for (int c = pc + 2; c < end; c = code[c + 1]) {
            any |= collect(c, s);
          }
          if (s.top - mark > 1) {
            s.top = mark + sortUnique(s.spans, mark, s.top);
          }
          return any;
        }
      default:
        return !matches(pc + 2, s);
    }
  }

  /** Whether the node at {@code pc} matches, leaving nothing on the stack. */
  private boolean matches(int pc, Scratch s) {
    int[] code = this.code;
    switch (code[pc]) {
      case OP_ATOM:
        {
          int atom = code[pc + 2];
          return (s.occurs[atom >>> 6] & (1L << atom)) != 0;
        }
      case OP_OR:
        {
          int end = code[pc + 1];
          for (int c = pc + 2; c < end; c = code[c + 1]) {
            if (matches(c, s)) {
              return true;
            }
          }
          return false;
        }
      default:
        {
          int mark = s.top;
          boolean matched = collect(pc, s);
          s.top = mark;
          return matched;
        }
    }
  }

  /**
   * A phrase: {@code [op, end, n, firstChecked, atoms[n], prefix[n]]}. A slot holding a very common
   * word may be checked by position, against {@code checkedWords[firstChecked + slot]}.
   */
  private boolean collectPhrase(int pc, Scratch s) {
    int[] code = this.code;
    int n = code[pc + 2];
    int firstChecked = code[pc + 3];
    int atoms = pc + 4;
    int prefixes = atoms + n;
    int driver = 0;
    int driverLocal = -1;
    int fewest = Integer.MAX_VALUE;
    for (int j = 0; j < n; j++) {
      if (firstChecked >= 0 && checkedWords[firstChecked + j] != 0) {
        continue;
      }
      int local = s.local(code[atoms + j]);
      if (local < 0) {
        return false;
      }
      if (s.localCount[local] < fewest) {
        fewest = s.localCount[local];
        driver = j;
        driverLocal = local;
      }
    }
    int mark = s.top;
    int from = s.localStart[driverLocal];
    int to = from + fewest;
    for (int i = from; i < to; i++) {
      int first = s.postings[i] - driver;
      int last = first + n - 1;
      if (first < 0 || last >= s.tokenCount || s.field(first) != s.field(last)) {
        continue;
      }
      boolean all = true;
      for (int j = 0; j < n && all; j++) {
        if (j == driver) {
          continue;
        }
        long word = firstChecked >= 0 ? checkedWords[firstChecked + j] : 0;
        all =
            word != 0
                ? s.packedStem(first + j) == word
                : s.has(first + j, code[atoms + j], code[prefixes + j] != 0);
      }
      if (all) {
        s.push(span(first, last));
      }
    }
    return s.top > mark;
  }

  /** {@code [op, end, distance, right, left..., right...]}: both sides within distance. */
  private boolean collectNear(int pc, Scratch s) {
    int[] code = this.code;
    int distance = code[pc + 2];
    int mark = s.top;
    if (!collect(pc + 4, s)) {
      return false;
    }
    int leftEnd = s.top;
    if (!collect(code[pc + 3], s)) {
      s.top = mark;
      return false;
    }
    int rightEnd = s.top;
    s.top = leftEnd + sortUnique(s.spans, leftEnd, rightEnd);
    rightEnd = s.top;
    for (int i = mark; i < leftEnd; i++) {
      long l = s.spans[i];
      int lFirst = (int) (l >>> 32);
      int lLast = (int) l;
      int field = s.field(lFirst);
      for (int j = leftEnd; j < rightEnd; j++) {
        long r = s.spans[j];
        int rFirst = (int) (r >>> 32);
        int rLast = (int) r;
        if (rFirst > lLast + distance + 1) {
          break; // sorted by start: the rest are further away
        }
        int gap;
        if (rFirst > lLast) {
          gap = rFirst - lLast - 1;
        } else if (lFirst > rLast) {
          gap = lFirst - rLast - 1;
        } else {
          continue; // overlapping spans are one place, not two near each other
        }
        if (gap <= distance && s.field(rFirst) == field) {
          s.push(span(Math.min(lFirst, rFirst), Math.max(lLast, rLast)));
        }
      }
    }
    int found = s.top - rightEnd;
    System.arraycopy(s.spans, rightEnd, s.spans, mark, found);
    s.top = mark + found;
    return found > 0;
  }

  /**
   * Compiles every rule's query.
   *
   * @throws WatchlistException listing every rule whose query does not parse
   */
  public static ArticleMatcher compile(Watchlist watchlist) {
    return compile(watchlist, TermFrequencies.englishPrior());
  }

  /**
   * Compiles every rule's query, indexing each rule under the words {@code frequencies} says are
   * rarest.
   *
   * @throws WatchlistException listing every rule whose query does not parse
   */
  public static ArticleMatcher compile(Watchlist watchlist, TermFrequencies frequencies) {
    Compiler c = new Compiler(frequencies);
    List<String> errors = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    List<Query> queries = new ArrayList<>(watchlist.rules().size());
    for (Rule rule : watchlist.rules()) {
      if (rule.id() == null || !ids.add(rule.id())) {
        errors.add("rule '" + rule.id() + "': missing or duplicate rule id");
      }
      try {
        Query query = QueryParser.parse(rule.query());
        c.register(query);
        queries.add(query);
      } catch (QueryParseException e) {
        for (QueryError error : e.errors()) {
          errors.add("rule '" + rule.id() + "': query at " + error);
        }
      }
    }
    if (!errors.isEmpty()) {
      throw new WatchlistException("(rules given to the matcher)", errors);
    }
    c.registerActors(watchlist.actors());
    c.weighAtoms();
    c.compileAliases();
    for (Query query : queries) {
      Node node = c.compile(query);
      c.nodes.add(node);
      c.clauses.add(c.ruleClauses(node));
    }
    return new ArticleMatcher(c, watchlist);
  }

  /** How many rules were compiled. */
  public int ruleCount() {
    return rules.size();
  }

  /**
   * Matches one article.
   *
   * @param detectedAt when the match is made, stamped on every mention
   */
  public MatchResult match(Article article, Instant detectedAt) {
    long started = System.nanoTime();
    Scratch s = scratch.get();
    s.reset(article);
    analyse(s, article.title());
    s.keepTitle();
    analyse(s, article.body());
    lookUpKeys(s);
    s.buildPostings();
    int candidates = selectCandidates(s);
    List<Mention> mentions = new ArrayList<>();
    List<MatchResult.RuleError> errors = new ArrayList<>();
    int matched = 0;
    // each candidate's query starts somewhere in megabytes of code, and the rule a mention copies
    // is
    // a few objects in the heap: touch them all first, so that their cache misses overlap instead
    // of stalling verification one at a time
    int warm = 0;
    for (int k = 0; k < candidates; k++) {
      int r = s.candidates[k];
      warm += code[ruleCode[r]] + rules.get(r).id().length();
    }
    s.sink += warm;
    for (int k = 0; k < candidates; k++) {
      int r = s.candidates[k];
      try {
        s.top = 0;
        if (collect(ruleCode[r], s) && s.top > 0) {
          int hits = sortUnique(s.spans, 0, s.top);
          mentions.add(mention(s, article, rules.get(r), hits, detectedAt));
          s.candidates[matched++] = r; // keeps the rule of each mention for ordering
        }
      } catch (RuntimeException e) {
        errors.add(new MatchResult.RuleError(rules.get(r).id(), String.valueOf(e.getMessage())));
      }
    }
    s.article = null;
    Arrays.fill(s.snippets, null); // the article's text is not kept alive between articles
    return new MatchResult(
        article.id(),
        inRuleOrder(mentions, s.candidates, matched),
        rules.size(),
        candidates,
        System.nanoTime() - started,
        errors);
  }

  /**
   * Mentions in watchlist order: candidates come in the order of their atoms, so sort the few that
   * matched.
   */
  private static List<Mention> inRuleOrder(List<Mention> mentions, int[] ruleOf, int n) {
    if (n < 2) {
      return mentions;
    }
    long[] keyed = new long[n];
    for (int i = 0; i < n; i++) {
      keyed[i] = ((long) ruleOf[i] << 32) | i;
    }
    Arrays.sort(keyed);
    List<Mention> sorted = new ArrayList<>(n);
    for (long k : keyed) {
      sorted.add(mentions.get((int) k));
    }
    return sorted;
  }

  /**
   * Cuts {@code text} into tokens and {@link #lookUp looks up} those the start gate lets through.
   */
  private void analyse(Scratch s, String text) {
    FoldedTokens tokens = s.tokens;
    tokens.reset(text);
    if (text.isEmpty()) {
      return;
    }
    // only finding the tokens the gate turns away pays when they are most tokens (a small
    // watchlist); when most pass, asking the gate before cutting them is one step too many
    int first = s.tokenCount;
    int passed = 0;
    if (s.gatePassed < s.gateAsked / 2) {
      TokenBounds bounds = tokens.bounds();
      int[] starts = bounds.starts;
      int[] ends = bounds.ends;
      for (int k = 0, count = bounds.count; k < count; k++) {
        int end = ends[k];
        // a plain token is asked by its first bytes, before it is cut; any other once folded
        if (end >= 0 && !plainGate.mayStart(bounds.key(k))) {
          s.addToken(starts[k], end);
        } else if (tokens.cutAt(starts[k])) {
          passed += addCut(s, tokens);
        }
      }
    } else {
      while (tokens.next()) {
        passed += addCut(s, tokens);
      }
    }
    s.gateAsked += s.tokenCount - first;
    s.gatePassed += passed;
  }

  /**
   * Adds the current token of {@code tokens} and {@link #lookUp looks it up} when the start gate
   * lets it through; 1 when it did, else 0.
   */
  private int addCut(Scratch s, FoldedTokens tokens) {
    int t = s.addToken(tokens.start, tokens.end);
    if (!gate.mayMatch(tokens.head)) {
      return 0;
    }
    lookUp(s, t, tokens);
    return 1;
  }

  /**
   * Gathers the keys of token {@code t}, the current one of {@code tokens}: its leading substrings
   * that may be prefixes, and its stem when the term dictionary's filter lets it through. A term
   * dictionary small enough for the caches is looked up at once instead.
   */
  private void lookUp(Scratch s, int t, FoldedTokens tokens) {
    long head = tokens.head;
    int len = tokens.length;
    char[] buf = tokens.buffer;
    // before stemming: prefixes match the whole word
    prefixes.probe(buf, len, head, t, s.prefixKeys);
    int stemmed = PluralPossessiveFilter.stem(buf, len);
    long packed = TermDictionary.packStem(head, buf, stemmed);
    int hash = TermDictionary.hash(packed, buf, 0, stemmed);
    if (!terms.large()) {
      int atom = terms.get(packed, buf, 0, stemmed, hash);
      if (atom >= 0) {
        s.termAtom[t] = atom;
        s.addOccurrence(atom, t);
      }
    } else if (terms.mayContain(hash)) {
      LookupBatch termKeys = s.termKeys;
      if (packed != TermDictionary.NOT_PACKED) {
        termKeys.add(t, packed, hash);
      } else {
        termKeys.add(t, termKeys.addChars(buf, stemmed), stemmed, hash);
      }
    }
  }

  /**
   * Looks up the article's keys, all at once so that the dictionaries' cache misses overlap, and
   * records every occurrence of an atom. Each batch is in token order, so each atom's occurrences
   * arrive in token order.
   */
  private void lookUpKeys(Scratch s) {
    LookupBatch prefixKeys = s.prefixKeys;
    prefixes.resolve(prefixKeys);
    for (int k = 0; k < prefixKeys.count; k++) {
      int id = prefixKeys.id[k];
      if (id >= 0) {
        s.addOccurrence(termCount + id, prefixKeys.token[k]);
      }
    }
    LookupBatch termKeys = s.termKeys;
    terms.resolve(termKeys);
    for (int k = 0; k < termKeys.count; k++) {
      int atom = termKeys.id[k];
      if (atom >= 0) {
        int t = termKeys.token[k];
        s.termAtom[t] = atom;
        s.addOccurrence(atom, t);
      }
    }
  }

  /**
   * Marks the rules indexed under the atoms that occur and keeps those whose other required clauses
   * are met too; returns how many.
   */
  private int selectCandidates(Scratch s) {
    int stamp = ++s.stamp;
    int n = 0;
    int[] entries = atomEntries;
    long[] occurs = s.occurs;
    int touched = s.touchedCount;
    int[] listStart = s.listStart(touched);
    int[] listEnd = s.listEnd;
    // every atom's list lies somewhere else in megabytes of entries: read where each starts, then
    // each one's first entry, so that the cache misses of all lists overlap. Most atoms that occur
    // index no rule (they are some rule's other clause): their lists are empty and not read
    int lists = 0;
    for (int k = 0; k < touched; k++) {
      int atom = s.touched[k];
      int start = atomEntryStart[atom];
      int end = atomEntryStart[atom + 1];
      listStart[lists] = start;
      listEnd[lists] = end;
      lists += end > start ? 1 : 0;
    }
    int any = 0;
    for (int k = 0; k < lists; k++) {
      any |= entries[listStart[k]];
    }
    s.sink = any;
    for (int k = 0; k < lists; k++) {
      int end = listEnd[k];
      for (int i = listStart[k]; i < end; ) {
        int rule = entries[i];
        int restEnd = i + 2 + entries[i + 1];
        boolean met = clausesMet(entries, i + 2, restEnd, occurs);
        i = restEnd;
        if (!met) {
          continue;
        }
        if (rule < 0) {
          rule &= ~SHARED;
          if (s.ruleStamp[rule] == stamp) {
            continue; // already a candidate through another atom of its first clause
          }
          s.ruleStamp[rule] = stamp;
        }
        n = s.addCandidate(n, rule);
      }
    }
    for (int r : alwaysCandidates) {
      n = s.addCandidate(n, r);
    }
    return n;
  }

  /**
   * The first {@code n} of {@code items} as an immutable list, without the two copies of {@code
   * List.copyOf(arrayList)}: a large watchlist makes dozens of mentions per article.
   */
  private static List<Snippet> immutable(Snippet[] items, int n) {
    return switch (n) {
      case 0 -> List.of();
      case 1 -> List.of(items[0]);
      case 2 -> List.of(items[0], items[1]);
      case 3 -> List.of(items[0], items[1], items[2]);
      default -> List.of(Arrays.copyOf(items, n));
    };
  }

  /** Whether every clause in {@code entries[from, to)} has an atom that occurs. */
  private static boolean clausesMet(int[] entries, int from, int to, long[] occurs) {
    for (int c = from; c < to; ) {
      int next = c + 1 + entries[c];
      boolean met = false;
      for (int i = c + 1; i < next && !met; i++) {
        int atom = entries[i];
        met = (occurs[atom >>> 6] & (1L << atom)) != 0;
      }
      if (!met) {
        return false;
      }
      c = next;
    }
    return true;
  }

  private Mention mention(Scratch s, Article article, Rule rule, int hits, Instant detectedAt) {
    Snippet[] snippets = s.snippets;
    int quoted = 0;
    int lastSentence = -1;
    boolean[] named = s.named(actors.size());
    boolean anyActors = aliasCode.length > 0;
    for (int k = 0; k < hits && (anyActors || quoted < Mention.MAX_SNIPPETS); k++) {
      long span = s.spans[k];
      int first = (int) (span >>> 32);
      int last = (int) span;
      int sentence = s.sentenceOf(first);
      // a phrase or NEAR may run on into the next sentence: the snippet quotes every sentence the
      // hit touches, so that the hit lies within the quoted text
      int endSentence = s.sentenceOf(last);
      if (anyActors) {
        s.nameActors(this, sentence, endSentence, first, named);
      }
      if (sentence != lastSentence && quoted < Mention.MAX_SNIPPETS) {
        lastSentence = sentence;
        boolean inTitle = first < s.titleTokens;
        String text = inTitle ? article.title() : article.body();
        int from = s.sentenceStart[sentence];
        int to = s.sentenceEnd[endSentence];
        int hitStart = s.tokenStart[first];
        int hitEnd = s.tokenEnd[last];
        String sentenceText;
        if (to - from <= Snippet.MAX_TEXT) {
          sentenceText =
              endSentence == sentence ? s.sentenceText(sentence, text) : text.substring(from, to);
        } else {
          // a run-on "sentence" would put kilobytes into every mention: keep the hit's surroundings
          int room = Math.max(0, Snippet.MAX_TEXT - (hitEnd - hitStart));
          from = Math.max(from, hitStart - room / 2);
          to = Math.min(to, Math.max(hitEnd, from + Snippet.MAX_TEXT));
          from = Math.max(s.sentenceStart[sentence], Math.min(from, to - Snippet.MAX_TEXT));
          if (from > 0 && Character.isLowSurrogate(text.charAt(from))) {
            from++;
          }
          if (to < text.length() && Character.isLowSurrogate(text.charAt(to))) {
            to--;
          }
          sentenceText = text.substring(from, to);
        }
        snippets[quoted++] =
            new Snippet(
                inTitle ? Snippet.TITLE : Snippet.BODY, sentenceText, hitStart, hitEnd, from);
      }
    }
    List<String> ids = List.of();
    Set<String> parties = Set.of();
    for (int a = 0; a < actors.size(); a++) {
      if (named[a]) {
        if (ids.isEmpty()) {
          ids = new ArrayList<>();
          parties = new LinkedHashSet<>();
        }
        Actor actor = actors.get(a);
        ids.add(actor.id());
        if (actor.party() != null) {
          parties.add(actor.party());
        }
      }
    }
    return new Mention(
        Mention.SCHEMA_VERSION,
        article.id(),
        rule.id(),
        rule.label(),
        rule.category(),
        rule.party(),
        hits,
        ids,
        parties.isEmpty() ? List.of() : List.copyOf(parties),
        immutable(snippets, quoted),
        article.title(),
        article.publishedAt(),
        article.source(),
        article.url(),
        detectedAt);
  }

  /** Sorts {@code a[from, to)} and removes duplicates; returns the count left at {@code from}. */
  static int sortUnique(long[] a, int from, int to) {
    if (to - from < 2) {
      return to - from;
    }
    Arrays.sort(a, from, to);
    int w = from + 1;
    for (int i = from + 1; i < to; i++) {
      if (a[i] != a[w - 1]) {
        a[w++] = a[i];
      }
    }
    return w - from;
  }

  private static long span(int first, int last) {
    return ((long) first << 32) | (last & 0xFFFFFFFFL);
  }

  // ---------------------------------------------------------------------------------------------
  // Per-thread scratch: one article's tokens and postings, reused so matching allocates little.

  private final class Scratch {
    final FoldedTokens tokens = new FoldedTokens();
    final LookupBatch termKeys = new LookupBatch();
    final LookupBatch prefixKeys = new LookupBatch();
    Article article;
    int tokenCount;
    int titleTokens;
    int[] tokenStart = new int[1024];
    int[] tokenEnd = new int[1024];
    int[] termAtom = new int[1024];

    /** The title's characters: the tokens' array holds the body's once it is analysed. */
    char[] titleChars = new char[256];

    int titleLength;

    /** Tokens analysed on this thread, and how many of them the start gate let through. */
    long gateAsked;

    long gatePassed;

    /** Cuts a token again where it is needed whole after it was turned away. */
    private final FoldedTokens recut = new FoldedTokens();

    int occCount;
    int[] occLocal = new int[2048];
    int[] occToken = new int[2048];

    /** One bit per atom that occurs: the prefilter's view, small enough to stay in cache. */
    final long[] occurs;

    /*
     * The atoms that occur get local numbers in the order they first occur, and their counts and
     * postings are kept by that number: per-atom arrays as long as the watchlist's atoms would be
     * read at random and miss the cache on every occurrence once there are 100,000 rules.
     */
    int[] touched = new int[256];
    int[] localCount = new int[256];
    int[] localStart = new int[256];
    int touchedCount;

    /** Atom to local number: open addressing on {@code atom + 1}, 0 marking a free slot. */
    int[] slotAtom = new int[1024];

    int[] slotLocal = new int[1024];
    int[] localSlot = new int[256];

    int[] postings = new int[2048];

    final int[] ruleStamp;
    int stamp;
    int[] candidates = new int[256];

    int[] listStart = new int[256];
    int[] listEnd = new int[256];

    /** Keeps the reads that only warm the cache from being optimised away. */
    int sink;

    long[] spans = new long[1024];
    int top;

    /*
     * Sentences, cut on first need piece by piece: piece 0 is the title, then each paragraph of the
     * body (a paragraph cuts alone exactly as within the whole text). Cutting looks only between
     * the tokens. Sentence k runs from sentenceStart[k] to sentenceEnd[k] in its field, and
     * tokenSentence[t] is the sentence that holds token t, once its piece is cut.
     */
    int[] bodyParagraphs;
    boolean[] pieceSplit = new boolean[64];
    int sentenceCount;
    int[] sentenceStart = new int[64];
    int[] sentenceEnd = new int[64];

    /** Sentence k's text once a mention quoted it whole: mentions of one article share it. */
    String[] sentenceText = new String[64];

    int[] tokenSentence = new int[1024];

    /** Where actors' aliases occur: first token and actor, found on the first mention. */
    boolean aliasesReady;

    int aliasCount;
    int[] aliasToken = new int[16];
    int[] aliasActor = new int[16];
    boolean[] named = new boolean[0];

    /** The snippets of the mention being built. */
    final Snippet[] snippets = new Snippet[Mention.MAX_SNIPPETS];

    Scratch(int atoms, int rules) {
      occurs = new long[(atoms + 63) >>> 6];
      ruleStamp = new int[rules];
    }

    void reset(Article a) {
      article = a;
      for (int k = 0; k < touchedCount; k++) {
        occurs[touched[k] >>> 6] = 0;
        slotAtom[localSlot[k]] = 0;
        localCount[k] = 0;
      }
      touchedCount = 0;
      termKeys.clear();
      prefixKeys.clear();
      tokenCount = 0;
      titleTokens = 0;
      occCount = 0;
      bodyParagraphs = null;
      pieceSplit[0] = false;
      Arrays.fill(sentenceText, 0, sentenceCount, null);
      sentenceCount = 0;
      aliasesReady = false;
    }

    int addToken(int start, int end) {
      if (tokenCount == tokenStart.length) {
        int n = tokenCount * 2;
        tokenStart = Arrays.copyOf(tokenStart, n);
        tokenEnd = Arrays.copyOf(tokenEnd, n);
        termAtom = Arrays.copyOf(termAtom, n);
        tokenSentence = new int[n]; // filled only once all tokens are cut
      }
      tokenStart[tokenCount] = start;
      tokenEnd[tokenCount] = end;
      termAtom[tokenCount] = -1;
      return tokenCount++;
    }

    /** Ends the title's tokens and keeps its characters, before the body is analysed. */
    void keepTitle() {
      titleTokens = tokenCount;
      titleLength = article.title().length();
      if (titleChars.length < titleLength) {
        titleChars = new char[Math.max(titleLength, titleChars.length * 2)];
      }
      System.arraycopy(tokens.chars(), 0, titleChars, 0, titleLength);
    }

    /**
     * Token {@code t}'s stem {@link TermDictionary#pack packed}, or {@link
     * TermDictionary#NOT_PACKED}: the token is cut again from its field, since most tokens were
     * only found.
     */
    long packedStem(int t) {
      boolean inTitle = t < titleTokens;
      boolean cut =
          recut.cutAt(
              inTitle ? titleChars : tokens.chars(),
              inTitle ? titleLength : article.body().length(),
              tokenStart[t]);
      int length = recut.length;
      if (!cut || length > TermDictionary.MAX_PACKED) {
        return TermDictionary.NOT_PACKED;
      }
      char[] buf = recut.buffer;
      return TermDictionary.pack(buf, 0, PluralPossessiveFilter.stem(buf, length));
    }

    void addOccurrence(int atom, int token) {
      if (occCount == occLocal.length) {
        occLocal = Arrays.copyOf(occLocal, occCount * 2);
        occToken = Arrays.copyOf(occToken, occCount * 2);
      }
      int local;
      if ((occurs[atom >>> 6] & (1L << atom)) == 0) {
        occurs[atom >>> 6] |= 1L << atom;
        local = newLocal(atom);
      } else {
        local = localOf(atom);
      }
      occLocal[occCount] = local;
      occToken[occCount++] = token;
      localCount[local]++;
    }

    private int newLocal(int atom) {
      int local = touchedCount++;
      if (local == touched.length) {
        int n = local * 2;
        touched = Arrays.copyOf(touched, n);
        localCount = Arrays.copyOf(localCount, n);
        localStart = Arrays.copyOf(localStart, n);
        localSlot = Arrays.copyOf(localSlot, n);
      }
      if (touchedCount * 2 > slotAtom.length) {
        rehash(slotAtom.length * 2);
      }
      touched[local] = atom;
      insert(atom, local);
      return local;
    }

    private void insert(int atom, int local) {
      int mask = slotAtom.length - 1;
      int slot = mix(atom) & mask;
      while (slotAtom[slot] != 0) {
        slot = (slot + 1) & mask;
      }
      slotAtom[slot] = atom + 1;
      slotLocal[slot] = local;
      localSlot[local] = slot;
    }

    private void rehash(int capacity) {
      slotAtom = new int[capacity];
      slotLocal = new int[capacity];
      for (int k = 0; k < touchedCount - 1; k++) {
        insert(touched[k], k);
      }
    }

    private static int mix(int atom) {
      return (atom * 0x9E3779B1) >>> 7;
    }

    /** The local number of an atom that occurs. */
    private int localOf(int atom) {
      int mask = slotAtom.length - 1;
      int slot = mix(atom) & mask;
      int key = atom + 1;
      int k;
      while ((k = slotAtom[slot]) != key) {
        if (k == 0) {
          return -1;
        }
        slot = (slot + 1) & mask;
      }
      return slotLocal[slot];
    }

    /** The local number of {@code atom}, or -1 when it does not occur. */
    int local(int atom) {
      return (occurs[atom >>> 6] & (1L << atom)) == 0 ? -1 : localOf(atom);
    }

    /** Lays the occurrences out as one sorted postings list per atom (a counting sort). */
    void buildPostings() {
      if (postings.length < occCount) {
        postings = new int[occCount * 2];
      }
      int offset = 0;
      for (int k = 0; k < touchedCount; k++) {
        localStart[k] = offset;
        offset += localCount[k];
      }
      // occurrences arrive in token order, so each list fills sorted
      for (int i = 0; i < occCount; i++) {
        postings[localStart[occLocal[i]]++] = occToken[i];
      }
      for (int k = 0; k < touchedCount; k++) {
        localStart[k] -= localCount[k];
      }
    }

    int field(int token) {
      return token < titleTokens ? TITLE : BODY;
    }

    /** True when {@code token} is an occurrence of {@code atom}. */
    boolean has(int token, int atom, boolean prefix) {
      if (!prefix) {
        return termAtom[token] == atom;
      }
      int local = local(atom);
      if (local < 0) {
        return false;
      }
      int from = localStart[local];
      return Arrays.binarySearch(postings, from, from + localCount[local], token) >= 0;
    }

    int[] listStart(int n) {
      if (listStart.length < n) {
        listStart = new int[Math.max(n, listStart.length * 2)];
        listEnd = new int[listStart.length];
      }
      return listStart;
    }

    int addCandidate(int n, int rule) {
      if (n == candidates.length) {
        candidates = Arrays.copyOf(candidates, n * 2);
      }
      candidates[n] = rule;
      return n + 1;
    }

    void push(long span) {
      if (top == spans.length) {
        spans = Arrays.copyOf(spans, top * 2);
      }
      spans[top++] = span;
    }

    /** The sentence that holds {@code token}. */
    int sentenceOf(int token) {
      int piece = 0;
      if (token >= titleTokens) {
        if (bodyParagraphs == null) {
          bodyParagraphs = SentenceSplitter.paragraphs(article.body());
          int n = bodyParagraphs.length + 1;
          if (pieceSplit.length < n) {
            pieceSplit = new boolean[Math.max(n, pieceSplit.length * 2)];
          }
          Arrays.fill(pieceSplit, 1, n, false);
        }
        int k = Arrays.binarySearch(bodyParagraphs, tokenStart[token]);
        piece = 1 + (k >= 0 ? k : -k - 2);
      }
      if (!pieceSplit[piece]) {
        split(piece);
      }
      return tokenSentence[token];
    }

    private void split(int piece) {
      pieceSplit[piece] = true;
      char[] text;
      int from;
      int to;
      int first;
      int end;
      if (piece == 0) {
        text = titleChars;
        from = 0;
        to = titleLength;
        first = 0;
        end = titleTokens;
      } else {
        text = tokens.chars(); // the body, analysed last
        from = bodyParagraphs[piece - 1];
        to = piece < bodyParagraphs.length ? bodyParagraphs[piece] : article.body().length();
        first = firstTokenFrom(from);
        end = firstTokenFrom(to);
      }
      int[] bounds = SentenceSplitter.bounds(text, from, to, tokenStart, tokenEnd, first, end);
      int count = bounds.length / 2;
      if (sentenceCount + count > sentenceStart.length) {
        int n = Math.max(sentenceStart.length * 2, sentenceCount + count);
        sentenceStart = Arrays.copyOf(sentenceStart, n);
        sentenceEnd = Arrays.copyOf(sentenceEnd, n);
        sentenceText = Arrays.copyOf(sentenceText, n);
      }
      int base = sentenceCount;
      for (int k = 0; k < count; k++) {
        sentenceStart[base + k] = bounds[2 * k];
        sentenceEnd[base + k] = bounds[2 * k + 1];
      }
      sentenceCount += count;
      // a token lies in the last sentence that starts at or before it
      int k = 0;
      for (int t = first; t < end; t++) {
        while (k + 1 < count && bounds[2 * (k + 1)] <= tokenStart[t]) {
          k++;
        }
        tokenSentence[t] = base + k;
      }
    }

    String sentenceText(int sentence, String field) {
      String text = sentenceText[sentence];
      if (text == null) {
        text = field.substring(sentenceStart[sentence], sentenceEnd[sentence]);
        sentenceText[sentence] = text;
      }
      return text;
    }

    /** The first body token that starts at or after {@code offset}, or the token count. */
    private int firstTokenFrom(int offset) {
      int k = Arrays.binarySearch(tokenStart, titleTokens, tokenCount, offset);
      return k >= 0 ? k : -k - 1;
    }

    boolean[] named(int actors) {
      if (named.length < actors) {
        named = new boolean[actors];
      }
      Arrays.fill(named, false);
      return named;
    }

    /**
     * Marks the actors named in the sentences from {@code firstSentence} to {@code lastSentence} of
     * the field that holds {@code token}.
     */
    void nameActors(
        ArticleMatcher m, int firstSentence, int lastSentence, int token, boolean[] out) {
      if (!aliasesReady) {
        findAliases(m);
      }
      int field = field(token);
      int from = sentenceStart[firstSentence];
      int to = sentenceEnd[lastSentence];
      for (int i = 0; i < aliasCount; i++) {
        int t = aliasToken[i];
        if (field(t) == field && tokenStart[t] >= from && tokenStart[t] < to) {
          out[aliasActor[i]] = true;
        }
      }
    }

    private void findAliases(ArticleMatcher m) {
      aliasesReady = true;
      aliasCount = 0;
      // above the spans of the mention being made, which are left as they are
      int mark = top;
      for (int a = 0; a < m.aliasCode.length; a++) {
        for (int alias : m.aliasCode[a]) {
          if (!m.collect(alias, this)) {
            continue;
          }
          for (int k = mark; k < top; k++) {
            if (aliasCount == aliasToken.length) {
              aliasToken = Arrays.copyOf(aliasToken, aliasCount * 2);
              aliasActor = Arrays.copyOf(aliasActor, aliasCount * 2);
            }
            aliasToken[aliasCount] = (int) (spans[k] >>> 32);
            aliasActor[aliasCount++] = a;
          }
          top = mark;
        }
      }
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Compiled query nodes: the tree the compiler weighs and indexes, then lays out as code.

  private abstract static class Node {}

  private static final class AtomNode extends Node {
    final int atom;

    AtomNode(int atom) {
      this.atom = atom;
    }
  }

  /**
   * A phrase. A slot holding a very common word (of, the) may be checked by position instead: its
   * {@code checked} key is the word {@link TermDictionary#pack packed}, and the token at that
   * position is compared with it. Such a word needs no postings, so the start gate can turn its
   * tokens away before they are stemmed and looked up.
   */
  private static final class PhraseNode extends Node {
    final int[] atoms;
    final boolean[] prefix;

    /** Per slot: 0, or the packed word a checked slot compares tokens with; null when none is. */
    final long[] checked;

    PhraseNode(int[] atoms, boolean[] prefix, long[] checked) {
      this.atoms = atoms;
      this.prefix = prefix;
      this.checked = Arrays.stream(checked).allMatch(k -> k == 0) ? null : checked;
    }

    boolean isChecked(int slot) {
      return checked != null && checked[slot] != 0;
    }
  }

  private static final class NearNode extends Node {
    final Node left;
    final Node right;
    final int distance;

    NearNode(Node left, Node right, int distance) {
      this.left = left;
      this.right = right;
      this.distance = distance;
    }
  }

  /** A node over several clauses. */
  private abstract static class Compound extends Node {
    final Node[] clauses;

    Compound(Node[] clauses) {
      this.clauses = clauses;
    }
  }

  private static final class AndNode extends Compound {
    AndNode(Node[] clauses) {
      super(clauses);
    }
  }

  private static final class OrNode extends Compound {
    OrNode(Node[] clauses) {
      super(clauses);
    }
  }

  private static final class NotNode extends Node {
    final Node clause;

    NotNode(Node clause) {
      this.clause = clause;
    }
  }

  // ---------------------------------------------------------------------------------------------

  /**
   * Turns queries into nodes over atom ids, and picks each rule's presearch atoms. Terms get ids
   * {@code [0, termCount)} and prefixes {@code [termCount, atomCount)}, so every word is {@link
   * #register registered} (queries and actor aliases) before any node is built.
   */
  private static final class Compiler {
    final Map<String, Integer> termIds = new HashMap<>();
    final Map<String, Integer> prefixIds = new HashMap<>();
    final List<String> termList = new ArrayList<>();
    final List<String> prefixList = new ArrayList<>();
    final List<Node> nodes = new ArrayList<>();
    final List<List<int[]>> clauses = new ArrayList<>();
    final TermFrequencies frequencies;
    double[] frequency;

    /** Per actor, per alias, its terms; compiled to phrases once the atoms are weighed. */
    int[][][] aliasTerms = new int[0][][];

    Compiler(TermFrequencies frequencies) {
      this.frequencies = frequencies;
    }

    int term(String folded) {
      return termIds.computeIfAbsent(
          PluralPossessiveFilter.stem(folded),
          k -> {
            termList.add(k);
            return termList.size() - 1;
          });
    }

    int prefix(String folded) {
      int index =
          prefixIds.computeIfAbsent(
              folded,
              k -> {
                prefixList.add(k);
                return prefixList.size() - 1;
              });
      return termList.size() + index;
    }

    void register(Query q) {
      if (q instanceof Query.Term t) {
        term(t.text());
      } else if (q instanceof Query.Prefix p) {
        prefixIds.computeIfAbsent(
            p.prefix(),
            k -> {
              prefixList.add(k);
              return prefixList.size() - 1;
            });
      } else if (q instanceof Query.Phrase ph) {
        ph.slots().forEach(this::register);
      } else if (q instanceof Query.Near n) {
        register(n.left());
        register(n.right());
      } else if (q instanceof Query.And a) {
        a.clauses().forEach(this::register);
      } else if (q instanceof Query.Or o) {
        o.clauses().forEach(this::register);
      } else {
        register(((Query.Not) q).clause());
      }
    }

    void registerActors(List<Actor> actors) {
      aliasTerms = new int[actors.size()][][];
      for (int a = 0; a < actors.size(); a++) {
        aliasTerms[a] =
            actors.get(a).aliases().stream()
                .map(NewsAnalyzer::foldedTokens)
                .filter(tokens -> !tokens.isEmpty())
                .map(tokens -> tokens.stream().mapToInt(this::term).toArray())
                .toArray(int[][]::new);
      }
    }

    /** Per actor, its aliases as phrases of their terms. */
    PhraseNode[][] aliases;

    void compileAliases() {
      aliases = new PhraseNode[aliasTerms.length][];
      for (int a = 0; a < aliases.length; a++) {
        aliases[a] =
            Arrays.stream(aliasTerms[a])
                .map(atoms -> phrase(atoms, new boolean[atoms.length]))
                .toArray(PhraseNode[]::new);
      }
    }

    Node compile(Query q) {
      if (q instanceof Query.Term t) {
        return new AtomNode(used(term(t.text())));
      }
      if (q instanceof Query.Prefix p) {
        return new AtomNode(used(prefix(p.prefix())));
      }
      if (q instanceof Query.Phrase ph) {
        List<Query> slots = ph.slots();
        int[] atoms = new int[slots.size()];
        boolean[] isPrefix = new boolean[slots.size()];
        for (int j = 0; j < atoms.length; j++) {
          if (slots.get(j) instanceof Query.Prefix p) {
            atoms[j] = prefix(p.prefix());
            isPrefix[j] = true;
          } else {
            atoms[j] = term(((Query.Term) slots.get(j)).text());
          }
        }
        return phrase(atoms, isPrefix);
      }
      if (q instanceof Query.Near n) {
        return new NearNode(compile(n.left()), compile(n.right()), n.distance());
      }
      if (q instanceof Query.And a) {
        return new AndNode(a.clauses().stream().map(this::compile).toArray(Node[]::new));
      }
      if (q instanceof Query.Or o) {
        return new OrNode(o.clauses().stream().map(this::compile).toArray(Node[]::new));
      }
      return new NotNode(compile(((Query.Not) q).clause()));
    }

    /**
     * A phrase of {@code atoms}: its rarest slot is looked up, and each other slot holding a common
     * word is checked by position.
     */
    private PhraseNode phrase(int[] atoms, boolean[] isPrefix) {
      int rarest = 0;
      for (int j = 1; j < atoms.length; j++) {
        rarest = frequency[atoms[j]] < frequency[atoms[rarest]] ? j : rarest;
      }
      long[] checked = new long[atoms.length];
      for (int j = 0; j < atoms.length; j++) {
        checked[j] = j == rarest || isPrefix[j] ? 0 : checkedKey(atoms[j]);
        if (checked[j] == 0) {
          used(atoms[j]);
        }
      }
      return new PhraseNode(atoms, isPrefix, checked);
    }

    /**
     * Words at least this frequent are checked by position in a phrase that has a rarer word, as
     * {@link TermFrequencies#englishPrior} rates its common words.
     */
    private static final double CHECKED_FREQUENCY = 0.5;

    /**
     * The longest word checked by position: with its longest suffix ({@code 's} then {@code es}) it
     * still packs whole, so a token whose stem it is has a whole packed head.
     */
    private static final int CHECKED_MAX_LENGTH = TermDictionary.MAX_PACKED - 4;

    /** Atoms some query or alias needs postings of: the rest are only checked by position. */
    final java.util.BitSet postingsUsed = new java.util.BitSet();

    int used(int atom) {
      postingsUsed.set(atom);
      return atom;
    }

    /** The packed term a phrase slot of this atom is checked by, or 0 when it needs postings. */
    private long checkedKey(int atom) {
      String word = termList.get(atom);
      long packed = TermDictionary.pack(word.toCharArray(), 0, word.length());
      return frequency[atom] >= CHECKED_FREQUENCY
              && word.length() <= CHECKED_MAX_LENGTH
              && packed != TermDictionary.NOT_PACKED
          ? packed
          : 0;
    }

    /** The terms whose tokens the start gate must let through: all but those only checked. */
    List<String> gatedTerms() {
      List<String> gated = new ArrayList<>();
      for (int a = 0; a < termList.size(); a++) {
        if (postingsUsed.get(a)) {
          gated.add(termList.get(a));
        }
      }
      return gated;
    }

    /** Caps the clauses kept per rule; the rarest are kept. */
    private static final int MAX_CLAUSES = 6;

    void weighAtoms() {
      int terms = termList.size();
      frequency = new double[terms + prefixList.size()];
      for (int a = 0; a < frequency.length; a++) {
        frequency[a] =
            a < terms
                ? frequencies.frequency(termList.get(a), false)
                : frequencies.frequency(prefixList.get(a - terms), true);
      }
    }

    /**
     * The rule's required atoms as clauses that must all be met (each by any one of its atoms),
     * rarest first: the first is what the rule is indexed under, the rest are checked before the
     * rule is verified. Empty when nothing can be required (only NOTs).
     */
    List<int[]> ruleClauses(Node node) {
      List<int[]> clauses = new ArrayList<>(clauses(node));
      clauses.sort(java.util.Comparator.comparingDouble(this::cost));
      List<int[]> distinct = new ArrayList<>();
      for (int[] clause : clauses) {
        if (distinct.stream().noneMatch(d -> Arrays.equals(d, clause))) {
          distinct.add(clause);
        }
      }
      return distinct.size() > MAX_CLAUSES ? distinct.subList(0, MAX_CLAUSES) : distinct;
    }

    private List<int[]> clauses(Node node) {
      if (node instanceof AtomNode a) {
        return List.of(new int[] {a.atom});
      }
      if (node instanceof PhraseNode ph) {
        List<int[]> out = new ArrayList<>();
        for (int j = 0; j < ph.atoms.length; j++) {
          if (!ph.isChecked(j)) {
            out.add(new int[] {ph.atoms[j]});
          }
        }
        return out;
      }
      if (node instanceof NearNode n) {
        List<int[]> out = new ArrayList<>(clauses(n.left));
        out.addAll(clauses(n.right));
        return out;
      }
      if (node instanceof AndNode a) {
        List<int[]> out = new ArrayList<>();
        for (Node c : a.clauses) {
          out.addAll(clauses(c));
        }
        return out;
      }
      if (node instanceof OrNode o) {
        // one atom from each branch must occur; a branch that needs several clauses contributes
        // the one that adds least, counting atoms other branches already bring as free
        List<List<int[]>> branches = new ArrayList<>();
        for (Node c : o.clauses) {
          List<int[]> cl = clauses(c);
          if (cl.isEmpty()) {
            return List.of();
          }
          branches.add(cl);
        }
        java.util.TreeSet<Integer> union = new java.util.TreeSet<>();
        branches.stream().filter(b -> b.size() == 1).forEach(b -> addAll(union, b.get(0)));
        for (List<int[]> b : branches) {
          if (b.size() > 1) {
            int[] best = b.get(0);
            for (int[] clause : b) {
              if (marginalCost(clause, union) < marginalCost(best, union)) {
                best = clause;
              }
            }
            addAll(union, best);
          }
        }
        return List.of(union.stream().mapToInt(Integer::intValue).toArray());
      }
      return List.of(); // NOT: absence cannot be looked up
    }

    private static void addAll(java.util.Set<Integer> set, int[] atoms) {
      for (int atom : atoms) {
        set.add(atom);
      }
    }

    private double marginalCost(int[] clause, java.util.Set<Integer> have) {
      double sum = 0;
      for (int atom : clause) {
        sum += have.contains(atom) ? 0 : frequency[atom];
      }
      return sum;
    }

    /** Expected share of articles holding any atom of the clause. */
    private double cost(int[] clause) {
      double sum = 0;
      for (int atom : clause) {
        sum += frequency[atom];
      }
      return sum;
    }
  }
}
