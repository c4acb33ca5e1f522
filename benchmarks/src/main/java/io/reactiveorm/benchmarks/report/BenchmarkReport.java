package io.reactiveorm.benchmarks.report;

import io.reactiveorm.benchmarks.BenchConfig;
import io.reactiveorm.benchmarks.ConcurrencyBenchmark;
import io.reactiveorm.benchmarks.Contestants;
import io.reactiveorm.benchmarks.Fixture;
import io.reactiveorm.benchmarks.Metrics;
import io.reactiveorm.benchmarks.PairedBenchmark;
import io.reactiveorm.benchmarks.StreamBenchmark;
import io.reactiveorm.benchmarks.Verify;
import io.reactiveorm.benchmarks.Workload;
import io.reactiveorm.benchmarks.WorkloadBenchmark;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * The one command: runs every benchmark for every contestant with JMH (GC profiler on), then
 * writes {@code docs/benchmarks.md} (machine, versions, a table per workload, the targets) and
 * {@code docs/benchmarks.png}.
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar [--quick] [--url postgresql://user@host:5432/db]
 *     [--contestants reactive-orm,raw-r2dbc] [--workloads selectUsers,insertUsers]
 *     [--docs DIR] [--report-only] [--verify]
 * </pre>
 *
 * <p>{@code --quick} runs short warm-ups and few iterations (minutes instead of half an hour);
 * {@code --report-only} rewrites the report from the last run's results without running
 * anything; {@code --verify} runs each workload once per contestant and checks the answers,
 * without JMH. Raw results (JMH's JSON, a TSV of the measurements, the forks' metrics) go to {@code
 * benchmarks/target/bench-results}.
 */
public final class BenchmarkReport {

  /**
   * The stream paired with a peer, in a full run: one fork, shorter than raw R2DBC's five, as its
   * margins are wide (Hibernate Reactive cannot stream at all, it reads the million rows into a
   * list). An iteration of 2 s still holds one turn of each, an operation being 2 to 11 s. The
   * peers' short workloads warm up and are measured as raw R2DBC's ({@link
   * #PAIRED_WARMUP_ITERATIONS}), in one fork: with 16 s of warm-up (8 s of each JVM's own work),
   * reactive-orm's 50 articles with their tags took 1.87 ms against Hibernate Reactive's 0.99 in
   * their pairing, and 0.53 against 0.84 with 60 s, the same code, one after the other: the short
   * warm-up measured reactive-orm's JIT at work, as it had against raw R2DBC.
   */
  static final int PEER_STREAM_WARMUP_ITERATIONS = 8;
  static final int PEER_STREAM_ITERATIONS = 5;
  static final int PEER_STREAM_ITERATION_SECONDS = 2;

  /**
   * The stream paired with raw R2DBC, in a full run: {@value #PAIRED_STREAM_FORKS} forks (pairs
   * of fresh JVMs, about 2 minutes each) of {@value #PAIRED_STREAM_ITERATIONS} measured
   * iterations. An operation of the stream takes 2 to 3 s, so an iteration of 3 s holds one turn
   * of each: with the others' 8 iterations run F's 1.16x rested on 8 operations a side. More
   * operations in one fork did not settle it: two forks of 24 a side, same code, gave 0.98x and
   * 1.13x, and raw R2DBC paired with itself 0.94x. The difference lives in the JVM (its JIT's
   * outcome on one long loop lasts the whole fork), which only more forks average out: more
   * than the others take, as the stream's spread from fork to fork is the widest.
   */
  static final int PAIRED_STREAM_ITERATIONS = 12;
  static final int PAIRED_STREAM_FORKS = 5;

  /**
   * How many forks (pairs of fresh JVMs) every workload paired with raw R2DBC takes in a full
   * run; the report shows the fork whose ratio is the median of theirs ({@link #medianFork}).
   * One fork was not enough for the short workloads either: raw R2DBC paired with itself gave
   * 1.036x and 0.992x selecting 1000 users, and reactive-orm 1.116x, 1.056x and 1.079x in three
   * forks one after the other, the same code: one pair of JVMs is a draw of two JIT outcomes.
   */
  static final int PAIRED_FORKS = 3;

  /**
   * A short workload's warm-up and measured iterations of 3 s, per fork, when paired with raw
   * R2DBC in {@value #PAIRED_FORKS} forks: 60 s of warm-up and 18 s measured, so that nine
   * workloads take about 40 minutes (39 in run I). The warm-up is long because each JVM works
   * only in its turns, half of the time: what its JIT has seen after 60 s is about 30 s of its
   * own work. With 24 s (12 of its own), reactive-orm's JVM was still compiling in the measured
   * seconds (-XX:+PrintCompilation: about 100 compilations in each 5 s from 25 to 40 s of a
   * select loop, a third of them C2), and selecting 1000 users came out 1.068x, 1.096x and 1.145x in
   * three forks against 1.077x, 1.074x and 1.043x with 60 s and 1.087x, 1.033x and 1.008x with
   * 90 s, taken in turns in the same half hour: the short warm-up measured the JIT at work, for
   * the ORM's larger body of code more than for the raw driver's.
   */
  static final int PAIRED_WARMUP_ITERATIONS = 20;
  static final int PAIRED_ITERATIONS = 6;

  private BenchmarkReport() {}

  /** The command line, parsed. */
  record Settings(boolean quick, boolean reportOnly, boolean verify, String url,
      List<String> contestants,
      List<Workload> workloads, Path docs, Path results) {}

  public static void main(String[] args) throws Exception {
    Settings settings = parse(args);
    System.setProperty("java.awt.headless", "true");
    System.setProperty("bench.url", settings.url());
    if (settings.verify()) {
      System.exit(Verify.run(settings.contestants(), settings.workloads()) == 0 ? 0 : 1);
    }
    Path tsv = settings.results().resolve("measurements.tsv");
    List<Measurement> measurements;
    Map<String, String> runFacts;
    if (settings.reportOnly()) {
      measurements = readTsv(tsv);
      runFacts = readFacts(settings.results().resolve("run-facts.tsv"));
    } else {
      Files.createDirectories(settings.results());
      runFacts = runFacts(settings);
      new Fixture(BenchConfig.current()).ensure();
      measurements = run(settings);
      writeTsv(tsv, measurements);
      writeFacts(settings.results().resolve("run-facts.tsv"), runFacts);
    }
    Path markdown = settings.docs().resolve("benchmarks.md");
    Path chart = settings.docs().resolve("benchmarks.png");
    Files.createDirectories(settings.docs());
    Chart.write(measurements, chart);
    Files.writeString(markdown, new MarkdownReport(measurements, runFacts, chart.getFileName()
        .toString()).render());
    System.out.println("Wrote " + markdown.toAbsolutePath() + " and " + chart.toAbsolutePath());
  }

  static Settings parse(String[] args) {
    boolean quick = false;
    boolean reportOnly = false;
    boolean verify = false;
    String url = BenchConfig.url();
    List<String> contestants = Contestants.ALL;
    List<Workload> workloads = List.of(Workload.values());
    Path jarDir = jarDirectory();
    Path docs = defaultDocs(jarDir);
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--quick" -> quick = true;
        case "--report-only" -> reportOnly = true;
        case "--verify" -> verify = true;
        case "--url" -> url = args[++i];
        case "--docs" -> docs = Path.of(args[++i]);
        case "--contestants" -> contestants = List.of(args[++i].split(","));
        case "--workloads" -> workloads = Arrays.stream(args[++i].split(","))
            .map(Workload::ofBenchmark).toList();
        case "--help", "-h" -> {
          System.out.println("java -jar benchmarks.jar [--quick] [--url postgresql://user@host:"
              + "port/db] [--contestants a,b] [--workloads m1,m2] [--docs DIR] [--report-only]"
              + " [--verify]");
          System.exit(0);
        }
        default -> throw new IllegalArgumentException("Unknown argument " + args[i]
            + "; try --help");
      }
    }
    return new Settings(quick, reportOnly, verify, url, contestants, workloads, docs,
        jarDir.resolve("bench-results"));
  }

  /** {@code benchmarks/target} when run from the jar, else the working directory's target. */
  private static Path jarDirectory() {
    try {
      Path location = Path.of(BenchmarkReport.class.getProtectionDomain().getCodeSource()
          .getLocation().toURI());
      return Files.isRegularFile(location) ? location.getParent().toAbsolutePath()
          : Path.of("target").toAbsolutePath();
    } catch (URISyntaxException | RuntimeException e) {
      return Path.of("target").toAbsolutePath();
    }
  }

  /** The repository's docs/ when the jar sits in benchmarks/target, else ./docs. */
  private static Path defaultDocs(Path jarDir) {
    Path module = jarDir.getParent();
    if (module != null && module.getFileName() != null
        && module.getFileName().toString().equals("benchmarks") && module.getParent() != null
        && Files.exists(module.getParent().resolve("pom.xml"))) {
      return module.getParent().resolve("docs");
    }
    return Path.of("docs").toAbsolutePath();
  }

  private static Map<String, String> runFacts(Settings settings) {
    Map<String, String> facts = new LinkedHashMap<>();
    facts.put("date", ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
    facts.put("mode", settings.quick() ? "quick" : "full");
    facts.put("timing", settings.quick()
        ? "sample mode; 2 warm-up iterations of 1 s, 3 measured iterations of 1 s, 1 fork;"
            + " stream: 1 warm-up pass, 2 measured passes; paired, with raw R2DBC and with a peer:"
            + " 3 warm-up iterations of 1 s, 3 measured iterations of 1 s"
        : "sample mode; 5 warm-up iterations of 3 s, 5 measured iterations of 3 s, 1 fork;"
            + " stream: 1 warm-up pass, 3 measured passes; paired with raw R2DBC: "
            + PAIRED_WARMUP_ITERATIONS + " warm-up"
            + " iterations of 3 s, " + PAIRED_ITERATIONS + " measured iterations of 3 s, in "
            + PAIRED_FORKS + " forks (stream: " + PAIRED_STREAM_ITERATIONS + " in "
            + PAIRED_STREAM_FORKS + "), the fork with the median ratio shown; paired with a peer:"
            + " the same in 1 fork (stream: " + PEER_STREAM_WARMUP_ITERATIONS
            + " warm-up iterations of " + PEER_STREAM_ITERATION_SECONDS + " s, "
            + PEER_STREAM_ITERATIONS + " measured iterations of " + PEER_STREAM_ITERATION_SECONDS
            + " s)");
    Environment.machine(BenchConfig.current()).forEach((k, v) -> facts.put("machine." + k, v));
    Environment.versions().forEach((k, v) -> facts.put("version." + k, v));
    return facts;
  }

  private static List<Measurement> run(Settings settings) throws RunnerException, IOException {
    Path metrics = settings.results().resolve("metrics");
    Files.createDirectories(metrics);
    List<Measurement> all = new ArrayList<>();
    String[] contestants = settings.contestants().toArray(String[]::new);
    String[] properties = {"-Dbench.url=" + settings.url(), "-Dbench.metricsDir=" + metrics};

    List<Workload> single = settings.workloads().stream()
        .filter(w -> w != Workload.STREAM && w != Workload.CONCURRENT).toList();
    if (!single.isEmpty()) {
      all.addAll(run(settings, WorkloadBenchmark.class, single, contestants, properties, false));
    }
    if (settings.workloads().contains(Workload.CONCURRENT)) {
      all.addAll(run(settings, ConcurrencyBenchmark.class, List.of(Workload.CONCURRENT),
          contestants, properties, false));
    }
    if (settings.workloads().contains(Workload.STREAM)) {
      all.addAll(run(settings, StreamBenchmark.class, List.of(Workload.STREAM), contestants,
          properties, true));
    }
    if (!settings.workloads().isEmpty()
        && settings.contestants().contains(Contestants.REACTIVE_ORM)) {
      if (settings.contestants().contains(Contestants.RAW_R2DBC)) {
        all.addAll(runPaired(settings, List.of(Contestants.RAW_R2DBC), properties, metrics));
      }
      List<String> peers = PairedBenchmark.PEERS.stream()
          .filter(settings.contestants()::contains).toList();
      if (!peers.isEmpty()) {
        all.addAll(runPaired(settings, peers, properties, metrics));
      }
    }
    return all;
  }

  /**
   * {@link PairedBenchmark}: reactive-orm taking turns with each of {@code partners} (raw R2DBC
   * alone, or the peers, with shorter iterations), their times kept by the fork in the metrics
   * (JMH's own score is the pair's, of no use to the report).
   */
  private static List<Measurement> runPaired(Settings settings, List<String> partners,
      String[] properties, Path metrics) throws RunnerException {
    boolean raw = partners.equals(List.of(Contestants.RAW_R2DBC));
    List<Workload> workloads = settings.workloads();
    int forks = raw && !settings.quick() ? PAIRED_FORKS : 1;
    String name = raw ? "PairedBenchmark" : "PairedBenchmark-peers";
    List<Measurement> measurements = new ArrayList<>();
    if (!settings.quick() && workloads.contains(Workload.STREAM)) {
      // the stream on its own, with iterations of its own (PAIRED_STREAM_*, PEER_STREAM_*)
      List<Workload> rest = workloads.stream().filter(w -> w != Workload.STREAM).toList();
      measurements.addAll(runPaired(settings, partners, properties, metrics,
          List.of(Workload.STREAM), name + "-stream", raw ? PAIRED_STREAM_FORKS : 1));
      workloads = rest;
    }
    if (!workloads.isEmpty()) {
      measurements.addAll(runPaired(settings, partners, properties, metrics, workloads, name,
          forks));
    }
    return measurements;
  }

  /**
   * {@code forks} JMH runs of {@link PairedBenchmark} for {@code workloads} (results to {@code
   * resultName}.json, or -1.json, -2.json... for several), each a fork of its own; per workload,
   * the times of the fork with the median ratio ({@link #medianFork}), the operations of all.
   */
  private static List<Measurement> runPaired(Settings settings, List<String> partners,
      String[] properties, Path metrics, List<Workload> workloads, String resultName, int forks)
      throws RunnerException {
    boolean raw = partners.equals(List.of(Contestants.RAW_R2DBC));
    boolean stream = workloads.equals(List.of(Workload.STREAM));
    ChainedOptionsBuilder options = new OptionsBuilder()
        .include("^" + PairedBenchmark.class.getName().replace(".", "\\.") + "\\.pair$")
        .param("workload", workloads.stream().map(Workload::method).toArray(String[]::new))
        .param("partner", partners.toArray(String[]::new))
        .jvmArgsPrepend(properties)
        .shouldFailOnError(false)
        .resultFormat(ResultFormatType.JSON);
    if (settings.quick()) {
      options = options.warmupIterations(3).warmupTime(TimeValue.seconds(1))
          .measurementIterations(3).measurementTime(TimeValue.seconds(1));
    } else if (stream && !raw) {
      TimeValue time = TimeValue.seconds(PEER_STREAM_ITERATION_SECONDS);
      options = options.warmupIterations(PEER_STREAM_WARMUP_ITERATIONS).warmupTime(time)
          .measurementIterations(PEER_STREAM_ITERATIONS).measurementTime(time);
    } else if (stream) {
      options = options.measurementIterations(PAIRED_STREAM_ITERATIONS);
    } else {
      options = options.warmupIterations(PAIRED_WARMUP_ITERATIONS)
          .measurementIterations(PAIRED_ITERATIONS);
    }
    Map<String, List<Properties>> forkTimes = new LinkedHashMap<>();
    for (int fork = 1; fork <= forks; fork++) {
      for (String partner : partners) {
        workloads.forEach(w -> Metrics.delete(metrics, w, PairedBenchmark.metricsKey(partner)));
      }
      String resultFile = resultName + (forks == 1 ? "" : "-" + fork) + ".json";
      new Runner(options.result(settings.results().resolve(resultFile).toString()).build())
          .run();
      for (String partner : partners) {
        for (Workload workload : workloads) {
          Properties times = Metrics.read(metrics, workload, PairedBenchmark.metricsKey(partner));
          Metrics.keep(metrics, workload, PairedBenchmark.metricsKey(partner),
              resultName + "-fork-" + fork);
          // a fork that failed left nothing: without any, the report falls back to the
          // sequential times
          if (!times.isEmpty()) {
            forkTimes.computeIfAbsent(partner + "/" + workload.name(), key -> new ArrayList<>())
                .add(times);
          }
        }
      }
    }
    List<Measurement> measurements = new ArrayList<>();
    for (String partner : partners) {
      for (Workload workload : workloads) {
        List<Properties> all = forkTimes.get(partner + "/" + workload.name());
        if (all == null) {
          continue;
        }
        Properties shown = medianFork(all);
        if (all.size() > 1) {
          System.out.printf("%s paired with %s: ratio per fork %s, the median's shown%n",
              workload.title(), partner, all.stream()
                  .map(fork -> String.format("%.3f", ratio(fork)))
                  .collect(Collectors.joining(" ")));
        }
        long ormOps = sumOf(all, PairedBenchmark.ORM_OPS);
        long partnerOps = sumOf(all, PairedBenchmark.PARTNER_OPS);
        measurements.add(pairedMeasurement(workload, PairedBenchmark.ormRow(partner), shown,
            PairedBenchmark.ORM_MEDIAN, PairedBenchmark.ORM_P90, ormOps));
        measurements.add(pairedMeasurement(workload, PairedBenchmark.partnerRow(partner), shown,
            PairedBenchmark.PARTNER_MEDIAN, PairedBenchmark.PARTNER_P90, partnerOps));
      }
    }
    return measurements;
  }

  /** One side's row: its times in the fork shown, its operations over all forks. */
  private static Measurement pairedMeasurement(Workload workload, String row, Properties fork,
      String median, String p90, long operations) {
    return new Measurement(workload, row, time(fork, median), time(fork, p90), operations,
        Double.NaN, Double.NaN, 0, 0);
  }

  /**
   * The fork whose ratio (reactive-orm's median over its partner's) is the median of the forks'
   * ratios; of two in the middle, the one less favourable to reactive-orm. A fork's two times
   * were taken in the same seconds, which is the point of pairing: a median of each side's times
   * over the forks could take them from different forks, whose absolute times differed by a
   * quarter, and their ratio would compare seconds that were not shared.
   */
  static Properties medianFork(List<Properties> forks) {
    List<Properties> byRatio = new ArrayList<>(forks);
    byRatio.sort(Comparator.comparingDouble(BenchmarkReport::ratio));
    return byRatio.get(byRatio.size() / 2);
  }

  /** reactive-orm's median over its partner's, in one fork. */
  private static double ratio(Properties fork) {
    return time(fork, PairedBenchmark.ORM_MEDIAN) / time(fork, PairedBenchmark.PARTNER_MEDIAN);
  }

  private static double time(Properties fork, String key) {
    return Double.parseDouble(fork.getProperty(key));
  }

  private static long sumOf(List<Properties> forks, String key) {
    return forks.stream().mapToLong(p -> Long.parseLong(p.getProperty(key))).sum();
  }

  private static List<Measurement> run(Settings settings, Class<?> benchmark,
      List<Workload> workloads, String[] contestants, String[] properties, boolean singleShot)
      throws RunnerException {
    String methods = workloads.stream().map(Workload::method).collect(Collectors.joining("|"));
    ChainedOptionsBuilder options = new OptionsBuilder()
        .include("^" + benchmark.getName().replace(".", "\\.") + "\\.(" + methods + ")$")
        .param("contestant", contestants)
        .addProfiler(GCProfiler.class)
        .jvmArgsPrepend(properties)
        .shouldFailOnError(false)
        .resultFormat(ResultFormatType.JSON)
        .result(settings.results().resolve(benchmark.getSimpleName() + ".json").toString());
    if (settings.quick()) {
      options = singleShot
          ? options.warmupIterations(1).measurementIterations(2)
          : options.warmupIterations(2).warmupTime(TimeValue.seconds(1))
              .measurementIterations(3).measurementTime(TimeValue.seconds(1));
    }
    Collection<RunResult> results = new Runner(options.build()).run();
    Path metricsDir = Path.of(properties[1].substring("-Dbench.metricsDir=".length()));
    List<Measurement> measurements = new ArrayList<>();
    for (RunResult result : results) {
      measurements.add(measurement(result, metricsDir));
    }
    return measurements;
  }

  private static Measurement measurement(RunResult run, Path metricsDir) {
    Workload workload = Workload.ofBenchmark(run.getParams().getBenchmark());
    String contestant = run.getParams().getParam("contestant");
    var statistics = run.getPrimaryResult().getStatistics();
    double alloc = Double.NaN;
    for (Map.Entry<String, Result> secondary : run.getSecondaryResults().entrySet()) {
      if (secondary.getKey().endsWith("gc.alloc.rate.norm")) {
        alloc = secondary.getValue().getScore();
      }
    }
    Properties metrics = Metrics.read(metricsDir, workload, contestant);
    return new Measurement(workload, contestant, statistics.getPercentile(50),
        statistics.getPercentile(90), statistics.getN(), alloc,
        Double.parseDouble(metrics.getProperty(Metrics.STATEMENTS_PER_OP, "NaN")),
        Long.parseLong(metrics.getProperty(Metrics.PEAK_HEAP_BYTES, "0")),
        Long.parseLong(metrics.getProperty(Metrics.PEAK_LIVE_HEAP_BYTES, "0")));
  }

  private static void writeTsv(Path file, List<Measurement> measurements) throws IOException {
    List<String> lines = new ArrayList<>();
    lines.add("workload\tcontestant\tmedianMs\tp90Ms\tsamples\tallocBytesPerOp\tstatementsPerOp"
        + "\tpeakHeapBytes\tpeakLiveHeapBytes");
    measurements.forEach(m -> lines.add(m.toTsv()));
    Files.write(file, lines);
  }

  private static List<Measurement> readTsv(Path file) throws IOException {
    if (!Files.exists(file)) {
      throw new IllegalStateException("No results at " + file + "; run without --report-only"
          + " first");
    }
    return Files.readAllLines(file).stream().skip(1).filter(line -> !line.isBlank())
        .map(Measurement::fromTsv).toList();
  }

  private static void writeFacts(Path file, Map<String, String> facts) throws IOException {
    List<String> lines = new ArrayList<>();
    facts.forEach((key, value) -> lines.add(key + "\t" + value.replace('\n', ' ')));
    Files.write(file, lines);
  }

  private static Map<String, String> readFacts(Path file) throws IOException {
    Map<String, String> facts = new LinkedHashMap<>();
    if (Files.exists(file)) {
      for (String line : Files.readAllLines(file)) {
        int tab = line.indexOf('\t');
        if (tab > 0) {
          facts.put(line.substring(0, tab), line.substring(tab + 1));
        }
      }
    }
    return facts;
  }
}
