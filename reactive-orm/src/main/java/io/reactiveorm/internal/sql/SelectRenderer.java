package io.reactiveorm.internal.sql;

import io.reactiveorm.InvalidQueryException;
import io.reactiveorm.internal.meta.EntityModel;
import io.reactiveorm.internal.meta.PropertyModel;
import io.reactiveorm.query.Aggregate;
import io.reactiveorm.query.Column;
import io.reactiveorm.query.Expression;
import io.reactiveorm.query.Order;
import io.reactiveorm.spi.Dialect;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Renders {@link SelectSpec}s: rows, counts, existence checks, projections, aggregates. */
public final class SelectRenderer {

  private final Dialect dialect;
  /**
   * The start of a query of entity rows ({@code SELECT <columns> FROM <tables>}), per model and
   * joined relations: the same for every query of that shape, and the longest part to render.
   * Bounded by the model: one per entity and set of to-one joins asked for.
   */
  private final Map<Object, String> heads = new ConcurrentHashMap<>();

  public SelectRenderer(Dialect dialect) {
    this.dialect = dialect;
  }

  /** {@code SELECT <entity columns or selection> FROM t WHERE … ORDER BY … LIMIT … OFFSET …}. */
  public SqlStatement select(SelectSpec spec, EntityModel<?> model) {
    SqlWriter out = new SqlWriter(dialect);
    select(spec, model, out);
    return out.toStatement();
  }

  /**
   * The rows of {@code spec} with the targets of to-one relations joined to them: {@code SELECT
   * p.<columns>, j1.<columns> FROM <table> p LEFT JOIN <target> j1 ON j1.id = p.fk WHERE ...}:
   * one flat statement, short for the driver to parse and the database to plan; columns come in
   * model order, parent first, then each target.
   *
   * @param joins the targets, each with the parent's foreign-key property that points at it
   */
  public SqlStatement selectJoined(SelectSpec spec, EntityModel<?> model,
      List<Map.Entry<EntityModel<?>, PropertyModel>> joins) {
    SqlWriter out = new SqlWriter(dialect).append(heads.computeIfAbsent(List.of(model, joins),
        key -> joinedHead(model, joins)));
    // a to-one joins at most one row per parent row, so the query's own conditions, order and
    // limit keep their meaning on the joined rows, with its columns qualified
    out.qualifyColumns("p");
    where(spec, model, out);
    groupBy(spec, model, out);
    orderBy(spec, model, out);
    page(spec, out);
    return out.toStatement();
  }

  private String joinedHead(EntityModel<?> model,
      List<Map.Entry<EntityModel<?>, PropertyModel>> joins) {
    SqlWriter out = new SqlWriter(dialect).append("SELECT ");
    qualifiedColumns("p", model.properties(), out);
    for (int i = 0; i < joins.size(); i++) {
      out.append(", ");
      qualifiedColumns("j" + (i + 1), joins.get(i).getKey().properties(), out);
    }
    out.append(" FROM ").quoted(model.table()).append(" p");
    for (int i = 0; i < joins.size(); i++) {
      EntityModel<?> target = joins.get(i).getKey();
      String alias = "j" + (i + 1);
      out.append(" LEFT JOIN ").quoted(target.table()).append(" " + alias + " ON " + alias + ".")
          .quoted(target.id().columnName()).append(" = p.")
          .quoted(joins.get(i).getValue().columnName());
    }
    return out.sql();
  }

  private static void qualifiedColumns(String alias, List<PropertyModel> properties,
      SqlWriter out) {
    for (int i = 0; i < properties.size(); i++) {
      out.append(i == 0 ? alias + "." : ", " + alias + ".").quoted(properties.get(i).columnName());
    }
  }

  private void select(SelectSpec spec, EntityModel<?> model, SqlWriter out) {
    if (spec.selection() == null) {
      out.append(heads.computeIfAbsent(model, key -> {
        SqlWriter head = new SqlWriter(dialect).append("SELECT ");
        columnList(model.properties(), head);
        return head.append(" FROM ").quoted(model.table()).sql();
      }));
    } else {
      out.append("SELECT ");
      for (int i = 0; i < spec.selection().size(); i++) {
        out.append(i == 0 ? "" : ", ");
        expression(spec.selection().get(i), model, out);
      }
      out.append(" FROM ").quoted(model.table());
    }
    where(spec, model, out);
    groupBy(spec, model, out);
    orderBy(spec, model, out);
    page(spec, out);
  }

  /** {@code SELECT COUNT(*) FROM t WHERE …}; ordering and paging are ignored. */
  public SqlStatement count(SelectSpec spec, EntityModel<?> model) {
    SqlWriter out = new SqlWriter(dialect).append("SELECT COUNT(*) FROM ").quoted(model.table());
    where(spec, model, out);
    return out.toStatement();
  }

