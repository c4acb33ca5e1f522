package io.reactiveorm.internal.meta;

import io.reactiveorm.MappingException;
import io.reactiveorm.annotation.Json;
import io.reactiveorm.internal.meta.PropertyModel.ColumnFacts;
import io.reactiveorm.internal.meta.PropertyModel.Role;
import io.reactiveorm.spi.Dialect;
import io.reactiveorm.spi.SqlType;
import io.reactiveorm.spi.ValueCodec;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.MappedSuperclass;
import jakarta.persistence.Table;
import jakarta.persistence.Transient;
import jakarta.persistence.Version;
import java.lang.invoke.MethodHandles;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

/**
 * Reads an entity class's annotations into an {@link EntityModel}, once, and checks it: a model
 * that cannot work fails here, at startup, with a message naming class, field and fix.
 */
public final class ModelReader {

  private final Dialect dialect;

  public ModelReader(Dialect dialect) {
    this.dialect = dialect;
  }

  public <E> EntityModel<E> read(Class<E> type) {
    if (type.isRecord()) {
      throw new MappingException("Record " + type.getSimpleName() + " cannot be an entity:"
          + " records are read-only projections; read them with query(...).project("
          + type.getSimpleName() + ".class) and map a class for the table");
    }
    if (!type.isAnnotationPresent(Entity.class)) {
      throw new MappingException("Class " + type.getName() + " is not an entity; annotate it"
          + " with @jakarta.persistence.Entity");
    }
    if (type.isInterface() || Modifier.isAbstract(type.getModifiers())) {
      throw new MappingException("Entity " + type.getSimpleName() + " is abstract; map a concrete"
          + " class (put shared fields on an @MappedSuperclass)");
    }
    MethodHandles.Lookup lookup = Accessors.lookup(type);
    GeneratedAccess generated = Accessors.generated(lookup, type);
    String table = tableName(type);
    List<PropertyModel> properties = new ArrayList<>();
    List<RelationModel> relations = new ArrayList<>();
    RelationReader relationReader = new RelationReader(dialect);
    for (Field field : persistentFields(type)) {
      MethodHandles.Lookup fieldLookup = lookup(field, type, lookup);
      if (RelationReader.isRelationField(field)) {
        RelationModel relation = relationReader.read(type, table,
            Accessors.field(fieldLookup, field, generated), field);
        relations.add(relation);
        if (relation.foreignKey() != null) {
          properties.add(relation.foreignKey());
        }
      } else {
        properties.add(readProperty(Accessors.field(fieldLookup, field, generated), field));
      }
    }
    checkIdentity(type, properties);
    checkColumnsAreDistinct(type, properties);
    properties.sort((a, b) -> Boolean.compare(!a.isId(), !b.isId()));
    return new EntityModel<>(type, table, properties, relations,
        Accessors.constructor(lookup, type, generated));
  }

  private static MethodHandles.Lookup lookup(Field field, Class<?> entity,
      MethodHandles.Lookup entityLookup) {
    return field.getDeclaringClass() == entity
        ? entityLookup : Accessors.lookup(field.getDeclaringClass());
  }

  private static String tableName(Class<?> type) {
    Table table = type.getAnnotation(Table.class);
    if (table != null && !table.name().isEmpty()) {
      return table.name();
    }
    Entity entity = type.getAnnotation(Entity.class);
    return Names.snakeCase(entity.name().isEmpty() ? type.getSimpleName() : entity.name());
  }

