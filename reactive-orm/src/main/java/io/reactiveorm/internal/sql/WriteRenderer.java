package io.reactiveorm.internal.sql;

import io.reactiveorm.InvalidQueryException;
import io.reactiveorm.internal.meta.EntityModel;
import io.reactiveorm.internal.meta.PropertyModel;
import io.reactiveorm.query.Assignment;
import io.reactiveorm.query.Condition;
import io.reactiveorm.spi.Dialect;
import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.List;

/**
 * Renders INSERT, UPDATE and DELETE statements, single and bulk, choosing the bulk form the
 * dialect allows: array binds with {@code unnest} and {@code = ANY}, multi-row VALUES, or a batch.
 */
public final class WriteRenderer {

  private final Dialect dialect;

  public WriteRenderer(Dialect dialect) {
    this.dialect = dialect;
  }

  /** Columns an INSERT writes: all but a database-generated id. */
  public static List<PropertyModel> insertedColumns(EntityModel<?> model) {
    return model.properties().stream().filter(p -> !p.isDatabaseGenerated()).toList();
  }

  /**
   * The columns to set for {@code changed}: those, plus the version (set to its next value), in
   * model order.
   */
  public static List<PropertyModel> withVersion(EntityModel<?> model,
      java.util.Set<PropertyModel> changed) {
    return model.properties().stream()
        .filter(p -> changed.contains(p) || p.isVersion())
        .filter(p -> !p.isId())
        .toList();
  }

  /** Columns an UPDATE sets: all but the id. */
  public static List<PropertyModel> updatedColumns(EntityModel<?> model) {
    return model.properties().stream().filter(p -> !p.isId()).toList();
  }

  /** Whether inserts of this entity can use array binds with {@code unnest}. */
  public boolean canUnnest(List<PropertyModel> columns) {
    return dialect.supportsArrayBinds()
        && columns.stream().allMatch(p -> dialect.arrayTypeName(p.column().sqlType()) != null);
  }

  /**
   * {@code INSERT INTO t (…) VALUES (…), (…)} for {@code entities}, returning the generated id
   * of each row when the database generates it.
   */
  public SqlStatement insertValues(EntityModel<?> model, List<?> entities) {
    List<PropertyModel> columns = insertedColumns(model);
    SqlWriter out = new SqlWriter(dialect);
    insertHead(model, columns, out);
    out.append(" VALUES ");
    for (int row = 0; row < entities.size(); row++) {
      out.append(row == 0 ? "(" : ", (");
      for (int i = 0; i < columns.size(); i++) {
        PropertyModel column = columns.get(i);
        out.append(i == 0 ? "" : ", ")
            .bind(column.databaseValue(entities.get(row)), column.databaseType());
      }
      out.append(")");
    }
    return returningId(model, out.toStatement());
  }

  /**
   * {@code INSERT INTO t (…) SELECT * FROM unnest($1::text[], …)}: one statement whose text does
   * not depend on the row count, so it is prepared once whatever the batch size.
   */
  public SqlStatement insertUnnest(EntityModel<?> model, List<?> entities) {
    List<PropertyModel> columns = insertedColumns(model);
    SqlWriter out = new SqlWriter(dialect);
    insertHead(model, columns, out);
    out.append(" SELECT * FROM unnest(");
    for (int i = 0; i < columns.size(); i++) {
      PropertyModel column = columns.get(i);
      out.append(i == 0 ? "" : ", ")
          .bind(columnArray(column, entities), column.databaseType().arrayType())
          .append("::").append(dialect.arrayTypeName(column.column().sqlType()));
    }
    out.append(")");
    return returningId(model, out.toStatement());
  }

  private void insertHead(EntityModel<?> model, List<PropertyModel> columns, SqlWriter out) {
    out.append("INSERT INTO ").quoted(model.table()).append(" (");
    for (int i = 0; i < columns.size(); i++) {
      out.append(i == 0 ? "" : ", ").quoted(columns.get(i).columnName());
    }
    out.append(")");
  }

  private SqlStatement returningId(EntityModel<?> model, SqlStatement insert) {
    if (!model.id().isDatabaseGenerated()) {
      return insert;
    }
    String sql = dialect.insertReturning(insert.sql(), dialect.quote(model.id().columnName()));
    return new SqlStatement(sql, insert.binds(), 0);
  }

  /**
   * {@code UPDATE t SET a = ?, … WHERE id = ? [AND version = ?]} as one statement with a binding
   * per entity; the version column is set to its next value.
   */
  public SqlStatement updateBatch(EntityModel<?> model, List<?> entities) {
    return updateBatch(model, updatedColumns(model), entities);
  }