  /** {@code SELECT 1 FROM t WHERE … LIMIT 1}. */
  public SqlStatement exists(SelectSpec spec, EntityModel<?> model) {
    SqlWriter out = new SqlWriter(dialect).append("SELECT 1 FROM ").quoted(model.table());
    where(spec, model, out);
    out.append(" LIMIT 1");
    return out.toStatement();
  }

  static void columnList(List<PropertyModel> properties, SqlWriter out) {
    for (int i = 0; i < properties.size(); i++) {
      out.append(i == 0 ? "" : ", ").quoted(properties.get(i).columnName());
    }
  }

  /** Renders a column or aggregate of the queried entity. */
  public static void expression(Expression<?> expression, EntityModel<?> model, SqlWriter out) {
    if (expression instanceof Column<?, ?> column) {
      out.column(ConditionRenderer.property(column, model).columnName());
    } else if (expression instanceof Aggregate<?> aggregate) {
      out.append(aggregate.function().name()).append("(");
      if (aggregate.column() == null) {
        out.append("*");
      } else {
        out.column(ConditionRenderer.property(aggregate.column(), model).columnName());
      }
      out.append(")");
    } else {
      throw new InvalidQueryException("Unsupported expression " + expression);
    }
  }

  static void where(SelectSpec spec, EntityModel<?> model, SqlWriter out) {
    boolean keyset = spec.after() != null;
    if (spec.where() == null && !keyset) {
      return;
    }
    out.append(" WHERE ");
    if (spec.where() != null) {
      ConditionRenderer.render(spec.where(), model, out);
    }
    if (keyset) {
      out.append(spec.where() != null ? " AND " : "");
      keyset(spec, model, out);
    }
  }

  /** Rows after the key: {@code (a > ?) OR (a = ? AND b > ?)}, directions following the orders. */
  private static void keyset(SelectSpec spec, EntityModel<?> model, SqlWriter out) {
    List<Order> orders = spec.orders();
    List<Object> keys = spec.after();
    if (orders.isEmpty() || orders.size() != keys.size()) {
      throw new InvalidQueryException("after(...) needs one value per orderBy key: the query on "
          + model.name() + " orders by " + orders.size() + " key(s) but after(...) got "
          + keys.size() + "; order by a unique key (e.g. the id) last");
    }
    for (int i = 0; i < keys.size(); i++) {
      if (keys.get(i) == null) {
        // "age > NULL" matches no row: the page would come back empty, silently
        throw new InvalidQueryException("after(...) got null for the sort key "
            + keyProperty(orders.get(i), model).field() + " of " + model.name()
            + ": a null key compares with nothing, so no page can follow it; filter out the"
            + " rows whose key is null (isNotNull()) or order by a column that is never null");
      }
    }
    out.append("(");
    for (int i = 0; i < orders.size(); i++) {
      out.append(i == 0 ? "(" : " OR (");
      for (int j = 0; j <= i; j++) {
        PropertyModel property = keyProperty(orders.get(j), model);
        out.append(j == 0 ? "" : " AND ").column(property.columnName());
        out.append(j < i ? " = " : orders.get(j).ascending() ? " > " : " < ");
        ConditionRenderer.bindValue(property, keys.get(j), out);
      }
      out.append(")");
    }
    out.append(")");
  }

  private static PropertyModel keyProperty(Order order, EntityModel<?> model) {
    if (!(order.expression() instanceof Column<?, ?> column)) {
      throw new InvalidQueryException("Keyset pagination orders by columns only, not by "
          + order.expression());
    }
    return ConditionRenderer.property(column, model);
  }

  private static void groupBy(SelectSpec spec, EntityModel<?> model, SqlWriter out) {
    for (int i = 0; i < spec.groupBy().size(); i++) {
      out.append(i == 0 ? " GROUP BY " : ", ")
          .column(ConditionRenderer.property(spec.groupBy().get(i), model).columnName());
    }
  }

  private static void orderBy(SelectSpec spec, EntityModel<?> model, SqlWriter out) {
    for (int i = 0; i < spec.orders().size(); i++) {
      Order order = spec.orders().get(i);
      out.append(i == 0 ? " ORDER BY " : ", ");
      expression(order.expression(), model, out);
      out.append(order.ascending() ? " ASC" : " DESC");
    }
  }

  private static void page(SelectSpec spec, SqlWriter out) {
    if (spec.limit() != null) {
      out.append(" LIMIT ").bind(spec.limit(), Long.class);
    } else if (spec.offset() != null) {
      // MariaDB accepts OFFSET only after a LIMIT
      out.append(" LIMIT ").bind(Long.MAX_VALUE, Long.class);
    }
    if (spec.offset() != null) {
      out.append(" OFFSET ").bind(spec.offset(), Long.class);
    }
  }
}
