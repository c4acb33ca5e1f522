package io.reactiveorm.internal.meta;

import io.reactiveorm.MappingException;
import io.reactiveorm.OrmException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.function.Supplier;

/**
 * Builds the method handles that read and write fields and create instances. They are looked up
 * once per class and adapted to erased signatures, so the per-row path does no reflection.
 */
final class Accessors {

  private Accessors() {}

  static MethodHandles.Lookup lookup(Class<?> type) {
    try {
      return MethodHandles.privateLookupIn(type, MethodHandles.lookup());
    } catch (IllegalAccessException e) {
      throw new MappingException("Cannot access " + type.getName() + ": open its package to"
          + " reactive-orm (in module-info: opens " + type.getPackageName() + ")", e);
    }
  }

  static MethodHandle getter(MethodHandles.Lookup lookup, Field field) {
    try {
      return lookup.unreflectGetter(field)
          .asType(MethodType.methodType(Object.class, Object.class));
    } catch (IllegalAccessException e) {
      throw new MappingException("Cannot read field " + describe(field) + ": " + e.getMessage(), e);
    }
  }

  static MethodHandle setter(MethodHandles.Lookup lookup, Field field) {
    if (Modifier.isFinal(field.getModifiers())) {
      throw new MappingException("Field " + describe(field) + " is final, so reactive-orm cannot"
          + " fill it when reading rows; remove 'final' or mark the field @Transient");
    }
    try {
      return lookup.unreflectSetter(field)
          .asType(MethodType.methodType(void.class, Object.class, Object.class));
    } catch (IllegalAccessException e) {
      throw new MappingException("Cannot write field " + describe(field) + ": " + e.getMessage(), e);
    }
  }

  /**
   * The field's access: the generated one when {@code generated} reaches the field, else one
   * through method handles. The handles are looked up either way, so that a field the mapping
   * cannot use (a final one) fails here with the same message whether or not code was generated.
   */
  static FieldAccess field(MethodHandles.Lookup lookup, Field field, GeneratedAccess generated) {
    MethodHandleAccess handles = new MethodHandleAccess(getter(lookup, field),
        setter(lookup, field));
    int slot = generated == null ? -1
        : generated.slot(field.getDeclaringClass().getName() + "." + field.getName());
    return slot >= 0 ? new GeneratedFieldAccess(generated, slot) : handles;
  }

  /** Whether {@code access} is (or, for a foreign key, goes through) the generated one. */
  static boolean isGenerated(FieldAccess access) {
    if (access instanceof RelationReader.ForeignKeyAccess foreignKey) {
      return isGenerated(foreignKey.handleField());
    }
    return access instanceof GeneratedFieldAccess;
  }

  /**
   * The access the annotation processor generated for {@code type}, or {@code null} when the
   * entity was compiled without it (or by an older version that generated none).
   */
  static GeneratedAccess generated(MethodHandles.Lookup lookup, Class<?> type) {
    Class<?> generatedClass;
    try {
      generatedClass = Class.forName(generatedName(type), false, type.getClassLoader());
    } catch (ClassNotFoundException | LinkageError e) {
      return null;
    }
    if (!GeneratedAccess.class.isAssignableFrom(generatedClass)) {
      return null;
    }
    try {
      return (GeneratedAccess) lookup.findConstructor(generatedClass,
          MethodType.methodType(void.class)).invoke();
    } catch (Throwable e) {
      throw new MappingException("Cannot use the generated " + generatedClass.getName() + " of "
          + type.getSimpleName() + " (" + e + "); rebuild the project so that the annotation"
          + " processor generates it again", e);
    }
  }

  /** {@code com.acme.User_Access} for {@code com.acme.User}, {@code Outer_User_Access} nested. */
  static String generatedName(Class<?> type) {
    StringBuilder name = new StringBuilder(type.getSimpleName());
    for (Class<?> outer = type.getEnclosingClass(); outer != null;
        outer = outer.getEnclosingClass()) {
      name.insert(0, outer.getSimpleName() + "_");
    }
    String packageName = type.getPackageName();
    return (packageName.isEmpty() ? "" : packageName + ".") + name + GeneratedAccess.SUFFIX;
  }

  static Supplier<Object> constructor(MethodHandles.Lookup lookup, Class<?> type,
      GeneratedAccess generated) {
    MethodHandle handle = noArgConstructor(lookup, type);
    if (generated != null && generated.constructs()) {
      return new GeneratedConstructor(generated);
    }
    return () -> {
      try {
        return handle.invokeExact();
      } catch (RuntimeException | Error e) {
        throw e;
      } catch (Throwable e) {
        throw new IllegalStateException(e);
      }
    };
  }

  /** Instances by the generated access's {@code new Entity()}. */
  record GeneratedConstructor(GeneratedAccess generated) implements Supplier<Object> {
    @Override
    public Object get() {
      return generated.newInstance();
    }
  }

  static MethodHandle noArgConstructor(MethodHandles.Lookup lookup, Class<?> type) {
    try {
      return lookup.findConstructor(type, MethodType.methodType(void.class))
          .asType(MethodType.methodType(Object.class));
    } catch (NoSuchMethodException e) {
      throw new MappingException("Entity " + type.getSimpleName() + " has no constructor without"
          + " parameters; add one (it may be private or protected) so rows can be read into it", e);
    } catch (IllegalAccessException e) {
      throw new MappingException("Cannot call the constructor of " + type.getName(), e);
    }
  }

  static String describe(Field field) {
    return field.getDeclaringClass().getSimpleName() + "." + field.getName();
  }

  static OrmException rethrow(Throwable error, String action, PropertyModel property) {
    if (error instanceof ClassCastException) {
      return new MappingException("Cannot " + action + " field " + property.field() + " of type "
          + property.javaType().getSimpleName() + ": " + error.getMessage(), error);
    }
    if (error instanceof RuntimeException runtime && runtime instanceof OrmException orm) {
      return orm;
    }
    return new OrmException("Cannot " + action + " field " + property.field(), error);
  }
}
