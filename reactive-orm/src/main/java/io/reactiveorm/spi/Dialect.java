package io.reactiveorm.spi;

import io.r2dbc.spi.R2dbcException;
import java.util.List;

/**
 * What differs between databases, in one small stateless object per database: identifier quoting,
 * placeholders, type names, how generated keys come back, which fast statement forms exist, and
 * how driver errors are classified.
 *
 * <p>reactive-orm picks the dialect from the R2DBC driver's name ({@code PostgreSQL}, {@code
 * MariaDB}, {@code H2}); {@code Orm.builder().dialect(...)} overrides it. Supporting a new database
 * means writing one implementation of this interface:
 *
 * <pre>{@code
 * public final class MyDialect implements Dialect {
 *   public String name() { return "MyDB"; }
 *   public String placeholder(int position) { return "?"; }
 *   public String typeName(SqlType type, int length, int precision, int scale) { ... }
 *   public String identityColumn(SqlType type) { return typeName(type, 0, 0, 0) + " AUTO_INCREMENT"; }
 * }
 * }</pre>
 */
public interface Dialect {

  /** The database's name, as it appears in logs. */
  String name();

  /** Whether this dialect serves a driver whose metadata reports {@code driverName}. */
  default boolean matches(String driverName) {
    return driverName != null && driverName.toLowerCase().contains(name().toLowerCase());
  }

  /** Quotes an identifier taken from the model; never called with user input. */
  default String quote(String identifier) {
    return '"' + identifier + '"';
  }

  /** The bind marker of the parameter at {@code position}, counting from 1. */
  String placeholder(int position);

  /** The bind index the driver expects for the parameter at {@code position}, counting from 1. */
  default int bindIndex(int position) {
    return position - 1;
  }

  /** The column type for DDL; {@code length} applies to strings, precision and scale to decimals. */
  String typeName(SqlType type, int length, int precision, int scale);

  /** The column definition of a database-generated key of the given type. */
  String identityColumn(SqlType type);

  /** How values of {@code type} travel through this database's driver. */
  default ValueCodec codec(SqlType type, Class<?> javaType) {
    return ValueCodec.identity(javaType);
  }

  /** Whether {@code ILIKE} exists; without it, {@code LOWER(x) LIKE LOWER(?)} is used. */
  default boolean supportsIlike() {
    return false;
  }

  /**
   * Whether arrays can be bound as one parameter, enabling {@code = ANY(?)} and {@code unnest}
   * forms whose SQL text does not depend on the number of values.
   */
  default boolean supportsArrayBinds() {
    return false;
  }

  /** The SQL array type of {@code type}, or {@code null} when the driver cannot bind such arrays. */
  default String arrayTypeName(SqlType type) {
    return null;
  }

  /** The most parameters one statement may carry. */
  default int maxBindParameters() {
    return 30_000;
  }

  /**
   * Turns an {@code INSERT} into a statement that returns the generated {@code idColumn} of every
   * inserted row, in insertion order.
   */
  default String insertReturning(String insertSql, String quotedIdColumn) {
    return insertSql + " RETURNING " + quotedIdColumn;
  }

  /**
   * A bulk update of {@code rows} rows in one statement, or {@code null} when this database has
   * none and rows are sent as one batched statement each. The statement binds, row after row, the
   * key column values followed by the updated column values.
   *
   * @param quotedTable the table
   * @param quotedKeys the key columns that identify a row (id, and version if any)
   * @param quotedColumns the columns to set
   * @param rows the number of rows
   */
  default String multiRowUpdate(String quotedTable, List<String> quotedKeys,
      List<String> quotedColumns, int rows) {
    return null;
  }

  /** {@code CREATE TABLE IF NOT EXISTS}, or the plain form where the database lacks it. */
  default String createTableIfNotExists() {
    return "CREATE TABLE IF NOT EXISTS ";
  }

  /** {@code CREATE [UNIQUE] INDEX IF NOT EXISTS name ON table (columns)}. */
  default String createIndex(String quotedName, String quotedTable, String columns,
      boolean unique) {
    return "CREATE " + (unique ? "UNIQUE " : "") + "INDEX IF NOT EXISTS " + quotedName + " ON "
        + quotedTable + " (" + columns + ")";
  }

  /** {@code DROP TABLE IF EXISTS}, removing what depends on the table. */
  default String dropTable(String quotedTable) {
    return "DROP TABLE IF EXISTS " + quotedTable + " CASCADE";
  }

  /** Classifies a driver error; the default reads the SQLSTATE. */
  default ErrorKind classify(R2dbcException error) {
    String state = error.getSqlState();
    if (state == null) {
      return ErrorKind.OTHER;
    }
    if (state.equals("23505")) {
      return ErrorKind.UNIQUE_VIOLATION;
    }
    if (state.equals("23503") || state.equals("23506")) {
      return ErrorKind.FOREIGN_KEY_VIOLATION;
    }
    return ErrorKind.OTHER;
  }

  /** The name of the violated constraint, read from the error, or {@code null}. */
  default String constraintName(R2dbcException error) {
    return null;
  }

  /** What a driver error means to the caller. */
  enum ErrorKind { UNIQUE_VIOLATION, FOREIGN_KEY_VIOLATION, OTHER }
}
