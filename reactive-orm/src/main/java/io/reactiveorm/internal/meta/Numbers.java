package io.reactiveorm.internal.meta;

import java.math.BigDecimal;
import java.math.BigInteger;

/** Narrows or widens a number a driver returned to the type a field declares. */
public final class Numbers {

  private Numbers() {}

  /** {@code value} as {@code target} when both are numbers, else {@code value} unchanged. */
  public static Object convert(Object value, Class<?> target) {
    if (!(value instanceof Number number) || target.isInstance(value)) {
      return value;
    }
    Class<?> boxed = Types.boxed(target);
    if (boxed == Integer.class) {
      return number.intValue();
    } else if (boxed == Long.class) {
      return number.longValue();
    } else if (boxed == Short.class) {
      return number.shortValue();
    } else if (boxed == Byte.class) {
      return number.byteValue();
    } else if (boxed == Double.class) {
      return number.doubleValue();
    } else if (boxed == Float.class) {
      return number.floatValue();
    } else if (boxed == BigDecimal.class) {
      return number instanceof BigInteger big ? new BigDecimal(big) : new BigDecimal(number.toString());
    }
    return value;
  }
}
