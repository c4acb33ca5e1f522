package io.reactiveorm.internal.meta;

/**
 * One field through an entity's {@link GeneratedAccess}: a call to the generated switch, which
 * the JIT inlines when a call site sees one or two entity classes.
 */
record GeneratedFieldAccess(GeneratedAccess owner, int slot) implements FieldAccess {

  @Override
  public Object get(Object entity) {
    return owner.get(entity, slot);
  }

  @Override
  public void set(Object entity, Object value) {
    owner.set(entity, slot, value);
  }
}
