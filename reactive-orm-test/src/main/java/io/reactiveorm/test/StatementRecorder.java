package io.reactiveorm.test;

import io.reactiveorm.spi.StatementListener;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Records every statement an {@code Orm} runs, so a test can count and inspect the SQL that a
 * piece of reactive code issued and pin N+1 regressions. {@link OrmTest} installs one and resets
 * it before each test; outside the extension, pass it to {@code Orm.builder().listener(...)}.
 *
 * <pre>{@code
 * statements.reset();
 * session.query(User.class).list().as(StepVerifier::create).expectNextCount(100).verifyComplete();
 * StatementAssert.assertThat(statements).hasStatementCount(1).allMatch(sql -> sql.startsWith("SELECT"));
 * }</pre>
 */
public final class StatementRecorder implements StatementListener {

  private final List<StatementEvent> events = new CopyOnWriteArrayList<>();

  @Override
  public void onStatement(StatementEvent event) {
    events.add(event);
  }

  /** Forgets what was recorded so far. */
  public void reset() {
    events.clear();
  }

  /** The statements recorded since the last reset, in the order they finished. */
  public List<StatementEvent> events() {
    return List.copyOf(events);
  }

  /** The SQL texts recorded since the last reset. */
  public List<String> sql() {
    return events.stream().map(StatementEvent::sql).toList();
  }

  /** How many statements ran since the last reset. */
  public int count() {
    return events.size();
  }
}
