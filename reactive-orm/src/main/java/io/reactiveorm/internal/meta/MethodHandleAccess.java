package io.reactiveorm.internal.meta;

import java.lang.invoke.MethodHandle;

/**
 * Field access through method handles, for fields the generated access does not reach. The
 * handles are adapted to erased signatures once, when the model is read.
 */
final class MethodHandleAccess extends FieldAccess {

  private final MethodHandle getter;
  private final MethodHandle setter;

  MethodHandleAccess(MethodHandle getter, MethodHandle setter) {
    this.getter = getter;
    this.setter = setter;
  }

  @Override
  Object get(Object entity) {
    try {
      return getter.invokeExact(entity);
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Throwable e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  void set(Object entity, Object value) {
    try {
      setter.invokeExact(entity, value);
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Throwable e) {
      throw new IllegalStateException(e);
    }
  }
}
