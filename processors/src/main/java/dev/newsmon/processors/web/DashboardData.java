package dev.newsmon.processors.web;

import dev.newsmon.schemas.Alert;
import dev.newsmon.schemas.Json;
import dev.newsmon.schemas.Mention;
import dev.newsmon.schemas.RuleCount;
import dev.newsmon.schemas.Topics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.NavigableSet;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the dashboard shows, held in memory: alerts, mentions and rule counts read from {@code
 * newsmon.alerts}, {@code newsmon.mentions} and {@code newsmon.rule-counts}.
 *
 * <p>{@link #start} reads them with a plain {@link KafkaConsumer} that assigns itself every
 * partition (no consumer group, {@code read_committed}, from the beginning), so each dashboard sees
 * everything no matter how many processor instances share the work. Buffers are bounded: the newest
 * {@link Limits#alerts} alerts by {@link #NEWEST_LAST}, {@link Limits#mentionsPerRule} mentions per
 * rule and {@link Limits#windowsPerRule} windows per rule and window size. What is kept depends on
 * the records, not on the order partitions are read in, so dashboards that have read the same
 * records show the same thing. Records that cannot be read are logged with topic, partition and
 * offset and counted in {@code newsmon.dashboard.records.skipped}.
 *
 * <p>Thread-safe: one consumer thread writes, HTTP threads read.
 */
public final class DashboardData implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(DashboardData.class);
  private static final Duration POLL = Duration.ofMillis(200);
  private static final Duration RETRY_ASSIGN = Duration.ofSeconds(2);

  /**
   * Alerts oldest first: by {@code detectedAt} (event time, see the README), then {@code
   * windowStart}, then {@code alertId} so that no two alerts tie. The page's feed sorts by the same
   * keys ({@code newestFirst} in {@code dashboard/app.js}): change both together.
   */
  static final Comparator<Alert> NEWEST_LAST =
      Comparator.comparing(Alert::detectedAt)
          .thenComparing(Alert::windowStart)
          .thenComparing(Alert::alertId);

  /** Buffer sizes. */
  public record Limits(int alerts, int mentionsPerRule, int windowsPerRule, int seenMentions) {
    public Limits {
      if (alerts < 1 || mentionsPerRule < 1 || windowsPerRule < 1 || seenMentions < 1) {
        throw new IllegalArgumentException("dashboard limits must be positive");
      }
    }

    public static Limits defaults() {
      return new Limits(500, 50, 24 * 60, 500_000);
    }
  }

  /** One cell of the who-demands-what matrix: how many distinct articles tie a party to a rule. */
  public record Cell(String party, String ruleId, int articles, int byRuleParty, int byActors) {}

  private final Limits limits;
  private final Counter alertsRead;
  private final Counter mentionsRead;
  private final Counter countsRead;
  private final MeterRegistry registry;

  // Ordered by the alerts' own times: partitions are read one after another after a restart, so
  // arrival order says nothing about which alerts are newest.
  private final NavigableSet<Alert> alerts = new TreeSet<>(NEWEST_LAST);
  private final Set<String> alertIds = new HashSet<>();
  private final Map<String, Deque<Mention>> mentionsByRule = new HashMap<>();
  private final Set<String> seenMentions = new LinkedHashSet<>();
  // party -> rule -> article ids, split by how the party was tied to the demand
  private final Map<String, Map<String, Set<String>>> viaRuleParty = new TreeMap<>();
  private final Map<String, Map<String, Set<String>>> viaActors = new TreeMap<>();
  private final Map<String, Map<Duration, NavigableMap<Instant, RuleCount>>> counts =
      new HashMap<>();
  private final List<Consumer<Alert>> alertListeners = new CopyOnWriteArrayList<>();

  private volatile Thread poller;
  private volatile KafkaConsumer<byte[], byte[]> consumer;
  private volatile boolean closed;

  public DashboardData(Limits limits, MeterRegistry registry) {
    this.limits = limits;
    this.registry = registry;
    this.alertsRead = read(registry, "alerts");
    this.mentionsRead = read(registry, "mentions");
    this.countsRead = read(registry, "rule-counts");
  }

  private static Counter read(MeterRegistry registry, String kind) {
    return Counter.builder("newsmon.dashboard.records")
        .description("Records the dashboard has read, by kind")
        .tag("kind", kind)
        .register(registry);
  }

  /**
   * Starts reading the three topics from the beginning on a daemon thread.
   *
   * @param clientProperties connection settings (bootstrap servers, security); group and offset
   *     settings are set here
   */
  public synchronized void start(Properties clientProperties, Topics topics) {
    if (poller != null) {
      throw new IllegalStateException("already started");
    }
    Properties props = new Properties();
    props.putAll(clientProperties);
    props.remove(ConsumerConfig.GROUP_ID_CONFIG);
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    props.putIfAbsent(ConsumerConfig.CLIENT_ID_CONFIG, "newsmon-dashboard");
    KafkaConsumer<byte[], byte[]> c =
        new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    consumer = c;
    KafkaClientMetrics clientMetrics = new KafkaClientMetrics(c);
    clientMetrics.bindTo(registry);
    Thread t =
        new Thread(
            () -> {
              try {
                poll(c, topics);
              } finally {
                clientMetrics.close();
              }
            },
            "newsmon-dashboard-consumer");
    t.setDaemon(true);
    poller = t;
    t.start();
  }

  private void poll(KafkaConsumer<byte[], byte[]> c, Topics topics) {
    List<String> names =
        List.of(topics.alerts().name(), topics.mentions().name(), topics.ruleCounts().name());
    try (c) {
      List<TopicPartition> assigned = List.of();
      long nextAssign = 0;
      while (!closed) {
        if (System.nanoTime() >= nextAssign) {
          // Topics may be created after the dashboard starts, and partitions added later.
          List<TopicPartition> all = partitions(c, names);
          if (!all.equals(assigned)) {
            List<TopicPartition> added = new ArrayList<>(all);
            added.removeAll(assigned);
            c.assign(all);
            c.seekToBeginning(added);
            assigned = all;
            log.info("Dashboard reading {} partitions of {}", all.size(), names);
          }
          nextAssign = System.nanoTime() + RETRY_ASSIGN.toNanos() * (all.size() < 3 ? 1 : 15);
        }
        if (assigned.isEmpty()) {
          Thread.sleep(POLL.toMillis());
          continue;
        }
        for (ConsumerRecord<byte[], byte[]> r : c.poll(POLL)) {
          accept(topics, r);
        }
      }
    } catch (WakeupException e) {
      if (!closed) {
        log.error("Dashboard consumer woken up unexpectedly", e);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      log.error("Dashboard consumer stopped; the dashboard no longer updates", e);
    }
  }

  private static List<TopicPartition> partitions(KafkaConsumer<?, ?> c, List<String> names) {
    List<TopicPartition> all = new ArrayList<>();
    for (String name : names) {
      List<PartitionInfo> infos = c.partitionsFor(name, Duration.ofSeconds(5));
      if (infos != null) {
        infos.forEach(p -> all.add(new TopicPartition(p.topic(), p.partition())));
      }
    }
    all.sort(Comparator.comparing(TopicPartition::topic).thenComparing(TopicPartition::partition));
    return all;
  }

  private void accept(Topics topics, ConsumerRecord<byte[], byte[]> r) {
    if (r.value() == null) {
      return; // a tombstone on the compacted counts topic: nothing to show
    }
    try {
      if (r.topic().equals(topics.alerts().name())) {
        accept(Json.read(r.value(), Alert.class));
      } else if (r.topic().equals(topics.mentions().name())) {
        accept(Json.read(r.value(), Mention.class));
      } else {
        accept(Json.read(r.value(), RuleCount.class));
      }
    } catch (java.io.IOException | RuntimeException e) {
      String reason = Json.reason(e);
      log.warn(
          "Dashboard skipped record {}-{}@{}: {}", r.topic(), r.partition(), r.offset(), reason);
      registry.counter("newsmon.dashboard.records.skipped", "topic", r.topic()).increment();
    }
  }

  /**
   * Adds an alert to the newest {@link Limits#alerts}, evicting the oldest by {@link #NEWEST_LAST}.
   * Listeners hear of it, in arrival order, if it was kept: not if its id is already held, nor if
   * it is older than every alert of a full buffer.
   */
  public void accept(Alert alert) {
    synchronized (this) {
      if (alertIds.contains(alert.alertId())) {
        return;
      }
      alertsRead.increment();
      alerts.add(alert);
      alertIds.add(alert.alertId());
      while (alerts.size() > limits.alerts()) {
        alertIds.remove(alerts.pollFirst().alertId());
      }
      // An evicted alert sorts below all that stay, and the buffer's oldest only gets newer, so one
      // read again is evicted again: listeners never hear of an id twice without remembering it.
      if (!alertIds.contains(alert.alertId())) {
        return;
      }
    }
    for (Consumer<Alert> l : alertListeners) {
      l.accept(alert);
    }
  }

  /** Adds a mention, once per rule and article. */
  public synchronized void accept(Mention mention) {
    String key = mention.ruleId() + "\u0000" + mention.articleId();
    if (!seenMentions.add(key)) {
      return;
    }
    if (seenMentions.size() > limits.seenMentions()) {
      var it = seenMentions.iterator();
      it.next();
      it.remove();
    }
    mentionsRead.increment();
    Deque<Mention> latest =
        mentionsByRule.computeIfAbsent(mention.ruleId(), k -> new ArrayDeque<>());
    latest.addLast(mention);
    if (latest.size() > limits.mentionsPerRule()) {
      // keep the newest by event time, not by arrival: replays can arrive out of order
      Mention oldest =
          latest.stream().min(Comparator.comparing(Mention::publishedAt)).orElseThrow();
      latest.remove(oldest);
    }
    if ("demand".equals(mention.category())) {
      if (mention.party() != null) {
        tie(viaRuleParty, mention.party(), mention);
      }
      for (String party : new TreeSet<>(mention.parties())) {
        tie(viaActors, party, mention);
      }
    }
  }

  private static void tie(Map<String, Map<String, Set<String>>> m, String party, Mention mention) {
    m.computeIfAbsent(party, k -> new TreeMap<>())
        .computeIfAbsent(mention.ruleId(), k -> new LinkedHashSet<>())
        .add(mention.articleId());
  }

  /**
   * Adds or replaces the count of one rule and window: the last one read wins.
   *
   * <p>Not {@code updatedAt}: it is the emitting instance's wall clock, which may be behind after a
   * task moves. The topic is keyed by rule and window, so offset order is the emitting order.
   */
  public synchronized void accept(RuleCount count) {
    countsRead.increment();
    NavigableMap<Instant, RuleCount> windows =
        counts
            .computeIfAbsent(count.ruleId(), k -> new HashMap<>())
            .computeIfAbsent(count.window(), k -> new TreeMap<>());
    windows.put(count.windowStart(), count);
    while (windows.size() > limits.windowsPerRule()) {
      windows.pollFirstEntry();
    }
  }

  /** The newest alerts by {@link #NEWEST_LAST}, newest first. */
  public synchronized List<Alert> alerts(int limit) {
    List<Alert> out = new ArrayList<>(Math.min(limit, alerts.size()));
    var it = alerts.descendingIterator();
    while (it.hasNext() && out.size() < limit) {
      out.add(it.next());
    }
    return out;
  }

  /** The newest mentions of a rule by publication time, newest first. */
  public synchronized List<Mention> mentions(String ruleId, int limit) {
    Deque<Mention> latest = mentionsByRule.get(ruleId);
    if (latest == null) {
      return List.of();
    }
    return latest.stream()
        .sorted(Comparator.comparing(Mention::publishedAt).reversed())
        .limit(limit)
        .toList();
  }

  /**
   * Counts of a rule for windows of the given size starting in {@code [from, to)}, oldest first.
   */
  public synchronized List<RuleCount> counts(
      String ruleId, Duration window, Instant from, Instant to) {
    NavigableMap<Instant, RuleCount> windows = counts.getOrDefault(ruleId, Map.of()).get(window);
    if (windows == null) {
      return List.of();
    }
    return List.copyOf(windows.subMap(from, true, to, false).values());
  }

  /** Rule ids that have counts for windows of this size. */
  public synchronized Set<String> countedRules(Duration window) {
    Set<String> out = new TreeSet<>();
    counts.forEach(
        (rule, byWindow) -> {
          if (byWindow.containsKey(window)) {
            out.add(rule);
          }
        });
    return out;
  }

  /** Window sizes seen in the counts, smallest first. */
  public synchronized Set<Duration> windows() {
    Set<Duration> out = new TreeSet<>();
    counts.values().forEach(byWindow -> out.addAll(byWindow.keySet()));
    return out;
  }

  /**
   * The who-demands-what matrix over demand mentions: a party is tied to a demand by the rule's own
   * party (whose demand it is) and by the parties of actors named in a sentence with a hit.
   */
  public synchronized List<Cell> whoDemandsWhat() {
    Map<String, Map<String, Set<String>>> union = new TreeMap<>();
    for (var m : List.of(viaRuleParty, viaActors)) {
      m.forEach(
          (party, byRule) ->
              byRule.forEach(
                  (rule, ids) ->
                      union
                          .computeIfAbsent(party, k -> new TreeMap<>())
                          .computeIfAbsent(rule, k -> new LinkedHashSet<>())
                          .addAll(ids)));
    }
    List<Cell> cells = new ArrayList<>();
    union.forEach(
        (party, byRule) ->
            byRule.forEach(
                (rule, ids) ->
                    cells.add(
                        new Cell(
                            party,
                            rule,
                            ids.size(),
                            size(viaRuleParty, party, rule),
                            size(viaActors, party, rule)))));
    return cells;
  }

  private static int size(Map<String, Map<String, Set<String>>> m, String party, String rule) {
    return m.getOrDefault(party, Map.of()).getOrDefault(rule, Set.of()).size();
  }

  /** Calls {@code listener} for each new alert, on the consumer thread, until removed. */
  public void addAlertListener(Consumer<Alert> listener) {
    alertListeners.add(listener);
  }

  public void removeAlertListener(Consumer<Alert> listener) {
    alertListeners.remove(listener);
  }

  /** Stops the consumer thread, waiting a few seconds at most. */
  @Override
  public void close() {
    closed = true;
    KafkaConsumer<byte[], byte[]> c = consumer;
    Thread t = poller;
    if (c != null) {
      c.wakeup();
    }
    if (t != null) {
      try {
        t.join(Duration.ofSeconds(5).toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** A copy of the buffered alerts, oldest first by {@link #NEWEST_LAST}, for a new live feed. */
  synchronized List<Alert> alertsOldestFirst() {
    return List.copyOf(alerts);
  }
}
