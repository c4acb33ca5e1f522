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
      property.set(entity, property.fromDatabase(row.get(offset + i, property.databaseType())));
    }
    return entity;
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
