package io.reactiveorm.internal.sql;

import java.util.List;

/**
 * SQL text plus its bound values, ready to run: the output of every renderer. Binds are database
 * values already converted by the mapping; a {@link NullValue} stands for a typed SQL NULL.
 *
 * @param sql the text, with the dialect's bind markers
 * @param binds one list of values per execution: one for a plain statement, several for a batch
 * @param fetchSize rows to fetch per round trip, 0 for the driver's default
 */
public record SqlStatement(String sql, List<List<Object>> binds, int fetchSize) {

  /** A NULL bound with the type the driver needs to encode it. */
  public record NullValue(Class<?> type) {}

  public static SqlStatement of(String sql, List<Object> binds) {
    return new SqlStatement(sql, List.of(binds), 0);
  }

  public SqlStatement withFetchSize(int rows) {
    return new SqlStatement(sql, binds, rows);
  }

  public int bindCount() {
    return binds.isEmpty() ? 0 : binds.get(0).size();
  }

  @Override
  public String toString() {
    return sql;
  }
}
