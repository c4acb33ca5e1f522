package io.reactiveorm.internal.dialect;

import io.r2dbc.spi.R2dbcException;
import io.reactiveorm.spi.Dialect;
import io.reactiveorm.spi.SqlType;
import io.reactiveorm.spi.ValueCodec;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * MariaDB (10.5 and later, for {@code RETURNING}) and MySQL through r2dbc-mariadb. MariaDB has no
 * time-zone type: {@code OffsetDateTime} and {@code Instant} are stored in UTC and read back at
 * offset zero. UUIDs are stored as their 36-character text.
 */
public final class MariaDbDialect implements Dialect {

  public static final MariaDbDialect INSTANCE = new MariaDbDialect();

  private static final Pattern DUPLICATE_KEY = Pattern.compile("for key '(?:[^'.]+\\.)?([^']+)'");
  private static final Pattern FOREIGN_KEY = Pattern.compile("CONSTRAINT `([^`]+)`");

  private MariaDbDialect() {}

  @Override
  public String name() {
    return "MariaDB";
  }

  @Override
  public boolean matches(String driverName) {
    return driverName != null && (driverName.toLowerCase().contains("mariadb")
        || driverName.toLowerCase().contains("mysql"));
  }

  @Override
  public String quote(String identifier) {
    return '`' + identifier + '`';
  }

  @Override
  public String placeholder(int position) {
    return "?";
  }

  @Override
  public String typeName(SqlType type, int length, int precision, int scale) {
    return switch (type) {
      case STRING -> length <= 4000 ? "VARCHAR(" + length + ")" : "LONGTEXT";
      case SMALLINT -> "SMALLINT";
      case INTEGER -> "INT";
      case BIGINT -> "BIGINT";
      case REAL -> "FLOAT";
      case DOUBLE -> "DOUBLE";
      case DECIMAL -> "DECIMAL(" + Math.min(precision, 65) + "," + Math.min(scale, 30) + ")";
      case BOOLEAN -> "BOOLEAN";
      case DATE -> "DATE";
      case TIME -> "TIME(6)";
      case TIMESTAMP, TIMESTAMP_TZ, INSTANT -> "DATETIME(6)";
      case UUID -> "CHAR(36)";
      case BINARY -> "LONGBLOB";
      case JSON -> "LONGTEXT";
    };
  }

  @Override
  public String identityColumn(SqlType type) {
    return typeName(type, 0, 0, 0) + " AUTO_INCREMENT";
  }

  @Override
  public ValueCodec codec(SqlType type, Class<?> javaType) {
    return switch (type) {
      case UUID -> new ValueCodec(String.class, value -> UUID.fromString((String) value),
          Object::toString);
      case TIMESTAMP_TZ -> new ValueCodec(LocalDateTime.class,
          value -> ((LocalDateTime) value).atOffset(ZoneOffset.UTC),
          value -> ((OffsetDateTime) value).withOffsetSameInstant(ZoneOffset.UTC)
              .toLocalDateTime());
      case INSTANT -> new ValueCodec(LocalDateTime.class,
          value -> ((LocalDateTime) value).toInstant(ZoneOffset.UTC),
          value -> LocalDateTime.ofInstant((Instant) value, ZoneOffset.UTC));
      default -> ValueCodec.identity(javaType);
    };
  }

  @Override
  public String multiRowUpdate(String quotedTable, List<String> quotedKeys,
      List<String> quotedColumns, int rows) {
    int width = quotedKeys.size() + quotedColumns.size();
    StringBuilder sql = new StringBuilder("UPDATE ").append(quotedTable).append(" t JOIN (");
    for (int row = 0; row < rows; row++) {
      sql.append(row == 0 ? "SELECT " : " UNION ALL SELECT ");
      for (int column = 0; column < width; column++) {
        sql.append(column == 0 ? "?" : ", ?");
        if (row == 0) {
          // positional aliases: the version is both a key (old value) and a column (new value)
          sql.append(" AS ").append(column < quotedKeys.size()
              ? "k" + column : "c" + (column - quotedKeys.size()));
        }
      }
    }
    sql.append(") v ON ");
    for (int key = 0; key < quotedKeys.size(); key++) {
      sql.append(key == 0 ? "" : " AND ").append("t.").append(quotedKeys.get(key))
          .append(" = v.k").append(key);
    }
    sql.append(" SET ");
    for (int column = 0; column < quotedColumns.size(); column++) {
      sql.append(column == 0 ? "" : ", ").append("t.").append(quotedColumns.get(column))
          .append(" = v.c").append(column);
    }
    return sql.toString();
  }

  @Override
  public int maxBindParameters() {
    return 30_000;
  }

  @Override
  public ErrorKind classify(R2dbcException error) {
    return switch (error.getErrorCode()) {
      case 1062, 1586 -> ErrorKind.UNIQUE_VIOLATION;
      case 1216, 1217, 1451, 1452 -> ErrorKind.FOREIGN_KEY_VIOLATION;
      default -> Dialect.super.classify(error);
    };
  }

  @Override
  public String constraintName(R2dbcException error) {
    String message = String.valueOf(error.getMessage());
    Matcher matcher = DUPLICATE_KEY.matcher(message);
    if (matcher.find()) {
      return matcher.group(1);
    }
    matcher = FOREIGN_KEY.matcher(message);
    return matcher.find() ? matcher.group(1) : null;
  }
}
