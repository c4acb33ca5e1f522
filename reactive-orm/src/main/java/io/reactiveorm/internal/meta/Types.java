package io.reactiveorm.internal.meta;

import io.reactiveorm.spi.SqlType;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;

/** The Java types reactive-orm maps out of the box, and primitive boxing. */
public final class Types {

  static final Map<Class<?>, SqlType> SQL_TYPES = Map.ofEntries(
      Map.entry(String.class, SqlType.STRING),
      Map.entry(Short.class, SqlType.SMALLINT),
      Map.entry(Byte.class, SqlType.SMALLINT),
      Map.entry(Integer.class, SqlType.INTEGER),
      Map.entry(Long.class, SqlType.BIGINT),
      Map.entry(Float.class, SqlType.REAL),
      Map.entry(Double.class, SqlType.DOUBLE),
      Map.entry(BigDecimal.class, SqlType.DECIMAL),
      Map.entry(Boolean.class, SqlType.BOOLEAN),
      Map.entry(LocalDate.class, SqlType.DATE),
      Map.entry(LocalTime.class, SqlType.TIME),
      Map.entry(LocalDateTime.class, SqlType.TIMESTAMP),
      Map.entry(OffsetDateTime.class, SqlType.TIMESTAMP_TZ),
      Map.entry(Instant.class, SqlType.INSTANT),
      Map.entry(UUID.class, SqlType.UUID),
      Map.entry(byte[].class, SqlType.BINARY));

  private static final Map<Class<?>, Class<?>> BOXES = Map.of(
      boolean.class, Boolean.class, byte.class, Byte.class, short.class, Short.class,
      int.class, Integer.class, long.class, Long.class, float.class, Float.class,
      double.class, Double.class, char.class, Character.class);

  private Types() {}

  /** The wrapper class of a primitive, or the class itself. */
  public static Class<?> boxed(Class<?> type) {
    return type.isPrimitive() ? BOXES.get(type) : type;
  }

  /** The SQL type of a supported plain Java type (boxed), or {@code null}. */
  public static SqlType sqlTypeOf(Class<?> javaType) {
    return SQL_TYPES.get(javaType);
  }

  /** A readable list of the supported types, for error messages. */
  static String supported() {
    return "String, int, long, short, byte, boolean, double, float (and their wrappers),"
        + " BigDecimal, LocalDate, LocalTime, LocalDateTime, OffsetDateTime, Instant, UUID,"
        + " byte[], enums, @Json String";
  }
}
