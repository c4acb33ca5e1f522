package io.reactiveorm.benchmarks;

/**
 * Runs one workload of one contestant in a loop, for profiling it with JFR (or any profiler),
 * outside JMH:
 *
 * <pre>
 * java -XX:StartFlightRecording=filename=orm.jfr,settings=profile \
 *     -cp benchmarks/target/benchmarks.jar io.reactiveorm.benchmarks.ProfileWorkload \
 *     reactive-orm selectUsers 30
 * jfr print --events jdk.ExecutionSample orm.jfr
 * </pre>
 *
 * <p>Arguments: contestant, workload (its benchmark method name), seconds to run after the
 * warm-up, and optionally the warm-up's seconds (5 by default; the JIT may still be compiling
 * after 15 s, so take 20 or more before comparing CPU per operation), and optionally how many
 * measured stretches to run one after the other (1 by default: more show whether the JIT has
 * settled). Prints per operation the time, this JVM's CPU, the database's CPU, thread switches
 * and statements.
 */
public final class ProfileWorkload {

  private ProfileWorkload() {}

  public static void main(String[] args) {
    String name = args[0];
    Workload workload = Workload.ofBenchmark(args[1]);
    long seconds = args.length > 2 ? Long.parseLong(args[2]) : 30;
    long warmUp = args.length > 3 ? Long.parseLong(args[3]) : 5;
    int measured = args.length > 4 ? Integer.parseInt(args[4]) : 1;
    BenchConfig config = BenchConfig.current();
    Fixture fixture = new Fixture(config);
    fixture.ensure();
    int poolSize = workload == Workload.CONCURRENT ? BenchConfig.CONCURRENT_POOL_SIZE
        : BenchConfig.POOL_SIZE;
    Workloads inputs = new Workloads();
    long sink = 0;
    try (Contestant contestant = Contestants.create(name, config, poolSize)) {
      Workloads.verify(contestant, fixture, workload);
      for (int phase = 0; phase <= measured; phase++) {
        long statements = contestant.statements().total();
        long cpuStart = processCpuNanos();
        long switchesStart = ProcStats.contextSwitches();
        long databaseStart = ProcStats.databaseCpuNanos();
        long end = System.nanoTime() + (phase == 0 ? warmUp : seconds) * 1_000_000_000L;
        long start = System.nanoTime();
        long ops = 0;
        while (System.nanoTime() < end) {
          sink += inputs.run(contestant, workload, inputs.advance());
          ops++;
          if (workload == Workload.INSERT && ops % 100 == 0) {
            fixture.deleteInsertedUsers();
          }
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        double cpuMillis = (processCpuNanos() - cpuStart) / 1e6;
        double databaseMillis = (ProcStats.databaseCpuNanos() - databaseStart) / 1e6;
        double switches = ProcStats.contextSwitches() - switchesStart;
        System.out.printf("%s %s %s: %d ops in %.1f s, %.3f ms/op, %.3f ms of this JVM's CPU/op,"
                + " %.3f ms of the database's CPU/op, %.1f thread switches/op,"
                + " %.1f statements/op%n",
            phase == 0 ? "warm-up" : "measured", name, workload.method(), ops, elapsed,
            elapsed * 1000 / ops, cpuMillis / ops, databaseMillis / ops, switches / ops,
            (double) (contestant.statements().total() - statements) / ops);
      }
    } finally {
      fixture.deleteInsertedUsers();
    }
    System.out.println("(checksum " + sink + ")");
  }

  /** CPU time of every thread of this JVM: the client's cost, whatever the database takes. */
  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean)
        java.lang.management.ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
  }
}
