package io.reactiveorm.internal.sql;

import io.reactiveorm.spi.Dialect;
import java.util.ArrayList;
import java.util.List;

/** Appends SQL text and binds, numbering bind markers the way the dialect wants. */
public final class SqlWriter {

  private final Dialect dialect;
  private final StringBuilder sql = new StringBuilder(256);
  private final List<Object> binds = new ArrayList<>();
  private String columnQualifier;

  public SqlWriter(Dialect dialect) {
    this.dialect = dialect;
  }

  public Dialect dialect() {
    return dialect;
  }

  public SqlWriter append(String text) {
    sql.append(text);
    return this;
  }

  public SqlWriter quoted(String identifier) {
    sql.append(dialect.quote(identifier));
    return this;
  }

  /** A column of the queried table, qualified once {@link #qualifyColumns} named its alias. */
  public SqlWriter column(String name) {
    if (columnQualifier != null) {
      sql.append(columnQualifier).append('.');
    }
    return quoted(name);
  }

  /**
   * Qualifies the columns written by {@link #column} from now on with {@code alias}: conditions
   * and orders of a query that joins other tables to the queried one.
   */
  public SqlWriter qualifyColumns(String alias) {
    this.columnQualifier = alias;
    return this;
  }

  /** Appends a bind marker for {@code value}; {@code null} binds a NULL of {@code type}. */
  public SqlWriter bind(Object value, Class<?> type) {
    binds.add(value == null ? new SqlStatement.NullValue(type) : value);
    sql.append(dialect.placeholder(binds.size()));
    return this;
  }

  /** The SQL text written so far (binds, if any, are not part of it). */
  public String sql() {
    return sql.toString();
  }

  public int length() {
    return sql.length();
  }

  public SqlStatement toStatement() {
    return SqlStatement.of(sql.toString(), List.copyOf(binds));
  }
}
