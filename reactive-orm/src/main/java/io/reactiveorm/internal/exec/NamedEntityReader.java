package io.reactiveorm.internal.exec;

import io.r2dbc.spi.ColumnMetadata;
import io.r2dbc.spi.Row;
import io.r2dbc.spi.RowMetadata;
import io.reactiveorm.internal.meta.EntityModel;
import io.reactiveorm.internal.meta.PropertyModel;
import java.util.List;
import java.util.function.BiFunction;

/**
 * Reads rows of hand-written SQL into entities by column name. The name-to-property match is
 * worked out on the first row and reused for the rest; columns the entity does not map are
 * skipped. Use one instance per result.
 */
public final class NamedEntityReader<E> implements BiFunction<Row, RowMetadata, E> {

  private final EntityModel<E> model;
  private PropertyModel[] byIndex;

  public NamedEntityReader(EntityModel<E> model) {
    this.model = model;
  }

  @Override
  public E apply(Row row, RowMetadata metadata) {
    if (byIndex == null) {
      byIndex = match(metadata.getColumnMetadatas());
    }
    E entity = model.newInstance();
    for (int i = 0; i < byIndex.length; i++) {
      PropertyModel property = byIndex[i];
      if (property != null) {
        property.set(entity, property.fromDriver(row.get(i, property.databaseType())));
      }
    }
    return entity;
  }

  private PropertyModel[] match(List<? extends ColumnMetadata> columns) {
    PropertyModel[] matched = new PropertyModel[columns.size()];
    for (int i = 0; i < matched.length; i++) {
      String name = columns.get(i).getName();
      for (PropertyModel property : model.properties()) {
        if (property.columnName().equalsIgnoreCase(name)) {
          matched[i] = property;
        }
      }
    }
    return matched;
  }
}
