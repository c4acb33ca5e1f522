package io.reactiveorm.internal.relation;

import io.reactiveorm.RelationNotLoadedException;
import io.reactiveorm.relation.RefList;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Collections;
import java.util.List;
import reactor.core.publisher.Mono;

/** The implementation of {@link RefList}: the related entities once loaded, and the loader. */
public final class ToManyHandle<T> implements RefList<T> {

  // as in ToOneHandle: the targets are written before the flag that says they are loaded is
  // released, and read after it is acquired. A list a load hands over is published inside a
  // read-only view, whose final field makes the list's content visible with it.
  private static final VarHandle LOADED;

  static {
    try {
      LOADED = MethodHandles.lookup().findVarHandle(ToManyHandle.class, "loaded", boolean.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private List<T> targets;
  private boolean loaded;
  private Object owner;
  private LazyLoader loader;
  private String name = "(unattached)";

  public ToManyHandle(List<T> targets, boolean loaded) {
    this.targets = targets;
    this.loaded = loaded;
  }

  private boolean loaded() {
    return (boolean) LOADED.getAcquire(this);
  }

  private void loaded(boolean value) {
    LOADED.setRelease(this, value);
  }

  @Override
  public Mono<List<T>> load() {
    LazyLoader currentLoader = loader;
    if (loaded() || currentLoader == null) {
      return Mono.defer(() -> loaded() ? Mono.just(targets)
          : Mono.error(new RelationNotLoadedException(name)));
    }
    // asked for here, at assembly, so that the loader sees the application's stack
    Mono<Void> pending = currentLoader.load(owner);
    return Mono.defer(() -> loaded() ? Mono.just(targets)
        : pending.then(Mono.fromSupplier(() -> targets)));
  }

  @Override
  public List<T> get() {
    if (!loaded()) {
      throw new RelationNotLoadedException(name);
    }
    return targets;
  }

  @Override
  public boolean isLoaded() {
    return loaded();
  }

  /** Records the loaded entities. */
  public void resolve(List<T> loadedTargets) {
    this.targets = List.copyOf(loadedTargets);
    loaded(true);
  }

  /**
   * Records the loaded entities in a list that the caller made for this handle and hands over:
   * kept behind a read-only view instead of copied, as a batched load resolves a handle per
   * owner.
   */
  public void resolveWith(List<T> ownList) {
    this.targets = Collections.unmodifiableList(ownList);
    loaded(true);
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
      loaded(false);
      this.targets = List.of();
    }
  }

  @Override
  public String toString() {
    return loaded() ? "RefList" + targets : "RefList[not loaded]";
  }
}
