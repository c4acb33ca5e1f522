package io.reactiveorm.internal.meta;

/**
 * One field through an entity's {@link GeneratedAccess}: a call to the generated switch, which
 * the JIT inlines when a call site sees one or two entity classes.
 */
final class GeneratedFieldAccess extends FieldAccess {

  private final GeneratedAccess owner;
  private final int slot;

  GeneratedFieldAccess(GeneratedAccess owner, int slot) {
    this.owner = owner;
    this.slot = slot;
  }

  @Override
  Object get(Object entity) {
    return owner.get(entity, slot);
  }

  @Override
  void set(Object entity, Object value) {
    owner.set(entity, slot, value);
  }
}
