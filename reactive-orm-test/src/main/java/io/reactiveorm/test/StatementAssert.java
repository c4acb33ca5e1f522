package io.reactiveorm.test;

import java.util.List;
import java.util.function.Predicate;
import org.assertj.core.api.AbstractAssert;

/**
 * AssertJ assertions on a {@link StatementRecorder}.
 *
 * <pre>{@code
 * StatementAssert.assertThat(statements)
 *     .hasStatementCount(2)
 *     .anyMatch(sql -> sql.contains("= ANY("));
 * }</pre>
 */
public final class StatementAssert extends AbstractAssert<StatementAssert, StatementRecorder> {

  private StatementAssert(StatementRecorder actual) {
    super(actual, StatementAssert.class);
  }

  /** Entry point. */
  public static StatementAssert assertThat(StatementRecorder recorder) {
    return new StatementAssert(recorder);
  }

  /** Exactly {@code expected} statements ran. */
  public StatementAssert hasStatementCount(int expected) {
    isNotNull();
    if (actual.count() != expected) {
      failWithMessage("Expected %d statement(s) but %d ran:%n%s", expected, actual.count(),
          listing(actual.sql()));
    }
    return this;
  }

  /** At most {@code limit} statements ran. */
  public StatementAssert hasStatementCountAtMost(int limit) {
    isNotNull();
    if (actual.count() > limit) {
      failWithMessage("Expected at most %d statement(s) but %d ran:%n%s", limit, actual.count(),
          listing(actual.sql()));
    }
    return this;
  }

  /** Some statement's SQL matches. */
  public StatementAssert anyMatch(Predicate<String> sql) {
    isNotNull();
    if (actual.sql().stream().noneMatch(sql)) {
      failWithMessage("No statement matched; statements:%n%s", listing(actual.sql()));
    }
    return this;
  }

  /** Every statement's SQL matches. */
  public StatementAssert allMatch(Predicate<String> sql) {
    isNotNull();
    List<String> failing = actual.sql().stream().filter(sql.negate()).toList();
    if (!failing.isEmpty()) {
      failWithMessage("These statements did not match:%n%s", listing(failing));
    }
    return this;
  }

  private static String listing(List<String> sql) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < sql.size(); i++) {
      String text = sql.get(i);
      out.append("  ").append(i + 1).append(". ")
          .append(text.length() > 200 ? text.substring(0, 200) + "…" : text).append('\n');
    }
    return out.toString();
  }
}
