package io.reactiveorm.benchmarks;

import java.util.List;

/**
 * Runs every workload once for every contestant and checks the answers against the database,
 * printing the statements each one took: a one-minute check of a setup, without JMH
 * ({@code java -jar benchmarks.jar --verify}).
 */
public final class Verify {

  private Verify() {}

  /** Returns the number of failures. */
  public static int run(List<String> contestants, List<Workload> workloads) {
    BenchConfig config = BenchConfig.current();
    Fixture fixture = new Fixture(config);
    fixture.ensure();
    int failures = 0;
    for (String name : contestants) {
      for (Workload workload : workloads) {
        int poolSize = workload == Workload.CONCURRENT ? BenchConfig.CONCURRENT_POOL_SIZE
            : BenchConfig.POOL_SIZE;
        try (Contestant contestant = Contestants.create(name, config, poolSize)) {
          long start = System.nanoTime();
          Workloads.verify(contestant, fixture, workload);
          System.out.printf("ok    %-20s %-22s %8d statements %10.1f ms (first run, cold)%n", name,
              workload.method(), contestant.statements().total(),
              (System.nanoTime() - start) / 1e6);
        } catch (RuntimeException | Error e) {
          failures++;
          System.out.printf("FAIL  %-20s %-22s %s%n", name, workload.method(), e);
          e.printStackTrace(System.out);
        }
      }
    }
    fixture.deleteInsertedUsers();
    return failures;
  }
}
