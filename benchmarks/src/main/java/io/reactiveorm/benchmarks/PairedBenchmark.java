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
 * reactive-orm and a partner taking turns: each operation of the benchmark is one turn of each,
 * a run of operations on the same rows lasting about 50 ms ({@link #TURN_NANOS}; at least one
 * operation), the one that goes first alternating. Each contestant's operations are timed one by
 * one, and their median and p90 are what the targets are checked against ({@link Metrics} keeps
 * them for the report, under {@link #metricsKey}). The partner is raw R2DBC (the default: the
 * floor the time targets are ratios to) or one of the {@link #PEERS}.
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
 * with like. The report pairs the peers in one fork each, not raw R2DBC's three, with the same
 * warm-up: a shorter one measured reactive-orm's JIT at work.
 *
 * <p>Why turns of several operations, not one each: a contestant's operation that follows the
 * other's starts with the other's data in the processor's caches. Alternating operation by
 * operation, reactive-orm's selection of 1000 users took 1.97 ms paired with raw R2DBC (746 KiB
 * allocated per operation), 6.2 and 6.4 ms paired with Spring Data R2DBC and Hibernate Reactive
 * (2.1 and 4.4 MiB), and 1.63 ms on its own: the lighter contestant, whose operations would
 * otherwise find the caches warm, paid for its partner's. No application runs that way. In turns
 * of 50 ms, the first operations of a turn pay for that, and the median does not.
 *
 * <p>Each contestant runs in a JVM of its own, a {@link PairedPartner} that this benchmark drives
 * turn by turn: in one JVM the JIT compiled the driver, Netty and Reactor code both
 * contestants share for both callers at once, which is no application's JVM. reactive-orm too
 * runs in a partner JVM, not in this one: this JVM also runs JMH (its threads, its timing
 * thread, its result link to the launching JVM), and the two sides of a pair are only comparable
 * if both are alike. {@code -p subject=raw-r2dbc} pairs raw R2DBC with itself, a check of the
 * design: its ratio should be 1.
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
  /** How many turns each contestant took while measured, kept for whoever reads the metrics. */
  public static final String TURNS = "turns";
  public static final String ORM_OPS = "ormOps";
  public static final String PARTNER_OPS = "partnerOps";
  /**
   * How long a contestant's turn lasts, about: a run of operations, not one; {@code
   * -Dbench.turnMillis} changes it. Turns of 500 ms instead of 50 gave select 1000 users 1.098x
   * instead of 1.108x: the gap to raw R2DBC does not come from the turns' boundaries.
   */
  static final long TURN_NANOS = Long.getLong("bench.turnMillis", 50) * 1_000_000L;
  static final int MAX_OPS_PER_TURN = 1000;
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

  /**
   * Who is measured against the partner: reactive-orm, or {@value Contestants#RAW_R2DBC} to pair
   * raw R2DBC with itself and see how far from 1 the design puts two equal contestants.
   */
  @Param(Contestants.REACTIVE_ORM)
  public String subject;

  private Workload kind;
  /** What the partner runs in each pair: the same workload, or the naive loop's batched load. */
  private Workload partnerKind;
  private Fixture fixture;
  private Side orm;
  private Side other;
  private final Workloads inputs = new Workloads();
  private boolean measuring;
  private long turns;
  private long measuredTurns;

  @Setup(Level.Trial)
  public void setUp() {
    if (!isRaw(partner) && !PEERS.contains(partner)) {
      throw new IllegalArgumentException("partner must be " + Contestants.RAW_R2DBC
          + " or one of " + PEERS + ", was " + partner);
    }
    if (!subject.equals(Contestants.REACTIVE_ORM) && !isRaw(subject)) {
      throw new IllegalArgumentException("subject must be " + Contestants.REACTIVE_ORM + " or "
          + Contestants.RAW_R2DBC + ", was " + subject);
    }
    BenchConfig config = BenchConfig.current();
    fixture = new Fixture(config);
    fixture.ensure();
    kind = Workload.ofBenchmark(workload);
    partnerKind = kind == Workload.NAIVE_LOOP && isRaw(partner) ? Workload.SELECT_WITH_ROLE
        : kind;
    orm = new Side(PairedPartner.start(subject, kind));
    other = new Side(PairedPartner.start(partner, partnerKind));
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
    long[] ormTimes = orm.times();
    long[] partnerTimes = other.times();
    // a check of the design is kept apart from the measurements the report reads
    String key = subject.equals(Contestants.REACTIVE_ORM) ? metricsKey(partner)
        : "check-" + subject + "-" + partner;
    Metrics.write(kind, key, Map.of(
        ORM_MEDIAN, percentileMs(ormTimes, 0.5), ORM_P90, percentileMs(ormTimes, 0.9),
        PARTNER_MEDIAN, percentileMs(partnerTimes, 0.5),
        PARTNER_P90, percentileMs(partnerTimes, 0.9), TURNS, measuredTurns,
        ORM_OPS, ormTimes.length, PARTNER_OPS, partnerTimes.length));
    orm.close();
    other.close();
    fixture.deleteInsertedUsers();
  }

  /** One turn of each contestant, the one that goes first alternating. */
  @Benchmark
  public long pair() {
    // both run the same operations, as many as their turns hold, and who goes first alternates:
    // the second reads rows the first just brought into the database's cache
    long first = inputs.advance(Math.max(orm.opsPerTurn, other.opsPerTurn));
    long sum;
    if ((turns++ & 1) == 0) {
      sum = orm.turn(first, measuring);
      sum += other.turn(first, measuring);
    } else {
      sum = other.turn(first, measuring);
      sum += orm.turn(first, measuring);
    }
    if (measuring) {
      measuredTurns++;
    }
    return sum;
  }

  /**
   * A contestant's side of the pairing: its JVM, how many operations its turns take, and the
   * time of each operation measured.
   */
  private static final class Side implements AutoCloseable {

    private final PairedPartner jvm;
    private int opsPerTurn = 1;
    private long[] nanos = new long[4096];
    private int measured;

    Side(PairedPartner jvm) {
      this.jvm = jvm;
    }

    /** Runs one turn, timing each operation; returns the checksum. */
    long turn(long first, boolean measuring) {
      long sum = jvm.run(first, opsPerTurn);
      long[] times = jvm.lastNanos();
      long turnNanos = 0;
      for (long time : times) {
        turnNanos += time;
      }
      if (measuring) {
        if (measured + times.length > nanos.length) {
          nanos = Arrays.copyOf(nanos, Math.max(nanos.length * 2, measured + times.length));
        }
        System.arraycopy(times, 0, nanos, measured, times.length);
        measured += times.length;
      }
      // the next turn as long as TURN_NANOS, moving halfway there so that one slow operation
      // does not swing it
      double wanted = opsPerTurn * (double) TURN_NANOS / Math.max(1, turnNanos);
      opsPerTurn = (int) Math.max(1, Math.min(MAX_OPS_PER_TURN,
          Math.round((opsPerTurn + wanted) / 2)));
      return sum;
    }

    long[] times() {
      long[] sorted = Arrays.copyOf(nanos, measured);
      Arrays.sort(sorted);
      return sorted;
    }

    @Override
    public void close() {
      jvm.close();
    }
  }

  private static double percentileMs(long[] sorted, double fraction) {
    if (sorted.length == 0) {
      return Double.NaN;
    }
    int index = (int) Math.min(sorted.length - 1, Math.round(fraction * (sorted.length - 1)));
    return sorted[index] / 1_000_000.0;
  }
}