  /** {@link #updateBatch(EntityModel, List)} setting only {@code columns} (and the version). */
  public SqlStatement updateBatch(EntityModel<?> model, List<PropertyModel> columns,
      List<?> entities) {
    PropertyModel version = model.version();
    StringBuilder sql = new StringBuilder("UPDATE ").append(dialect.quote(model.table()))
        .append(" SET ");
    int position = 1;
    for (int i = 0; i < columns.size(); i++) {
      sql.append(i == 0 ? "" : ", ").append(dialect.quote(columns.get(i).columnName()))
          .append(" = ").append(dialect.placeholder(position++));
    }
    sql.append(" WHERE ").append(dialect.quote(model.id().columnName())).append(" = ")
        .append(dialect.placeholder(position++));
    if (version != null) {
      sql.append(" AND ").append(dialect.quote(version.columnName())).append(" = ")
          .append(dialect.placeholder(position));
    }
    List<List<Object>> binds = new ArrayList<>(entities.size());
    for (Object entity : entities) {
      List<Object> row = new ArrayList<>(columns.size() + 2);
      for (PropertyModel column : columns) {
        row.add(bindable(column == version ? nextVersion(version, entity)
            : column.databaseValue(entity), column));
      }
      row.add(model.id().databaseValue(entity));
      if (version != null) {
        row.add(bindable(version.databaseValue(entity), version));
      }
      binds.add(row);
    }
    return new SqlStatement(sql.toString(), binds, 0);
  }

  /**
   * One statement updating many rows at once: {@code UPDATE … FROM unnest(…)} with array binds,
   * or the dialect's multi-row form; {@code null} when neither exists.
   */
  public SqlStatement updateMultiRow(EntityModel<?> model, List<?> entities) {
    return updateMultiRow(model, updatedColumns(model), entities);
  }

  /** {@link #updateMultiRow(EntityModel, List)} setting only {@code columns} (and the version). */
  public SqlStatement updateMultiRow(EntityModel<?> model, List<PropertyModel> columns,
      List<?> entities) {
    List<PropertyModel> keys = keys(model);
    if (canUnnest(model.properties())) {
      return updateUnnest(model, entities, keys, columns);
    }
    String sql = dialect.multiRowUpdate(dialect.quote(model.table()), quotedNames(keys),
        quotedNames(columns), entities.size());
    if (sql == null) {
      return null;
    }
    List<Object> binds = new ArrayList<>();
    for (Object entity : entities) {
      for (PropertyModel key : keys) {
        binds.add(bindable(key.databaseValue(entity), key));
      }
      for (PropertyModel column : columns) {
        binds.add(bindable(column.isVersion() ? nextVersion(column, entity)
            : column.databaseValue(entity), column));
      }
    }
    return SqlStatement.of(sql, binds);
  }

  private SqlStatement updateUnnest(EntityModel<?> model, List<?> entities,
      List<PropertyModel> keys, List<PropertyModel> columns) {
    SqlWriter out = new SqlWriter(dialect).append("UPDATE ").quoted(model.table()).append(" SET ");
    for (int i = 0; i < columns.size(); i++) {
      out.append(i == 0 ? "" : ", ").quoted(columns.get(i).columnName()).append(" = v.c" + i);
    }
    out.append(" FROM unnest(");
    List<String> aliases = new ArrayList<>();
    for (int i = 0; i < keys.size(); i++) {
      out.append(i == 0 ? "" : ", ");
      bindArray(keys.get(i), columnArray(keys.get(i), entities), out);
      aliases.add("k" + i);
    }
    for (int i = 0; i < columns.size(); i++) {
      PropertyModel column = columns.get(i);
      out.append(", ");
      bindArray(column, column.isVersion() ? nextVersions(column, entities)
          : columnArray(column, entities), out);
      aliases.add("c" + i);
    }
    out.append(") AS v(").append(String.join(", ", aliases)).append(") WHERE ");
    for (int i = 0; i < keys.size(); i++) {
      out.append(i == 0 ? "" : " AND ").quoted(model.table()).append(".")
          .quoted(keys.get(i).columnName()).append(" = v.k" + i);
    }
    return out.toStatement();
  }

  private void bindArray(PropertyModel column, Object array, SqlWriter out) {
    out.bind(array, column.databaseType().arrayType()).append("::")
        .append(dialect.arrayTypeName(column.column().sqlType()));
  }

