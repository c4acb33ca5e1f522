package io.reactiveorm.internal.exec;

import io.r2dbc.spi.Row;
import io.r2dbc.spi.RowMetadata;
import io.reactiveorm.internal.meta.PropertyModel;
import java.util.function.BiFunction;

/**
 * Reads a row whose first column is a key and whose other columns are an entity in model order,
 * as the many-to-many load returns them: {@code [key, entity]}, or for a tracked read {@code
 * [key, snapshot]} as {@link EntityReader#readWithSnapshot(Row, int)} takes it.
 */
public final class OffsetEntityReader implements BiFunction<Row, RowMetadata, Object[]> {

  private final EntityReader<?> entities;
  private final PropertyModel key;
  private final boolean withSnapshot;

  public OffsetEntityReader(EntityReader<?> entities, PropertyModel key, boolean withSnapshot) {
    this.entities = entities;
    this.key = key;
    this.withSnapshot = withSnapshot;
  }

  @Override
  public Object[] apply(Row row, RowMetadata metadata) {
    Object keyValue = key.fromDriver(row.get(0, key.databaseType()));
    Object read = withSnapshot ? entities.readWithSnapshot(row, 1) : entities.read(row, 1);
    return new Object[] {keyValue, read};
  }
}
