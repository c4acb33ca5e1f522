package io.reactiveorm.internal.session;

import io.r2dbc.spi.Row;
import io.reactiveorm.internal.exec.EntityReader;
import io.reactiveorm.internal.meta.EntityModel;
import io.reactiveorm.internal.meta.PropertyModel;
import io.reactiveorm.internal.meta.RelationModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The rows of an entity with to-one relations joined ({@link
 * io.reactiveorm.internal.sql.SelectRenderer#selectJoined}): what to join, and how a row is read
 * into the owner and each target, as fresh instances no session has seen yet.
 */
final class JoinedRows {

  private final List<Map.Entry<EntityModel<?>, PropertyModel>> joins;
  private final EntityReader<?>[] readers;

  JoinedRows(OrmContext context, EntityModel<?> model, List<RelationModel> relations) {
    joins = new ArrayList<>(relations.size());
    readers = new EntityReader<?>[relations.size() + 1];
    readers[0] = context.reader(model.type());
    for (int i = 0; i < relations.size(); i++) {
      RelationModel relation = relations.get(i);
      joins.add(Map.entry(context.model(relation.targetType()), relation.foreignKey()));
      readers[i + 1] = context.reader(relation.targetType());
    }
  }

  /** Each joined target's model with the owner's foreign key to it, for the SQL. */
  List<Map.Entry<EntityModel<?>, PropertyModel>> joins() {
    return joins;
  }

  /** The owner, then each target in the order of the joins ({@code null} where none). */
  Object[] read(Row row) {
    Object[] entities = new Object[readers.length];
    entities[0] = readers[0].read(row, 0);
    int offset = readers[0].width();
    for (int i = 1; i < readers.length; i++) {
      entities[i] = readers[i].readJoined(row, offset);
      offset += readers[i].width();
    }
    return entities;
  }
}