  private static List<Field> persistentFields(Class<?> type) {
    Deque<Class<?>> hierarchy = new ArrayDeque<>();
    for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
      if (c == type || c.isAnnotationPresent(MappedSuperclass.class)) {
        hierarchy.push(c);
      }
    }
    List<Field> fields = new ArrayList<>();
    for (Class<?> c : hierarchy) {
      for (Field field : c.getDeclaredFields()) {
        int modifiers = field.getModifiers();
        if (Modifier.isStatic(modifiers) || Modifier.isTransient(modifiers)
            || field.isSynthetic() || field.isAnnotationPresent(Transient.class)) {
          continue;
        }
        fields.add(field);
      }
    }
    return fields;
  }

  private PropertyModel readProperty(FieldAccess access, Field field) {
    Class<?> javaType = Types.boxed(field.getType());
    TypeMapping mapping = TypeMapping.of(field, javaType);
    Role role = role(field, javaType);
    Column column = field.getAnnotation(Column.class);
    boolean nullable = !field.getType().isPrimitive() && (column == null || column.nullable())
        && !field.isAnnotationPresent(Id.class);
    ColumnFacts facts = new ColumnFacts(
        column != null && !column.name().isEmpty() ? column.name() : Names.snakeCase(field.getName()),
        mapping.sqlType(),
        column != null ? column.length() : 255,
        column != null && column.precision() > 0 ? column.precision() : 38,
        column != null && column.precision() > 0 ? column.scale() : 2,
        nullable,
        column != null && column.unique());
    var codec = dialect.codec(mapping.sqlType(), mapping.columnJavaType());
    var toDatabase = mapping.toColumn().andThen(codec.encode());
    var fromDatabase = codec.decode().andThen(mapping.fromColumn());
    boolean asIs = mapping.plain() && passesUnchanged(codec, javaType);
    return new PropertyModel(field.getName(), javaType, facts, role,
        access, codec.databaseType(), toDatabase, fromDatabase, mapping.toColumn(), asIs);
  }

  /** Whether the dialect hands values of {@code javaType} to and from the driver as they are. */
  static boolean passesUnchanged(ValueCodec codec, Class<?> javaType) {
    return codec.databaseType() == javaType && codec.decode() == Function.identity()
        && codec.encode() == Function.identity();
  }

  private static Role role(Field field, Class<?> javaType) {
    if (field.isAnnotationPresent(Version.class)) {
      if (javaType != Long.class && javaType != Integer.class) {
        throw new MappingException("@Version field " + Accessors.describe(field) + " has type "
            + javaType.getSimpleName() + "; use long or int");
      }
      return Role.VERSION;
    }
    if (!field.isAnnotationPresent(Id.class)) {
      if (field.isAnnotationPresent(GeneratedValue.class)) {
        throw new MappingException("Field " + Accessors.describe(field) + " has @GeneratedValue"
            + " but no @Id; only the id can be generated");
      }
      return Role.PLAIN;
    }
    GeneratedValue generated = field.getAnnotation(GeneratedValue.class);
    if (generated == null) {
      return Role.ID;
    }
    if (javaType == UUID.class) {
      UuidGenerator.prepare(); // seed now, not on the reactive thread of the first insert
      return Role.GENERATED_UUID_ID;
    }
    if (generated.strategy() == GenerationType.UUID) {
      throw new MappingException("Id " + Accessors.describe(field) + " uses"
          + " GenerationType.UUID but has type " + javaType.getSimpleName() + "; make it a UUID");
    }
    if (javaType != Long.class && javaType != Integer.class) {
      throw new MappingException("Generated id " + Accessors.describe(field) + " has type "
          + javaType.getSimpleName() + "; a database-generated id must be long or int (or"
          + " UUID, generated by reactive-orm)");
    }
    return Role.GENERATED_ID;
  }

  private static void checkIdentity(Class<?> type, List<PropertyModel> properties) {
    long ids = properties.stream().filter(PropertyModel::isId).count();
    if (ids == 0) {
      throw new MappingException("Entity " + type.getSimpleName() + " has no @Id field;"
          + " annotate the primary key field with @Id (and @GeneratedValue if the database"
          + " assigns it)");
    }
    if (ids > 1) {
      List<String> idFields = properties.stream().filter(PropertyModel::isId)
          .map(PropertyModel::field).toList();
      throw new MappingException("Entity " + type.getSimpleName() + " has " + ids
          + " @Id fields (" + String.join(", ", idFields) + "); composite keys are not"
          + " supported: keep one @Id and make the other columns @Column(unique = true) or add a"
          + " unique index");
    }
    if (properties.stream().filter(PropertyModel::isVersion).count() > 1) {
      throw new MappingException("Entity " + type.getSimpleName() + " has more than one @Version"
          + " field; keep one");
    }
  }

  private static void checkColumnsAreDistinct(Class<?> type, List<PropertyModel> properties) {
    Map<String, String> fieldByColumn = new HashMap<>();
    for (PropertyModel property : properties) {
      String previous = fieldByColumn.put(property.columnName().toLowerCase(), property.field());
      if (previous != null) {
        throw new MappingException("Entity " + type.getSimpleName() + " maps fields '" + previous
            + "' and '" + property.field() + "' to the same column '" + property.columnName()
            + "'; give one of them another @Column(name = ...)");
      }
    }
  }

  /** Whether the field asks for JSON storage. */
  static boolean isJson(Field field) {
    return field.isAnnotationPresent(Json.class);
  }

  /** Whether the field has a converter. */
  static boolean hasConverter(Field field) {
    Convert convert = field.getAnnotation(Convert.class);
    return convert != null && !convert.disableConversion() && convert.converter() != (Class<?>) void.class;
  }

  /** The SQL type a plain Java type maps to, or {@code null} when it has none. */
  static SqlType sqlTypeOf(Class<?> javaType) {
    return Types.SQL_TYPES.get(javaType);
  }
}
