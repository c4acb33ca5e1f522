package io.reactiveorm.relation;

import io.reactiveorm.internal.relation.ToOneHandle;
import reactor.core.publisher.Mono;

/**
 * A to-one relation ({@code @ManyToOne}, {@code @OneToOne}): a lazy handle on the related entity.
 *
 * <pre>{@code
 * @ManyToOne
 * Ref<Role> role = Ref.empty();
 *
 * user.role.set(admin);                      // sets the foreign key on the next write
 * Mono<Role> role = user.role.load();        // loads it (batched with its siblings), cached after
 * Role loaded = user.role.get();             // no I/O; fails if not loaded yet
 * }</pre>
 *
 * <p>Loading is batched: the first {@code load()} on an entity loads the relation for every entity
 * that came from the same query, in one statement, and loads requested while another is in flight
 * are merged. To load up front, use {@code query(User.class).with(User_.role)}.
 *
 * @param <T> the related entity type
 */
public interface Ref<T> {

  /** A handle to nothing yet: a new entity's relation before {@link #set} is called. */
  static <T> Ref<T> empty() {
    return new ToOneHandle<>(null, null, false);
  }

  /** A handle to {@code target}, already loaded. */
  static <T> Ref<T> to(T target) {
    return new ToOneHandle<>(null, target, true);
  }

  /** A handle to the entity with this id, not loaded: sets the foreign key without a read. */
  static <T> Ref<T> id(Object id) {
    return new ToOneHandle<>(id, null, false);
  }

  /**
   * The related entity, loaded once and cached; empty when there is none. Nothing happens until
   * you subscribe.
   */
  Mono<T> load();

  /**
   * The related entity, without I/O; {@code null} when there is none.
   *
   * @throws io.reactiveorm.RelationNotLoadedException if it was not loaded yet
   */
  T get();

  /** Whether {@link #get()} can answer without I/O. */
  boolean isLoaded();

  /** The foreign key value (the related entity's id), or {@code null}. */
  Object id();

  /** Points the relation at {@code target} (or nowhere, with {@code null}). */
  void set(T target);
}
