package io.reactiveorm.benchmarks;

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
import org.openjdk.jmh.infra.BenchmarkParams;

/**
 * The single-client workloads, one benchmark method each, run by one thread against a pool of
 * {@value BenchConfig#POOL_SIZE} connections per contestant.
 *
 * <p>Measured: the time of each operation (JMH's sample mode, which gives the median and p90),
 * the allocation per operation (JMH's GC profiler, all threads, event loops included), and the
 * statements per operation (counted by each contestant as they run, written to {@link Metrics}).
 * Before timing, {@link Workloads#verify} checks the contestant's answer against the database.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
// 15 s of warm-up: on 2 cores the JIT is still compiling after 9 s (every contestant's first two
// measured iterations were still getting faster with 3 warm-up iterations)
@Warmup(iterations = 5, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class WorkloadBenchmark {

  @Param({Contestants.REACTIVE_ORM, Contestants.RAW_R2DBC, Contestants.SPRING_DATA,
      Contestants.HIBERNATE_REACTIVE, Contestants.JDBC})
  public String contestant;

  private Fixture fixture;
  private Contestant stack;
  private Workload workload;
  private final Workloads inputs = new Workloads();
  private long statementsAtStart;
  private long ops;

  @Setup(Level.Trial)
  public void setUp(BenchmarkParams params) {
    BenchConfig config = BenchConfig.current();
    fixture = new Fixture(config);
    fixture.ensure();
    workload = Workload.ofBenchmark(params.getBenchmark());
    stack = Contestants.create(contestant, config, BenchConfig.POOL_SIZE);
    Workloads.verify(stack, fixture, workload);
    statementsAtStart = stack.statements().total();
  }

  /** Keeps the table at its preloaded size: the insert workload adds 1000 rows per operation. */
  @TearDown(Level.Iteration)
  public void deleteInsertedUsers() {
    if (workload == Workload.INSERT) {
      fixture.deleteInsertedUsers();
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    long statements = stack.statements().total() - statementsAtStart;
    Metrics.write(workload, contestant, Map.of(Metrics.STATEMENTS_PER_OP,
        ops == 0 ? 0 : (double) statements / ops));
    stack.close();
    fixture.deleteInsertedUsers();
  }

  @Benchmark
  public long insertUsers() {
    return inputs.run(stack, Workload.INSERT, op());
  }

  @Benchmark
  public long selectUsers() {
    return inputs.run(stack, Workload.SELECT, op());
  }

  @Benchmark
  public long selectUsersWithRole() {
    return inputs.run(stack, Workload.SELECT_WITH_ROLE, op());
  }

  @Benchmark
  public long updateScoreById() {
    return inputs.run(stack, Workload.UPDATE_BY_ID, op());
  }

  @Benchmark
  public long loadChangeCommit() {
    return inputs.run(stack, Workload.LOAD_CHANGE_COMMIT, op());
  }

  @Benchmark
  public long articlesWithTags() {
    return inputs.run(stack, Workload.ARTICLES_WITH_TAGS, op());
  }

  @Benchmark
  public long rolesWithUsers() {
    return inputs.run(stack, Workload.ROLES_WITH_USERS, op());
  }

  @Benchmark
  public long naiveRoleLoop() {
    return inputs.run(stack, Workload.NAIVE_LOOP, op());
  }

  private long op() {
    ops++;
    return inputs.advance();
  }
}
