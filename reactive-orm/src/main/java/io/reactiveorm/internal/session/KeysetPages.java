package io.reactiveorm.internal.session;

import io.reactiveorm.InvalidQueryException;
import io.reactiveorm.internal.meta.EntityModel;
import io.reactiveorm.internal.meta.PropertyModel;
import io.reactiveorm.internal.sql.ConditionRenderer;
import io.reactiveorm.internal.sql.SelectSpec;
import io.reactiveorm.query.Column;
import io.reactiveorm.query.Order;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Reads a query in pages of {@code window} rows, each page read whole, the next one starting
 * after the last key of the previous (keyset pagination, ordered by the query's keys and then the
 * id). Inside a transaction this leaves the connection free between pages for relation loads.
 * The query's limit and offset apply to the rows as a whole.
 *
 * <p>A query ordered by a column that may be null is read whole, in one page: a row whose key is
 * null compares with nothing, so "after the last key" would skip every such row behind the page
 * boundary (they sort last on PostgreSQL) or could not be said at all where the boundary falls on
 * one. All its rows in memory at once is the price of getting all of them.
 */
final class KeysetPages<E> {

  private final Function<SelectSpec, Mono<List<Object>>> rows;
  private final Function<List<Object>, List<E>> track;
  private final SelectSpec spec;
  private final EntityModel<E> model;
  private final int window;
  private final List<PropertyModel> keys = new ArrayList<>();
  private final List<Order> orders = new ArrayList<>();
  private final boolean pageable;

  /**
   * @param rows the rows of a page's query, as read (not yet the session's: entities, or
   *     entities with their snapshots)
   * @param track makes a page's rows the session's, as one sibling group
   */
  KeysetPages(Function<SelectSpec, Mono<List<Object>>> rows, Function<List<Object>, List<E>> track,
      SelectSpec spec, EntityModel<E> model, int window) {
    this.rows = rows;
    this.track = track;
    this.spec = spec;
    this.model = model;
    this.window = window;
    this.pageable = spec.orders().stream().allMatch(order -> nonNullColumn(order, model));
    if (!pageable) {
      return;
    }
    for (Order order : spec.orders()) {
      Column<?, ?> column = (Column<?, ?>) order.expression();
      keys.add(ConditionRenderer.property(column, model));
      orders.add(order);
    }
    boolean endsWithId = !keys.isEmpty() && keys.get(keys.size() - 1).isId();
    if (!endsWithId && spec.after() == null) {
      keys.add(model.id());
      orders.add(Column.of(model.type(), model.id().field(), model.id().javaType()).asc());
    }
  }

  /** Whether {@code order} is by a column of {@code model} that the model says is never null. */
  private static boolean nonNullColumn(Order order, EntityModel<?> model) {
    return order.expression() instanceof Column<?, ?> column
        && !ConditionRenderer.property(column, model).column().nullable();
  }

  Flux<List<E>> pages() {
    if (!pageable) {
      return rows.apply(spec).map(track).filter(page -> !page.isEmpty()).flux();
    }
    // each page subscribed once the previous one completed, by expand: nested concatenations
    // would keep every page read so far subscribed (and its rows in memory) until the read ends,
    // and would deepen the stack by a level per page on a synchronous driver
    return page(spec.orders(orders), spec.limit())
        .expand(page -> page.next() == null ? Mono.empty() : page(page.next(), page.left()))
        .filter(page -> !page.rows().isEmpty())
        .map(Page::rows);
  }

  /** One page's rows, and where the next page starts ({@code null} after the last). */
  private record Page<E>(List<E> rows, SelectSpec next, Long left) {}

  private Mono<Page<E>> page(SelectSpec current, Long remaining) {
    long size = remaining == null ? window : Math.min(window, remaining);
    if (size <= 0) {
      return Mono.empty();
    }
    // one row more than the page tells whether another page follows, so that a result of one
    // page costs one statement, not a second one that comes back empty; that row is not tracked
    // here, the next page reads it again
    boolean moreWanted = remaining == null || remaining > size;
    return rows.apply(current.limit(moreWanted ? size + 1 : size)).map(read -> {
      if (read.size() <= size) {
        return new Page<>(track.apply(read), null, null);
      }
      List<E> page = track.apply(read.subList(0, (int) size));
      Long left = remaining == null ? null : remaining - size;
      SelectSpec next = current.offset(null).after(keyOf(page.get(page.size() - 1)));
      return new Page<>(page, next, left);
    });
  }

  private List<Object> keyOf(E entity) {
    List<Object> values = new ArrayList<>(keys.size());
    for (PropertyModel key : keys) {
      Object value = key.get(entity);
      if (value == null) {
        // the model says the column is never null, the table has one: the schema is not the
        // model's (a column made nullable by hand, say)
        throw new InvalidQueryException("Cannot page " + model.name() + " by "
            + key.field() + ": the model declares it not null, but a row read has null there;"
            + " make the column NOT NULL in the table, or declare the field nullable");
      }
      values.add(value);
    }
    return values;
  }
}
