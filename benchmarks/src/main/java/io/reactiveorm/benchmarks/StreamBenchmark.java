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
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.runner.IterationType;

/**
 * Streams the {@value Fixture#EVENTS} event rows into objects that are not kept, and reports the
 * time, the peak heap and the peak live heap (after GC) of each pass. Each pass is timed on its
 * own (single-shot mode). The fork runs with a fixed young generation so that peak heap figures
 * compare across contestants: what a stack keeps reachable shows as live heap.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g", "-Xmn128m"})
public class StreamBenchmark {

  @Param({Contestants.REACTIVE_ORM, Contestants.RAW_R2DBC, Contestants.SPRING_DATA,
      Contestants.HIBERNATE_REACTIVE, Contestants.JDBC})
  public String contestant;

  private Contestant stack;
  private long statementsAtStart;
  private long ops;
  private boolean measuring;
  private HeapWatch watch;
  private long peakHeap;
  private long peakLive;

  @Setup(Level.Trial)
  public void setUp() {
    BenchConfig config = BenchConfig.current();
    Fixture fixture = new Fixture(config);
    fixture.ensure();
    stack = Contestants.create(contestant, config, BenchConfig.POOL_SIZE);
    Workloads.verify(stack, fixture, Workload.STREAM);
    statementsAtStart = stack.statements().total();
  }

  @Setup(Level.Iteration)
  public void iteration(IterationParams params) {
    measuring = params.getType() == IterationType.MEASUREMENT;
  }

  @Setup(Level.Invocation)
  public void watchHeap() {
    watch = HeapWatch.start();
  }

  @TearDown(Level.Invocation)
  public void readHeap() {
    long[] peaks = watch.stop();
    if (measuring) {
      peakHeap = Math.max(peakHeap, peaks[0]);
      peakLive = Math.max(peakLive, peaks[1]);
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    long statements = stack.statements().total() - statementsAtStart;
    Metrics.write(Workload.STREAM, contestant, Map.of(
        Metrics.STATEMENTS_PER_OP, ops == 0 ? 0 : (double) statements / ops,
        Metrics.PEAK_HEAP_BYTES, peakHeap,
        Metrics.PEAK_LIVE_HEAP_BYTES, peakLive));
    stack.close();
  }

  @Benchmark
  public long streamEvents() {
    ops++;
    return stack.streamEvents();
  }
}
