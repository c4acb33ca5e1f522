package io.reactiveorm.relation;

import io.reactiveorm.internal.relation.ToManyHandle;
import java.util.List;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A to-many relation ({@code @OneToMany}, {@code @ManyToMany}): a lazy handle on the related
 * entities.
 *
 * <pre>{@code
 * @OneToMany(mappedBy = "author")
 * RefList<Post> posts = RefList.empty();
 *
 * Mono<List<Post>> posts = user.posts.load();   // batched with the user's siblings
 * Flux<Post> stream = user.posts.flux();
 * List<Post> loaded = user.posts.get();          // no I/O; fails if not loaded yet
 * }</pre>
 *
 * @param <T> the related entity type
 */
public interface RefList<T> {

  /** A handle on a new entity, holding no related entities. */
  static <T> RefList<T> empty() {
    return new ToManyHandle<>(List.of(), true);
  }

  /** The related entities, loaded once and cached. Nothing happens until you subscribe. */
  Mono<List<T>> load();

  /** The related entities as a Flux, loading them first if needed. */
  default Flux<T> flux() {
    return load().flatMapIterable(list -> list);
  }

  /**
   * The related entities, without I/O.
   *
   * @throws io.reactiveorm.RelationNotLoadedException if they were not loaded yet
   */
  List<T> get();

  /** Whether {@link #get()} can answer without I/O. */
  boolean isLoaded();
}
