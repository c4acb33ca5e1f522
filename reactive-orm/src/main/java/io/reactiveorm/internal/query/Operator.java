package io.reactiveorm.internal.query;

/** Binary comparison operators of a {@link Comparison}. */
public enum Operator {
  EQ("="), NE("<>"), GT(">"), GE(">="), LT("<"), LE("<="),
  LIKE("LIKE"), NOT_LIKE("NOT LIKE"), ILIKE("ILIKE");

  private final String sql;

  Operator(String sql) {
    this.sql = sql;
  }

  /** The SQL spelling of the operator. */
  public String sql() {
    return sql;
  }
}
