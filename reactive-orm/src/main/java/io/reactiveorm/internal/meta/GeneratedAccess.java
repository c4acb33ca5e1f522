package io.reactiveorm.internal.meta;

/**
 * What {@code MetamodelProcessor} generates for an entity {@code com.acme.User}: the
 * package-private class {@code com.acme.User_Access}, which creates instances and reads and writes
 * the fields that code in the entity's package can reach, with plain field accesses in a switch,
 * so that the per-row path needs neither reflection nor method handles. The model reader uses it
 * when it is there and falls back to method handles for whatever it does not cover (an entity
 * compiled without the processor, a private field).
 *
 * <p>Internal: public only so that generated code in the application's packages can extend it.
 * An abstract class rather than an interface, so that the per-row calls, which meet every
 * entity's generated class, dispatch through the vtable instead of searching the itable.
 */
public abstract class GeneratedAccess {

  /** The suffix of the generated class's name, after the metamodel's name without its "_". */
  public static final String SUFFIX = "_Access";

  protected GeneratedAccess() {}

  /** Whether {@link #newInstance} can call the constructor (it is not private). */
  public abstract boolean constructs();

  /** A new instance by the constructor without parameters. */
  public abstract Object newInstance();

  /**
   * The slot of the field {@code key} (its declaring class's binary name, a dot and its name),
   * or -1 if the generated code cannot reach it.
   */
  public abstract int slot(String key);

  /** The value of the field in {@code slot} of {@code entity}. */
  public abstract Object get(Object entity, int slot);

  /** Sets the field in {@code slot} of {@code entity}. */
  public abstract void set(Object entity, int slot, Object value);
}
