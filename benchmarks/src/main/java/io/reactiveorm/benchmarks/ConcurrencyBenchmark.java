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

/**
 * Throughput under concurrency: one operation is {@value Workloads#CONCURRENT_REQUESTS}
 * find-by-id requests for random users, each with its role, {@value Workloads#CONCURRENCY} in
 * flight at a time, against a pool of {@value BenchConfig#CONCURRENT_POOL_SIZE} connections. The
 * reactive contestants keep 64 requests in flight with {@code flatMap}; JDBC, which blocks, uses
 * 64 threads. Requests per second = {@value Workloads#CONCURRENT_REQUESTS} / time per operation.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
// 15 s of warm-up: on 2 cores the JIT is still compiling after 9 s (every contestant's first two
// measured iterations were still getting faster with 3 warm-up iterations)
@Warmup(iterations = 5, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class ConcurrencyBenchmark {

  @Param({Contestants.REACTIVE_ORM, Contestants.RAW_R2DBC, Contestants.SPRING_DATA,
      Contestants.HIBERNATE_REACTIVE, Contestants.JDBC})
  public String contestant;

  private Contestant stack;
  private final Workloads inputs = new Workloads();
  private long statementsAtStart;
  private long ops;

  @Setup(Level.Trial)
  public void setUp() {
    BenchConfig config = BenchConfig.current();
    Fixture fixture = new Fixture(config);
    fixture.ensure();
    stack = Contestants.create(contestant, config, BenchConfig.CONCURRENT_POOL_SIZE);
    Workloads.verify(stack, fixture, Workload.CONCURRENT);
    statementsAtStart = stack.statements().total();
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    long statements = stack.statements().total() - statementsAtStart;
    Metrics.write(Workload.CONCURRENT, contestant, Map.of(Metrics.STATEMENTS_PER_OP,
        ops == 0 ? 0 : (double) statements / ops));
    stack.close();
  }

  @Benchmark
  public long findUsersWithRole() {
    ops++;
    return inputs.run(stack, Workload.CONCURRENT, inputs.advance());
  }
}
