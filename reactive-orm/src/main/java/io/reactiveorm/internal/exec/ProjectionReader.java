package io.reactiveorm.internal.exec;

import io.r2dbc.spi.Row;
import io.r2dbc.spi.RowMetadata;
import io.reactiveorm.MappingException;
import io.reactiveorm.OrmException;
import io.reactiveorm.internal.meta.Numbers;
import io.reactiveorm.internal.meta.PropertyModel;
import io.reactiveorm.internal.meta.Types;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.RecordComponent;
import java.util.List;
import java.util.function.BiFunction;

/**
 * Reads the selected columns, by position, into a record's canonical constructor. A selected
 * entity column is decoded by its mapping (enums, converters, dialect types); an aggregate is read
 * as its own type.
 */
public final class ProjectionReader<R> implements BiFunction<Row, RowMetadata, R> {

  /** How to read one selected value: with a property's mapping, or as a plain type. */
  public record Slot(PropertyModel property, Class<?> plainType) {

    /** Reads the value at {@code index}. */
    public Object read(Row row, int index) {
      if (property != null) {
        return property.fromDatabase(row.get(index, property.databaseType()));
      }
      Object value = row.get(index);
      return Numbers.convert(value, plainType);
    }
  }

  private final Slot[] slots;
  private final MethodHandle constructor;
  private final Class<R> type;

  public ProjectionReader(Class<R> type, List<Slot> slots) {
    if (!type.isRecord()) {
      throw new MappingException("Projection type " + type.getSimpleName() + " must be a record"
          + " whose components match the selected values in order");
    }
    RecordComponent[] components = type.getRecordComponents();
    if (components.length != slots.size()) {
      throw new MappingException("Record " + type.getSimpleName() + " has " + components.length
          + " components but the query selects " + slots.size() + " values; make them match");
    }
    this.type = type;
    this.slots = slots.toArray(Slot[]::new);
    Class<?>[] parameterTypes = new Class<?>[components.length];
    for (int i = 0; i < components.length; i++) {
      parameterTypes[i] = components[i].getType();
    }
    try {
      this.constructor = MethodHandles.privateLookupIn(type, MethodHandles.lookup())
          .findConstructor(type, MethodType.methodType(void.class, parameterTypes))
          .asSpreader(Object[].class, parameterTypes.length)
          .asType(MethodType.methodType(Object.class, Object[].class));
    } catch (ReflectiveOperationException e) {
      throw new MappingException("Cannot use the canonical constructor of " + type.getName(), e);
    }
    for (int i = 0; i < components.length; i++) {
      if (components[i].getType().isPrimitive() && slots.get(i).property() == null) {
        continue;
      }
      Class<?> expected = Types.boxed(components[i].getType());
      Class<?> actual = slots.get(i).property() != null
          ? slots.get(i).property().javaType() : slots.get(i).plainType();
      if (!expected.isAssignableFrom(actual)) {
        throw new MappingException("Record component " + type.getSimpleName() + "."
            + components[i].getName() + " has type " + expected.getSimpleName()
            + " but the selected value is a " + actual.getSimpleName());
      }
    }
  }

  @Override
  @SuppressWarnings("unchecked")
  public R apply(Row row, RowMetadata metadata) {
    Object[] values = new Object[slots.length];
    for (int i = 0; i < slots.length; i++) {
      values[i] = slots[i].read(row, i);
    }
    try {
      return (R) constructor.invokeExact(values);
    } catch (Throwable e) {
      throw new OrmException("Cannot create " + type.getSimpleName() + " from a row", e);
    }
  }
}
