package io.reactiveorm.internal.relation;

import io.reactiveorm.RelationNotLoadedException;
import io.reactiveorm.relation.Ref;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import reactor.core.publisher.Mono;

/** The implementation of {@link Ref}: the foreign key, the target once loaded, and its loader. */
public final class ToOneHandle<T> implements Ref<T> {

  // Plain fields, as the entity's own are: a handle is filled by the read that makes its entity,
  // and Reactor's signals publish both to whoever awaits them. Only whether it is loaded is
  // published on its own, as a batched load resolves the target on its own thread: the target
  // is written before the flag with release semantics and read after it with acquire semantics,
  // so whoever sees it loaded sees the target. A volatile flag did the same with a full fence
  // per write, and a batched load resolves a handle per row. A handle is made and attached per
  // row read: no field is written that need not be.
  private static final VarHandle LOADED;

  static {
    try {
      LOADED = MethodHandles.lookup().findVarHandle(ToOneHandle.class, "loaded", boolean.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private Object id;
  private T target;
  private boolean loaded;
  private Object owner;
  private LazyLoader loader;
  private String name;
  private boolean inverse;

  public ToOneHandle(Object id, T target, boolean loaded) {
    if (id != null) {
      this.id = id;
    }
    if (target != null) {
      this.target = target;
    }
    if (loaded) {
      this.loaded = true;
    }
  }

  private boolean loaded() {
    return (boolean) LOADED.getAcquire(this);
  }

  private void loaded(boolean value) {
    LOADED.setRelease(this, value);
  }

  @Override
  public Mono<T> load() {
    LazyLoader currentLoader = loader;
    if (!needsLoad() || currentLoader == null) {
      return Mono.defer(() -> {
        if (!needsLoad()) {
          return Mono.justOrEmpty(target);
        }
        return Mono.error(new RelationNotLoadedException(name() + " (this entity was not read"
            + " through a session, so nothing can load it)"));
      });
    }
    // asked for here, at assembly, so that the loader sees the application's stack
    Mono<Void> pending = currentLoader.load(owner);
    return Mono.defer(() -> loaded() ? Mono.justOrEmpty(target)
        : pending.then(Mono.fromSupplier(() -> target)));
  }

  @Override
  public T get() {
    if (needsLoad()) {
      throw new RelationNotLoadedException(name());
    }
    return target;
  }

  @Override
  public boolean isLoaded() {
    return !needsLoad();
  }

  @Override
  public Object id() {
    T current = target;
    return current != null ? EntityIds.idOf(current) : id;
  }

  /** The target as set, for computing the foreign key from its id. */
  public T target() {
    return target;
  }

  @Override
  public void set(T newTarget) {
    this.id = null;
    this.target = newTarget;
    loaded(true);
  }

  /** Records the loaded target (or none). */
  public void resolve(T loadedTarget) {
    this.target = loadedTarget;
    loaded(true);
  }

  /**
   * Takes the key read from a row if this handle is untouched ({@code Ref.empty()}: attached to
   * no entity, no target, no key); returns whether it did.
   */
  public boolean takeKey(Object key) {
    if (owner != null || target != null || id != null || loaded()) {
      return false;
    }
    this.id = key;
    if (key == null) {
      loaded(true);
    }
    return true;
  }

  /** Sets the key read from the row. */
  public void key(Object key) {
    this.id = key;
  }

  /**
   * Attaches the handle to its owner and a session's loader. The inverse side of a one-to-one
   * has no key of its own, so when read from the database it must always be loaded.
   */
  public void attach(Object ownerEntity, LazyLoader lazyLoader, String relationName,
      boolean inverseSide, boolean fromDatabase) {
    this.owner = ownerEntity;
    this.loader = lazyLoader;
    this.name = relationName;
    if (inverseSide) {
      this.inverse = true;
    }
    if (inverseSide && fromDatabase) {
      loaded(false);
      this.target = null;
    }
  }

  private String name() {
    return name != null ? name : "(unattached)";
  }

  /** Whether a load is needed to know the target. */
  public boolean needsLoad() {
    return !loaded() && (inverse || id != null);
  }

  @Override
  public String toString() {
    return loaded() ? "Ref[" + target + "]" : "Ref[id=" + id + ", not loaded]";
  }
}
