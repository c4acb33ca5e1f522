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

  public EntityReader(EntityModel<E> model) {
    this.model = model;
    this.properties = model.properties().toArray(PropertyModel[]::new);
  }

  @Override
  public E apply(Row row, RowMetadata metadata) {
    E entity = model.newInstance();
    for (int i = 0; i < properties.length; i++) {
      PropertyModel property = properties[i];
      property.set(entity, property.fromDatabase(row.get(i, property.databaseType())));
    }
    return entity;
  }
}
