package io.reactiveorm.internal.relation;

import io.reactiveorm.MappingException;
import jakarta.persistence.Id;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Field;

/**
 * Reads the {@code @Id} of any entity instance, through a method handle found once per class:
 * what a to-one handle needs to turn an assigned target into a foreign key.
 */
public final class EntityIds {

  private static final ClassValue<MethodHandle> ID_GETTERS = new ClassValue<>() {
    @Override
    protected MethodHandle computeValue(Class<?> type) {
      Field id = idField(type);
      try {
        return MethodHandles.privateLookupIn(id.getDeclaringClass(), MethodHandles.lookup())
            .unreflectGetter(id).asType(MethodType.methodType(Object.class, Object.class));
      } catch (IllegalAccessException e) {
        throw new MappingException("Cannot read the @Id of " + type.getName(), e);
      }
    }
  };

  private EntityIds() {}

  /** The id of {@code entity}, or {@code null} if it has none yet. */
  public static Object idOf(Object entity) {
    try {
      return ID_GETTERS.get(entity.getClass()).invokeExact(entity);
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Throwable e) {
      throw new IllegalStateException(e);
    }
  }

  /** The {@code @Id} field of an entity class or its mapped superclasses. */
  public static Field idField(Class<?> type) {
    for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
      for (Field field : c.getDeclaredFields()) {
        if (field.isAnnotationPresent(Id.class)) {
          return field;
        }
      }
    }
    throw new MappingException(type.getSimpleName() + " is the target of a relation but has no"
        + " @Id field; annotate its primary key with @Id");
  }
}
