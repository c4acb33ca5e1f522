package io.reactiveorm.internal.meta;

/**
 * Reads and writes one field of an entity: through the entity's {@link GeneratedAccess} where
 * the annotation processor generated one that reaches the field, else through method handles
 * ({@link MethodHandleAccess}). Values are boxed; a primitive field given {@code null} throws
 * {@link NullPointerException}.
 */
interface FieldAccess {

  /** The field's value in {@code entity}. */
  Object get(Object entity);

  /** Sets the field of {@code entity} to {@code value}. */
  void set(Object entity, Object value);
}
