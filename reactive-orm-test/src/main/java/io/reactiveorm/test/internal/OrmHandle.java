package io.reactiveorm.test.internal;

import io.reactiveorm.NPlusOneMode;
import io.reactiveorm.Orm;
import io.reactiveorm.PoolStats;
import io.reactiveorm.test.StatementRecorder;
import io.reactiveorm.test.TestDatabase;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * An {@link Orm} for one test class on one database, with its schema and statement recorder;
 * closed with the class.
 */
public final class OrmHandle implements ExtensionContext.Store.CloseableResource, AutoCloseable {

  private static final Duration SCHEMA_TIMEOUT = Duration.ofMinutes(2);

  private final TestDatabase database;
  private final StatementRecorder recorder = new StatementRecorder();
  private final Orm orm;

  OrmHandle(TestDatabase database, List<Class<?>> entities, boolean strictNPlusOne) {
    this.database = database;
    this.orm = Orm.builder().url(database.url()).entities(entities).listener(recorder)
        .nPlusOne(strictNPlusOne ? NPlusOneMode.STRICT : NPlusOneMode.WARN)
        .build();
    // The JUnit thread is not a reactive thread: waiting here is allowed.
    orm.schema().drop().then(orm.schema().create()).block(SCHEMA_TIMEOUT);
  }

  public TestDatabase database() {
    return database;
  }

  public Orm orm() {
    return orm;
  }

  public StatementRecorder recorder() {
    return recorder;
  }

  /** Empties every table and forgets recorded statements, before a test. */
  void prepareForTest() {
    orm.schema().truncate().block(SCHEMA_TIMEOUT);
    recorder.reset();
  }

  /** Waits briefly for connections to come back; returns the stats if some never do. */
  PoolStats leakedConnections() throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(2).toNanos();
    PoolStats stats = orm.poolStats();
    while (stats.acquired() > 0 && System.nanoTime() < deadline) {
      Thread.sleep(10);
      stats = orm.poolStats();
    }
    return stats.acquired() > 0 ? stats : null;
  }

  @Override
  public void close() {
    orm.close();
  }
}
