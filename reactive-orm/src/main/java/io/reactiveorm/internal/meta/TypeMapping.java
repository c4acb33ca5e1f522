package io.reactiveorm.internal.meta;

import io.reactiveorm.MappingException;
import io.reactiveorm.spi.SqlType;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Convert;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import java.lang.reflect.Field;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.function.Function;

/**
 * How one field's Java type becomes a column value before the dialect sees it: unchanged for the
 * supported types, by name or ordinal for enums, through an {@link AttributeConverter} for custom
 * types.
 *
 * @param sqlType the column's portable type
 * @param columnJavaType the Java type of the column value (a converter's database side)
 * @param toColumn field value to column value
 * @param fromColumn column value to field value
 * @param plain whether the field's value is the column value itself (a supported type, no enum
 *     or converter): then a value of the field's type needs no conversion either way
 */
record TypeMapping(SqlType sqlType, Class<?> columnJavaType,
    Function<Object, Object> toColumn, Function<Object, Object> fromColumn, boolean plain) {

  TypeMapping(SqlType sqlType, Class<?> columnJavaType, Function<Object, Object> toColumn,
      Function<Object, Object> fromColumn) {
    this(sqlType, columnJavaType, toColumn, fromColumn, false);
  }

  static TypeMapping of(Field field, Class<?> javaType) {
    if (ModelReader.hasConverter(field)) {
      return converted(field, javaType);
    }
    if (ModelReader.isJson(field)) {
      if (javaType != String.class) {
        throw new MappingException("@Json field " + Accessors.describe(field) + " has type "
            + javaType.getSimpleName() + "; @Json maps JSON text, so make it a String or add a"
            + " @Convert converter to String");
      }
      return plain(SqlType.JSON, String.class);
    }
    if (javaType.isEnum()) {
      return enumMapping(field, javaType);
    }
    SqlType sqlType = ModelReader.sqlTypeOf(javaType);
    if (sqlType == null) {
      throw new MappingException("Field " + Accessors.describe(field) + " has type "
          + field.getGenericType().getTypeName() + ", which reactive-orm cannot map. Supported: "
          + Types.supported() + ". Add @Convert(converter = ...) with an AttributeConverter to a"
          + " supported type, or mark the field @Transient");
    }
    if (javaType == Byte.class) {
      return new TypeMapping(sqlType, Short.class,
          value -> (short) (byte) (Byte) value, value -> ((Number) value).byteValue());
    }
    return plain(sqlType, javaType);
  }

  private static TypeMapping plain(SqlType sqlType, Class<?> javaType) {
    Function<Object, Object> fromColumn = Number.class.isAssignableFrom(javaType)
        ? value -> Numbers.convert(value, javaType) : Function.identity();
    return new TypeMapping(sqlType, javaType, Function.identity(), fromColumn, true);
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static TypeMapping enumMapping(Field field, Class<?> javaType) {
    Enumerated enumerated = field.getAnnotation(Enumerated.class);
    Object[] constants = javaType.getEnumConstants();
    if (enumerated != null && enumerated.value() == EnumType.ORDINAL) {
      return new TypeMapping(SqlType.INTEGER, Integer.class,
          value -> ((Enum<?>) value).ordinal(),
          value -> constants[((Number) value).intValue()]);
    }
    Class<? extends Enum> enumType = (Class<? extends Enum>) javaType;
    return new TypeMapping(SqlType.STRING, String.class,
        value -> ((Enum<?>) value).name(),
        value -> Enum.valueOf(enumType, (String) value));
  }

  @SuppressWarnings("unchecked")
  private static TypeMapping converted(Field field, Class<?> javaType) {
    Class<?> converterType = field.getAnnotation(Convert.class).converter();
    if (!AttributeConverter.class.isAssignableFrom(converterType)) {
      throw new MappingException("@Convert on " + Accessors.describe(field) + " names "
          + converterType.getName() + ", which does not implement AttributeConverter");
    }
    Class<?> columnType = converterColumnType(converterType, field);
    SqlType sqlType = ModelReader.sqlTypeOf(Types.boxed(columnType));
    if (sqlType == null) {
      throw new MappingException("Converter " + converterType.getSimpleName() + " on "
          + Accessors.describe(field) + " converts to " + columnType.getSimpleName()
          + ", which is not a supported column type; convert to one of: " + Types.supported());
    }
    AttributeConverter<Object, Object> converter;
    try {
      var constructor = converterType.getDeclaredConstructor();
      constructor.setAccessible(true);
      converter = (AttributeConverter<Object, Object>) constructor.newInstance();
    } catch (ReflectiveOperationException e) {
      throw new MappingException("Cannot create converter " + converterType.getName() + " for "
          + Accessors.describe(field) + "; give it a public constructor without parameters", e);
    }
    return new TypeMapping(sqlType, Types.boxed(columnType), converter::convertToDatabaseColumn,
        value -> converter.convertToEntityAttribute(Numbers.convert(value, columnType)));
  }

  private static Class<?> converterColumnType(Class<?> converterType, Field field) {
    for (Class<?> c = converterType; c != null; c = c.getSuperclass()) {
      for (Type type : c.getGenericInterfaces()) {
        if (type instanceof ParameterizedType parameterized
            && parameterized.getRawType() == AttributeConverter.class
            && parameterized.getActualTypeArguments()[1] instanceof Class<?> columnType) {
          return columnType;
        }
      }
    }
    throw new MappingException("Cannot tell the column type of converter "
        + converterType.getName() + " on " + Accessors.describe(field) + "; implement"
        + " AttributeConverter<FieldType, ColumnType> with concrete types");
  }
}
