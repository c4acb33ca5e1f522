package io.reactiveorm.spi;

import java.time.Duration;

/**
 * Hears about every statement an {@code Orm} runs, after it finished: for statement counting in
 * tests (the test kit's {@code StatementRecorder}), metrics or tracing. Called on the thread that
 * completed the statement; implementations must be fast, thread-safe and must not block.
 *
 * <pre>{@code Orm.builder().url(url).listener(event -> metrics.record(event.duration())).build();}</pre>
 */
@FunctionalInterface
public interface StatementListener {

  /**
   * One finished statement.
   *
   * @param sql the SQL text
   * @param bindings how many sets of binds it ran with (1 unless batched)
   * @param duration from subscription to completion, error or cancellation
   * @param rows rows returned or affected
   * @param error the failure, or {@code null}
   * @param inTransaction whether it ran inside an explicit transaction
   */
  record StatementEvent(String sql, int bindings, Duration duration, long rows, Throwable error,
      boolean inTransaction) {}

  void onStatement(StatementEvent event);
}
