package io.reactiveorm.internal.meta;

/**
 * What {@code MetamodelProcessor} generates for an entity {@code com.acme.User}: the
 * package-private class {@code com.acme.User_Access}, which creates instances and accesses the
 * fields that code in the entity's package can reach, without reflection or method handles on the
 * per-row path. The model reader uses it when it is there and falls back to method handles for
 * whatever it does not cover (an entity compiled without the processor, a private field).
 *
 * <p>Internal: public only so that generated code in the application's packages can implement
 * it.
 */
public interface GeneratedAccess {

  /** The suffix of the generated class's name, after the metamodel's name without its "_". */
  String SUFFIX = "_Access";

  /** Whether {@link #newInstance} can call the constructor (it is not private). */
  boolean constructs();

  /** A new instance by the constructor without parameters. */
  Object newInstance();

  /** The access to the persistent field {@code name}, or {@code null} if it cannot reach it. */
  FieldAccess field(String name);
}