  /** The id and, for versioned entities, the version: what identifies the row as read. */
  public static List<PropertyModel> keys(EntityModel<?> model) {
    return model.version() == null ? List.of(model.id()) : List.of(model.id(), model.version());
  }

  /** {@code DELETE FROM t WHERE id = ANY($1)} or {@code … IN (?, …)}. */
  public SqlStatement deleteByIds(EntityModel<?> model, List<?> ids) {
    SqlWriter out = new SqlWriter(dialect).append("DELETE FROM ").quoted(model.table())
        .append(" WHERE ");
    ConditionRenderer.render(idIn(model, ids), model, out);
    return out.toStatement();
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static Condition idIn(EntityModel<?> model, List<?> ids) {
    io.reactiveorm.query.Column column =
        io.reactiveorm.query.Column.of(model.type(), model.id().field(), model.id().javaType());
    return column.in((List) ids);
  }

  /** {@code DELETE FROM t WHERE id = ? AND version = ?}, one binding per entity. */
  public SqlStatement deleteVersionedBatch(EntityModel<?> model, List<?> entities) {
    PropertyModel id = model.id();
    PropertyModel version = model.version();
    String sql = "DELETE FROM " + dialect.quote(model.table()) + " WHERE "
        + dialect.quote(id.columnName()) + " = " + dialect.placeholder(1) + " AND "
        + dialect.quote(version.columnName()) + " = " + dialect.placeholder(2);
    List<List<Object>> binds = new ArrayList<>();
    for (Object entity : entities) {
      binds.add(List.of(id.databaseValue(entity), bindable(version.databaseValue(entity), version)));
    }
    return new SqlStatement(sql, binds, 0);
  }

  /** {@code UPDATE t SET … WHERE condition}. */
  public SqlStatement updateWhere(EntityModel<?> model, List<Assignment> assignments,
      Condition where) {
    if (assignments.isEmpty()) {
      throw new InvalidQueryException("update(...) on " + model.name() + " needs at least one"
          + " assignment, e.g. update(" + model.name() + "_.field.set(value))");
    }
    SqlWriter out = new SqlWriter(dialect).append("UPDATE ").quoted(model.table()).append(" SET ");
    for (int i = 0; i < assignments.size(); i++) {
      PropertyModel property = ConditionRenderer.property(assignments.get(i).column(), model);
      if (property.isId()) {
        throw new InvalidQueryException("update(...) on " + model.name() + " cannot change the id"
            + " field " + property.field());
      }
      out.append(i == 0 ? "" : ", ").quoted(property.columnName()).append(" = ");
      ConditionRenderer.bindValue(property, assignments.get(i).value(), out);
    }
    PropertyModel version = model.version();
    if (version != null) {
      // a bulk change is a change: versioned readers must notice it
      out.append(", ").quoted(version.columnName()).append(" = ").quoted(version.columnName())
          .append(" + 1");
    }
    whereClause(model, where, out);
    return out.toStatement();
  }

  /** {@code DELETE FROM t WHERE condition}. */
  public SqlStatement deleteWhere(EntityModel<?> model, Condition where) {
    SqlWriter out = new SqlWriter(dialect).append("DELETE FROM ").quoted(model.table());
    whereClause(model, where, out);
    return out.toStatement();
  }

  private static void whereClause(EntityModel<?> model, Condition where, SqlWriter out) {
    if (where != null) {
      out.append(" WHERE ");
      ConditionRenderer.render(where, model, out);
    }
  }

  private static Object columnArray(PropertyModel column, List<?> entities) {
    Object[] array = (Object[]) Array.newInstance(column.databaseType(), entities.size());
    for (int i = 0; i < array.length; i++) {
      array[i] = column.databaseValue(entities.get(i));
    }
    return array;
  }

  private static Object nextVersions(PropertyModel version, List<?> entities) {
    Object[] array = (Object[]) Array.newInstance(version.databaseType(), entities.size());
    for (int i = 0; i < array.length; i++) {
      array[i] = nextVersion(version, entities.get(i));
    }
    return array;
  }

  /** The version an entity has after a successful update. */
  public static Object nextVersion(PropertyModel version, Object entity) {
    Object current = version.get(entity);
    long next = current == null ? 0 : ((Number) current).longValue() + 1;
    return version.javaType() == Integer.class ? (Object) (int) next : (Object) next;
  }

  private static Object bindable(Object value, PropertyModel column) {
    return value == null ? new SqlStatement.NullValue(column.databaseType()) : value;
  }

  private List<String> quotedNames(List<PropertyModel> properties) {
    return properties.stream().map(p -> dialect.quote(p.columnName())).toList();
  }
}
