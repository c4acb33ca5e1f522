package io.reactiveorm.internal.meta;

/**
 * Reads and writes one field of an entity: through the entity's {@link GeneratedAccess} where
 * the annotation processor generated one that reaches the field, else through method handles
 * ({@link MethodHandleAccess}). Values are boxed; a primitive field given {@code null} throws
 * {@link NullPointerException}.
 */
// an abstract class, not an interface: the per-row call sites see every entity's accesses, and
// a megamorphic call dispatches through the vtable for a class, through the slower itable
// search for an interface
abstract class FieldAccess {

  /** The field's value in {@code entity}. */
  abstract Object get(Object entity);

  /** Sets the field of {@code entity} to {@code value}. */
  abstract void set(Object entity, Object value);
}
