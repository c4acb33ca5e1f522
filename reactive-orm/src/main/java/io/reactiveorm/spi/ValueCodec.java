package io.reactiveorm.spi;

import java.util.function.Function;

/**
 * How values of one {@link SqlType} travel through a driver: the class to ask the row for, and
 * conversions between that class and the Java type the mapping uses. Conversions never see
 * {@code null}.
 *
 * @param databaseType the class passed to {@code Row.get(index, type)} and to {@code bindNull}
 * @param decode converts what the driver returned into the mapping's Java type
 * @param encode converts the mapping's Java value into what the driver binds
 */
public record ValueCodec(
    Class<?> databaseType, Function<Object, Object> decode, Function<Object, Object> encode) {

  /** A codec that hands values to and from the driver unchanged. */
  public static ValueCodec identity(Class<?> type) {
    return new ValueCodec(type, Function.identity(), Function.identity());
  }
}
