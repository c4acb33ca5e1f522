package io.reactiveorm.internal.relation;

import io.reactiveorm.RelationNotLoadedException;
import io.reactiveorm.relation.RefList;
import java.util.List;
import reactor.core.publisher.Mono;

/** The implementation of {@link RefList}: the related entities once loaded, and the loader. */
public final class ToManyHandle<T> implements RefList<T> {

  // as in ToOneHandle: only what a batched load resolves on its own thread is volatile
  private volatile List<T> targets;
  private volatile boolean loaded;
  private Object owner;
  private LazyLoader loader;
  private String name = "(unattached)";

  public ToManyHandle(List<T> targets, boolean loaded) {
    this.targets = targets;
    this.loaded = loaded;
  }

  @Override
  public Mono<List<T>> load() {
    LazyLoader currentLoader = loader;
    if (loaded || currentLoader == null) {
      return Mono.defer(() -> loaded ? Mono.just(targets)
          : Mono.error(new RelationNotLoadedException(name)));
    }
    // asked for here, at assembly, so that the loader sees the application's stack
    Mono<Void> pending = currentLoader.load(owner);
    return Mono.defer(() -> loaded ? Mono.just(targets)
        : pending.then(Mono.fromSupplier(() -> targets)));
  }

  @Override
  public List<T> get() {
    if (!loaded) {
      throw new RelationNotLoadedException(name);
    }
    return targets;
  }

  @Override
  public boolean isLoaded() {
    return loaded;
  }

  /** Records the loaded entities. */
  public void resolve(List<T> loadedTargets) {
    this.targets = List.copyOf(loadedTargets);
    this.loaded = true;
  }

  /**
   * Attaches the handle to its owner and a session's loader. Read from the database, it forgets
   * what a constructor may have put in it: the rows decide.
   */
  public void attach(Object ownerEntity, LazyLoader lazyLoader, String relationName,
      boolean fromDatabase) {
    this.owner = ownerEntity;
    this.loader = lazyLoader;
    this.name = relationName;
    if (fromDatabase) {
      this.loaded = false;
      this.targets = List.of();
    }
  }

  @Override
  public String toString() {
    return loaded ? "RefList" + targets : "RefList[not loaded]";
  }
}
