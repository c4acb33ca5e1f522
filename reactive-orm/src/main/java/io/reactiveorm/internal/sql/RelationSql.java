package io.reactiveorm.internal.sql;

import io.reactiveorm.internal.meta.EntityModel;
import io.reactiveorm.internal.meta.PropertyModel;
import io.reactiveorm.internal.meta.RelationModel.JoinTable;
import io.reactiveorm.query.Column;
import io.reactiveorm.spi.Dialect;
import java.util.List;

/** Renders the batched statements that load relations: one per relation and chunk of keys. */
public final class RelationSql {

  private final Dialect dialect;
  private final SelectRenderer selects;

  public RelationSql(Dialect dialect, SelectRenderer selects) {
    this.dialect = dialect;
    this.selects = selects;
  }

  /** {@code SELECT <target columns> FROM target WHERE key = ANY($1)} (or {@code IN}). */
  @SuppressWarnings({"unchecked", "rawtypes"})
  public SqlStatement targetsWhereKeyIn(EntityModel<?> target, PropertyModel key, List<?> keys) {
    Column column = Column.of(target.type(), key.field(), key.javaType());
    return selects.select(SelectSpec.of(target.type()).where(column.in((List) keys)), target);
  }

  /**
   * {@code SELECT j.owner, t.* FROM target t JOIN join_table j ON t.id = j.target WHERE j.owner =
   * ANY($1)}: the owner's key comes first, then the target's columns in model order.
   */
  public SqlStatement joinedTargets(EntityModel<?> target, JoinTable joinTable,
      PropertyModel ownerKeyType, List<?> ownerKeys) {
    SqlWriter out = new SqlWriter(dialect).append("SELECT j.").quoted(joinTable.ownerColumn());
    for (PropertyModel property : target.properties()) {
      out.append(", t.").quoted(property.columnName());
    }
    out.append(" FROM ").quoted(target.table()).append(" t JOIN ").quoted(joinTable.name())
        .append(" j ON t.").quoted(target.id().columnName()).append(" = j.")
        .quoted(joinTable.targetColumn()).append(" WHERE j.").quoted(joinTable.ownerColumn());
    if (dialect.supportsArrayBinds()) {
      out.append(" = ANY(")
          .bind(ConditionRenderer.toArray(ownerKeyType, ownerKeys),
              ownerKeyType.databaseType().arrayType())
          .append(")");
    } else {
      out.append(" IN (");
      for (int i = 0; i < ownerKeys.size(); i++) {
        out.append(i == 0 ? "" : ", ").bind(ownerKeyType.toDatabase(ownerKeys.get(i)),
            ownerKeyType.databaseType());
      }
      out.append(")");
    }
    return out.toStatement();
  }
}
