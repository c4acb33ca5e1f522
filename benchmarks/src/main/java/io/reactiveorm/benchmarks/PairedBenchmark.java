package io.reactiveorm.benchmarks;

import java.util.Arrays;
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
 * reactive-orm and raw R2DBC taking turns: each operation of the benchmark is one operation of
 * each, on the same rows, the one that goes first alternating. Each contestant's operations are
 * timed one by one, and their median and p90 are what the time targets are checked against
 * ({@link Metrics} keeps them for the report, under {@link #CONTESTANT}).
 *
 * <p>Why a second measurement: on a shared machine, speed changes from one stretch of seconds to
 * the next (a pure CPU loop varied by ±25 % on the development machine, nothing else running;
 * the same workload ran 2.6 and then 4.4 ms per operation a minute apart on another).
 * {@link WorkloadBenchmark} times the contestants one after the other, so a slow stretch lands on
 * one of them; here both are timed in the same seconds, and such a stretch slows both. Both also
 * warm up together, for longer: on a slow machine the JIT was still compiling after 15 s.
 *
 * <p>raw R2DBC runs in a JVM of its own, a {@link PairedPartner} that this benchmark drives
 * operation by operation: in one JVM the JIT compiled the driver, Netty and Reactor code both
 * contestants share for both callers at once, which is no application's JVM.
 *
 * <p>The naive N+1 loop is paired with raw R2DBC's batched two-query load of the same users,
 * the load its target compares it with.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 10, time = 3)
@Measurement(iterations = 8, time = 3)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class PairedBenchmark {

  /** The name under which the paired times are kept in {@link Metrics}. */
  public static final String CONTESTANT = "paired";
  public static final String ORM_MEDIAN = "ormMedianMs";
  public static final String ORM_P90 = "ormP90Ms";
  public static final String RAW_MEDIAN = "rawMedianMs";
  public static final String RAW_P90 = "rawP90Ms";
  public static final String PAIRS = "pairs";
  /** How the report lists the paired times among the measurements. */
  public static final String ORM_ROW = "paired-reactive-orm";
  public static final String RAW_ROW = "paired-raw-r2dbc";

  @Param({"insertUsers", "selectUsers", "selectUsersWithRole", "updateScoreById",
      "loadChangeCommit", "articlesWithTags", "rolesWithUsers", "naiveRoleLoop",
      "streamEvents", "findUsersWithRole"})
  public String workload;

  private Workload kind;
  /** What raw R2DBC runs in each pair: the same workload, or the naive loop's batched load. */
  private Workload rawKind;
  private Fixture fixture;
  private Contestant orm;
  private PairedPartner raw;
  private final Workloads inputs = new Workloads();
  private boolean measuring;
  private long[] ormNanos = new long[1024];
  private long[] rawNanos = new long[1024];
  private int pairs;

  @Setup(Level.Trial)
  public void setUp() {
    BenchConfig config = BenchConfig.current();
    fixture = new Fixture(config);
    fixture.ensure();
    kind = Workload.ofBenchmark(workload);
    rawKind = kind == Workload.NAIVE_LOOP ? Workload.SELECT_WITH_ROLE : kind;
    int poolSize = kind == Workload.CONCURRENT ? BenchConfig.CONCURRENT_POOL_SIZE
        : BenchConfig.POOL_SIZE;
    orm = Contestants.create(Contestants.REACTIVE_ORM, config, poolSize);
    Workloads.verify(orm, fixture, kind);
    raw = PairedPartner.start(Contestants.RAW_R2DBC, rawKind);
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
    long[] rawTimes = Arrays.copyOf(rawNanos, pairs);
    Arrays.sort(ormTimes);
    Arrays.sort(rawTimes);
    Metrics.write(kind, CONTESTANT, Map.of(
        ORM_MEDIAN, percentileMs(ormTimes, 0.5), ORM_P90, percentileMs(ormTimes, 0.9),
        RAW_MEDIAN, percentileMs(rawTimes, 0.5), RAW_P90, percentileMs(rawTimes, 0.9),
        PAIRS, pairs));
    orm.close();
    raw.close();
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
      sum += raw.run(op);
    } else {
      sum = raw.run(op);
      long start = System.nanoTime();
      sum += inputs.run(orm, kind, op);
      ormTime = System.nanoTime() - start;
    }
    if (measuring) {
      record(ormTime, raw.lastNanos());
    }
    return sum;
  }

  private void record(long ormTime, long rawTime) {
    if (pairs == ormNanos.length) {
      ormNanos = Arrays.copyOf(ormNanos, pairs * 2);
      rawNanos = Arrays.copyOf(rawNanos, pairs * 2);
    }
    ormNanos[pairs] = ormTime;
    rawNanos[pairs] = rawTime;
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
