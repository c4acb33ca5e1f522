package io.reactiveorm.internal.exec;

import io.r2dbc.spi.Row;
import io.r2dbc.spi.RowMetadata;
import io.reactiveorm.internal.meta.EntityModel;
import io.reactiveorm.internal.meta.PropertyModel;
import java.util.function.BiFunction;

/**
 * Reads rows of the entity's own SELECT, whose columns come in model order: by index, with the
 * accessors precomputed, so nothing is looked up per row.
 */
public final class EntityReader<E> implements BiFunction<Row, RowMetadata, E> {

  private final EntityModel<E> model;
  private final PropertyModel[] properties;
  private final int idIndex;

  public EntityReader(EntityModel<E> model) {
    this.model = model;
    this.properties = model.properties().toArray(PropertyModel[]::new);
    this.idIndex = model.properties().indexOf(model.id());
  }

  @Override
  public E apply(Row row, RowMetadata metadata) {
    return read(row, 0);
  }

  /** The entity whose columns start at {@code offset}. */
  public E read(Row row, int offset) {
    E entity = model.newInstance();
    for (int i = 0; i < properties.length; i++) {
      PropertyModel property = properties[i];
      property.set(entity, property.fromDriver(row.get(offset + i, property.databaseType())));
    }
    return entity;
  }

  /**
   * The row as an array of its columns' snapshot values ({@link PropertyModel#snapshotValue}), in
   * model order, with the entity read from it in the last slot: what the unit of work keeps to
   * find changes at flush, taken while the values pass by instead of by reading every field of
   * the entity again.
   */
  public Object[] readWithSnapshot(Row row, RowMetadata metadata) {
    return readWithSnapshot(row, 0);
  }

  /** {@link #readWithSnapshot(Row, RowMetadata)} for the columns from {@code offset} on. */
  public Object[] readWithSnapshot(Row row, int offset) {
    E entity = model.newInstance();
    Object[] values = new Object[properties.length + 1];
    for (int i = 0; i < properties.length; i++) {
      PropertyModel property = properties[i];
      Object value = property.fromDriver(row.get(offset + i, property.databaseType()));
      property.set(entity, value);
      values[i] = property.snapshotOfRead(value);
    }
    values[properties.length] = entity;
    return values;
  }

  /** The entity whose columns start at {@code offset}, or {@code null} if its id is null. */
  public E readJoined(Row row, int offset) {
    return row.get(offset + idIndex) == null ? null : read(row, offset);
  }

  /** How many columns an entity takes. */
  public int width() {
    return properties.length;
  }
}
