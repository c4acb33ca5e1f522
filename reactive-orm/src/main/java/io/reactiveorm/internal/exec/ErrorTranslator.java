package io.reactiveorm.internal.exec;

import io.r2dbc.spi.R2dbcException;
import io.reactiveorm.ConstraintViolationException;
import io.reactiveorm.DatabaseException;
import io.reactiveorm.ForeignKeyViolationException;
import io.reactiveorm.OrmException;
import io.reactiveorm.UniqueViolationException;
import io.reactiveorm.spi.Dialect;

/** Maps driver errors onto reactive-orm's exception hierarchy, keeping the driver's as cause. */
public final class ErrorTranslator {

  private static final int MAX_SQL_IN_MESSAGE = 300;

  private final Dialect dialect;

  public ErrorTranslator(Dialect dialect) {
    this.dialect = dialect;
  }

  public Throwable translate(Throwable error, String sql) {
    if (error instanceof OrmException || !(error instanceof R2dbcException driverError)) {
      return error;
    }
    String constraint = dialect.constraintName(driverError);
    String statement = " [SQL: " + shorten(sql) + "]";
    return switch (dialect.classify(driverError)) {
      case UNIQUE_VIOLATION -> new UniqueViolationException("Duplicate value: unique constraint "
          + named(constraint) + " violated; " + driverError.getMessage() + statement,
          constraint, sql, error);
      case FOREIGN_KEY_VIOLATION -> new ForeignKeyViolationException("Foreign key "
          + named(constraint) + " violated; " + driverError.getMessage() + statement,
          constraint, sql, error);
      case OTHER -> driverError instanceof io.r2dbc.spi.R2dbcDataIntegrityViolationException
          ? new ConstraintViolationException(driverError.getMessage() + statement, constraint, sql,
              error)
          : new DatabaseException(driverError.getMessage() + statement, sql, error);
    };
  }

  private static String named(String constraint) {
    return constraint == null ? "(unnamed)" : "'" + constraint + "'";
  }

  static String shorten(String sql) {
    if (sql == null) {
      return "";
    }
    return sql.length() <= MAX_SQL_IN_MESSAGE ? sql : sql.substring(0, MAX_SQL_IN_MESSAGE) + "…";
  }
}
