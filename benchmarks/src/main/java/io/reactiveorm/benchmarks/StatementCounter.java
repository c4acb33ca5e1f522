package io.reactiveorm.benchmarks;

import java.util.concurrent.atomic.LongAdder;

/**
 * Counts the SQL statements a contestant executes. A statement run with N sets of binds (a JDBC
 * or R2DBC batch) counts N times: the database executes it N times, even where the driver sends
 * them in one round trip.
 */
public final class StatementCounter {

  private final LongAdder count = new LongAdder();

  public void add(long statements) {
    count.add(statements);
  }

  public void increment() {
    count.increment();
  }

  public long total() {
    return count.sum();
  }
}
