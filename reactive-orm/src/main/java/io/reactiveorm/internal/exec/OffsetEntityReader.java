package io.reactiveorm.internal.exec;

import io.r2dbc.spi.Row;
import io.r2dbc.spi.RowMetadata;
import io.reactiveorm.internal.meta.EntityModel;
import io.reactiveorm.internal.meta.PropertyModel;
import java.util.function.BiFunction;

/**
 * Reads a row whose first column is a key and whose other columns are an entity in model order,
 * as the many-to-many load returns them.
 *
 * @param <E> the entity type
 */
public final class OffsetEntityReader<E> implements BiFunction<Row, RowMetadata, Object[]> {

  private final EntityModel<E> model;
  private final PropertyModel key;
  private final PropertyModel[] properties;

  public OffsetEntityReader(EntityModel<E> model, PropertyModel key) {
    this.model = model;
    this.key = key;
    this.properties = model.properties().toArray(PropertyModel[]::new);
  }

  /** {@code [key, entity]}. */
  @Override
  public Object[] apply(Row row, RowMetadata metadata) {
    Object keyValue = key.fromDriver(row.get(0, key.databaseType()));
    E entity = model.newInstance();
    for (int i = 0; i < properties.length; i++) {
      PropertyModel property = properties[i];
      property.set(entity, property.fromDriver(row.get(i + 1, property.databaseType())));
    }
    return new Object[] {keyValue, entity};
  }
}
