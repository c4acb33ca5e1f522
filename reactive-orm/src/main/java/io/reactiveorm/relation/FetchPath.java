package io.reactiveorm.relation;

import java.util.List;

/**
 * A chain of relations to load with a query, starting at entity {@code E}: a {@link Relation} or
 * {@code relation.then(next)}.
 *
 * @param <E> the entity the path starts at
 */
public interface FetchPath<E> {

  /** The relations along the path, first to last. */
  List<Relation<?, ?>> steps();
}
