package io.reactiveorm;

/**
 * What a session does when it notices a relation loaded one row at a time (the N+1 pattern that
 * batching could not save, e.g. a sequential loop over entities each found by its own query).
 *
 * <pre>{@code Orm.builder().url(url).entities(...).nPlusOne(NPlusOneMode.STRICT).build();}</pre>
 */
public enum NPlusOneMode {
  /** Say nothing. */
  OFF,
  /** Log a warning naming the relation and the code location (the default). */
  WARN,
  /** Fail the load with an {@link NPlusOneException}: for tests. */
  STRICT
}
