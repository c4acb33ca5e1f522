package io.reactiveorm.benchmarks;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.runner.IterationType;

/**
 * reactive-orm and a partner taking turns: each operation of the benchmark is one operation of
 * each, on the same rows, the one that goes first alternating. Each contestant's operations are
 * timed one by one, and their median and p90 are what the targets are checked against ({@link
 * Metrics} keeps them for the report, under {@link #metricsKey}). The partner is raw R2DBC (the
 * default: the floor the time targets are ratios to) or one of the {@link #PEERS}.
 *
 * <p>Why a second measurement: on a shared machine, speed changes from one stretch of seconds to
 * the next (a pure CPU loop varied by ±25 % on the development machine, nothing else running;
 * the same workload ran 2.6 and then 4.4 ms per operation a minute apart on another).
 * {@link WorkloadBenchmark} times the contestants one after the other, so a slow stretch lands on
 * one of them; here both are timed in the same seconds, and such a stretch slows both. Both also
 * warm up together, for longer: on a slow machine the JIT was still compiling after 15 s.
 *
 * <p>Why the peers too: within one run, reactive-orm's sequential ratio to raw R2DBC strayed by
 * up to 35-40 % from its paired one, more than many of the gaps the target "faster than Spring
 * Data R2DBC and Hibernate Reactive on every workload" decides on. A peer runs the same workload
 * as reactive-orm, the naive loop included (its own naive loop), so that the target compares like
 * with like. The report pairs the peers with shorter iterations than raw R2DBC, to keep a full
 * run's length in bounds.
 *
 * <p>The partner runs in a JVM of its own, a {@link PairedPartner} that this benchmark drives
 * operation by operation: in one JVM the JIT compiled the driver, Netty and Reactor code both
 * contestants share for both callers at once, which is no application's JVM.
 *
 * <p>With raw R2DBC as the partner, the naive N+1 loop is paired with raw R2DBC's batched
 * two-query load of the same users, the load its target compares it with. The stream and the
 * concurrent workload are paired like the others: time only (no peak heap), and each side with
 * the concurrent workload's pool of {@value BenchConfig#CONCURRENT_POOL_SIZE} connections.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 10, time = 3)
@Measurement(iterations = 8, time = 3)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class PairedBenchmark {

  /** The name under which the times paired with raw R2DBC are kept in {@link Metrics}. */
  public static final String CONTESTANT = "paired";
  public static final String ORM_MEDIAN = "ormMedianMs";
  public static final String ORM_P90 = "ormP90Ms";
  public static final String PARTNER_MEDIAN = "partnerMedianMs";
  public static final String PARTNER_P90 = "partnerP90Ms";
  public static final String PAIRS = "pairs";
  /** How the report lists the times paired with raw R2DBC among the measurements. */
  public static final String ORM_ROW = "paired-reactive-orm";
  public static final String RAW_ROW = "paired-raw-r2dbc";
  /** The partners besides raw R2DBC, the ones reactive-orm must be faster than. */
  public static final List<String> PEERS =
      List.of(Contestants.SPRING_DATA, Contestants.HIBERNATE_REACTIVE);

  /**
   * The name the times of the pairing with {@code partner} are kept under in {@link Metrics}:
   * {@value #CONTESTANT} for raw R2DBC, as before the peers were paired.
   */
  public static String metricsKey(String partner) {
    return isRaw(partner) ? CONTESTANT : CONTESTANT + "-" + partner;
  }

  /** reactive-orm's row among the report's measurements, in its pairing with {@code partner}. */
  public static String ormRow(String partner) {
    return isRaw(partner) ? ORM_ROW : ORM_ROW + "-vs-" + partner;
  }

  /** The partner's row among the report's measurements ({@link #RAW_ROW} for raw R2DBC). */
  public static String partnerRow(String partner) {
    return CONTESTANT + "-" + partner;
  }

  private static boolean isRaw(String partner) {
    return partner.equals(Contestants.RAW_R2DBC);
  }

  @Param({"insertUsers", "selectUsers", "selectUsersWithRole", "updateScoreById",
      "loadChangeCommit", "articlesWithTags", "rolesWithUsers", "naiveRoleLoop",
      "streamEvents", "findUsersWithRole"})
  public String workload;

  /**
   * Who takes turns with reactive-orm: {@value Contestants#RAW_R2DBC} unless {@code -p partner=}
   * names one of the {@link #PEERS} (the only value listed, so that a run without it pairs with
   * raw R2DBC alone, as before the peers were paired).
   */
  @Param(Contestants.RAW_R2DBC)
  public String partner;

  private Workload kind;
  /** What the partner runs in each pair: the same workload, or the naive loop's batched load. */
  private Workload partnerKind;
  private Fixture fixture;
  private Contestant orm;
  private PairedPartner other;
  private final Workloads inputs = new Workloads();
  private boolean measuring;
  private long[] ormNanos = new long[1024];
  private long[] partnerNanos = new long[1024];
  private int pairs;

  @Setup(Level.Trial)
  public void setUp() {
    if (!isRaw(partner) && !PEERS.contains(partner)) {
      throw new IllegalArgumentException("partner must be " + Contestants.RAW_R2DBC
          + " or one of " + PEERS + ", was " + partner);
    }
    BenchConfig config = BenchConfig.current();
    fixture = new Fixture(config);
    fixture.ensure();
    kind = Workload.ofBenchmark(workload);
    partnerKind = kind == Workload.NAIVE_LOOP && isRaw(partner) ? Workload.SELECT_WITH_ROLE
        : kind;
    int poolSize = kind == Workload.CONCURRENT ? BenchConfig.CONCURRENT_POOL_SIZE
        : BenchConfig.POOL_SIZE;
    orm = Contestants.create(Contestants.REACTIVE_ORM, config, poolSize);
    Workloads.verify(orm, fixture, kind);
    other = PairedPartner.start(partner, partnerKind);
  }

  @Setup(Level.Iteration)
  public void startIteration(IterationParams params) {
    measuring = params.getType() == IterationType.MEASUREMENT;
  }

  /** Keeps the table at its preloaded size: the insert workload adds 1000 rows per operation. */
  @TearDown(Level.Iteration)
  public void deleteInsertedUsers() {
    if (kind == Workload.INSERT) {
      fixture.deleteInsertedUsers();
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    long[] ormTimes = Arrays.copyOf(ormNanos, pairs);
    long[] partnerTimes = Arrays.copyOf(partnerNanos, pairs);
    Arrays.sort(ormTimes);
    Arrays.sort(partnerTimes);
    Metrics.write(kind, metricsKey(partner), Map.of(
        ORM_MEDIAN, percentileMs(ormTimes, 0.5), ORM_P90, percentileMs(ormTimes, 0.9),
        PARTNER_MEDIAN, percentileMs(partnerTimes, 0.5),
        PARTNER_P90, percentileMs(partnerTimes, 0.9), PAIRS, pairs));
    orm.close();
    other.close();
    fixture.deleteInsertedUsers();
  }

  @Benchmark
  public long pair() {
    long op = inputs.advance();
    // who goes first alternates: the second of a pair reads rows the first just brought into
    // the database's cache
    long ormTime;
    long sum;
    if ((op & 1) == 0) {
      long start = System.nanoTime();
      sum = inputs.run(orm, kind, op);
      ormTime = System.nanoTime() - start;
      sum += other.run(op);
    } else {
      sum = other.run(op);
      long start = System.nanoTime();
      sum += inputs.run(orm, kind, op);
      ormTime = System.nanoTime() - start;
    }
    if (measuring) {
      record(ormTime, other.lastNanos());
    }
    return sum;
  }

  private void record(long ormTime, long partnerTime) {
    if (pairs == ormNanos.length) {
      ormNanos = Arrays.copyOf(ormNanos, pairs * 2);
      partnerNanos = Arrays.copyOf(partnerNanos, pairs * 2);
    }
    ormNanos[pairs] = ormTime;
    partnerNanos[pairs] = partnerTime;
    pairs++;
  }

  private static double percentileMs(long[] sorted, double fraction) {
    if (sorted.length == 0) {
      return Double.NaN;
    }
    int index = (int) Math.min(sorted.length - 1, Math.round(fraction * (sorted.length - 1)));
    return sorted[index] / 1_000_000.0;
  }
}
