package io.reactiveorm.internal.meta;

/**
 * Reads and writes one field of an entity. Code that {@code MetamodelProcessor} generates next to
 * an entity implements it with plain field accesses, which the JIT inlines like hand-written
 * code; fields it cannot reach from the entity's package (private ones, say) are read and
 * written through method handles instead ({@link Accessors}).
 *
 * <p>Internal: public only so that generated code in the application's packages can implement
 * it. Values are boxed; a primitive field given {@code null} throws {@link NullPointerException}.
 */
public interface FieldAccess {

  /** The field's value in {@code entity}. */
  Object get(Object entity);

  /** Sets the field of {@code entity} to {@code value}. */
  void set(Object entity, Object value);
}
