package io.reactiveorm.internal.sql;

import io.reactiveorm.InvalidQueryException;
import io.reactiveorm.internal.meta.EntityModel;
import io.reactiveorm.internal.meta.PropertyModel;
import io.reactiveorm.internal.query.Between;
import io.reactiveorm.internal.query.Comparison;
import io.reactiveorm.internal.query.InList;
import io.reactiveorm.internal.query.Junction;
import io.reactiveorm.internal.query.Negation;
import io.reactiveorm.internal.query.NullCheck;
import io.reactiveorm.internal.query.Operator;
import io.reactiveorm.query.Column;
import io.reactiveorm.query.Condition;
import java.lang.reflect.Array;
import java.util.List;

/** Renders a condition tree of one entity into a WHERE clause, binding every value. */
public final class ConditionRenderer {

  private ConditionRenderer() {}

  public static void render(Condition condition, EntityModel<?> model, SqlWriter out) {
    if (condition instanceof Comparison comparison) {
      comparison(comparison, model, out);
    } else if (condition instanceof InList in) {
      inList(in, model, out);
    } else if (condition instanceof NullCheck check) {
      out.column(property(check.column(), model).columnName())
          .append(check.negated() ? " IS NOT NULL" : " IS NULL");
    } else if (condition instanceof Between between) {
      PropertyModel property = property(between.column(), model);
      out.column(property.columnName()).append(" BETWEEN ");
      bindValue(property, between.low(), out);
      out.append(" AND ");
      bindValue(property, between.high(), out);
    } else if (condition instanceof Junction junction) {
      junction(junction, model, out);
    } else if (condition instanceof Negation negation) {
      out.append("NOT (");
      render(negation.condition(), model, out);
      out.append(")");
    } else {
      throw new InvalidQueryException("Unsupported condition " + condition.getClass().getName()
          + "; build conditions with the methods of Column and Condition");
    }
  }

  /** The property a column names, checked against the model of the queried entity. */
  public static PropertyModel property(Column<?, ?> column, EntityModel<?> model) {
    if (column.entityType() != model.type()) {
      throw new InvalidQueryException("Column " + column + " belongs to "
          + column.entityType().getSimpleName() + ", but the query reads " + model.name()
          + "; use the columns of " + model.name() + "_");
    }
    return model.property(column.field());
  }

  private static void comparison(Comparison comparison, EntityModel<?> model, SqlWriter out) {
    PropertyModel property = property(comparison.column(), model);
    Operator operator = comparison.operator();
    if (operator == Operator.ILIKE && !out.dialect().supportsIlike()) {
      out.append("LOWER(").column(property.columnName()).append(") LIKE LOWER(");
      bindValue(property, comparison.value(), out);
      out.append(")");
      return;
    }
    out.column(property.columnName()).append(" ").append(operator.sql()).append(" ");
    bindValue(property, comparison.value(), out);
  }

  private static void inList(InList in, EntityModel<?> model, SqlWriter out) {
    PropertyModel property = property(in.column(), model);
    List<?> values = in.values();
    if (values.isEmpty()) {
      out.append(in.negated() ? "1 = 1" : "1 = 0");
      return;
    }
    if (out.dialect().supportsArrayBinds()) {
      // one array bind: the SQL text, and so the prepared statement, is the same for any count
      out.append(in.negated() ? "NOT (" : "").column(property.columnName()).append(" = ANY(")
          .bind(toArray(property, values), property.databaseType().arrayType())
          .append(in.negated() ? "))" : ")");
      return;
    }
    out.column(property.columnName()).append(in.negated() ? " NOT IN (" : " IN (");
    for (int i = 0; i < values.size(); i++) {
      out.append(i == 0 ? "" : ", ");
      bindValue(property, values.get(i), out);
    }
    out.append(")");
  }

  /** The database values of {@code values} as an array of the property's database type. */
  public static Object toArray(PropertyModel property, List<?> values) {
    Object[] array = (Object[]) Array.newInstance(property.databaseType(), values.size());
    for (int i = 0; i < array.length; i++) {
      array[i] = property.toDatabase(checked(property, values.get(i)));
    }
    return array;
  }

  private static void junction(Junction junction, EntityModel<?> model, SqlWriter out) {
    List<Condition> parts = junction.conditions();
    if (parts.isEmpty()) {
      out.append(junction.conjunction() ? "1 = 1" : "1 = 0");
      return;
    }
    out.append("(");
    for (int i = 0; i < parts.size(); i++) {
      out.append(i == 0 ? "" : junction.conjunction() ? " AND " : " OR ");
      render(parts.get(i), model, out);
    }
    out.append(")");
  }

  static void bindValue(PropertyModel property, Object value, SqlWriter out) {
    out.bind(property.toDatabase(checked(property, value)), property.databaseType());
  }

  private static Object checked(PropertyModel property, Object value) {
    if (value != null && !property.javaType().isInstance(value)) {
      throw new InvalidQueryException("Field " + property.field() + " has type "
          + property.javaType().getSimpleName() + ", but the condition compares it with a "
          + value.getClass().getSimpleName() + " (" + abbreviate(value) + ")");
    }
    return value;
  }

  private static String abbreviate(Object value) {
    String text = String.valueOf(value);
    return text.length() > 40 ? text.substring(0, 40) + "…" : text;
  }
}
