package io.reactiveorm.internal.meta;

import io.reactiveorm.MappingException;
import io.reactiveorm.internal.meta.PropertyModel.ColumnFacts;
import io.reactiveorm.internal.meta.PropertyModel.Role;
import io.reactiveorm.internal.meta.RelationModel.JoinTable;
import io.reactiveorm.internal.meta.RelationModel.Kind;
import io.reactiveorm.internal.relation.EntityIds;
import io.reactiveorm.internal.relation.ToOneHandle;
import io.reactiveorm.relation.Ref;
import io.reactiveorm.relation.RefList;
import io.reactiveorm.spi.Dialect;
import io.reactiveorm.spi.SqlType;
import jakarta.persistence.Entity;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToMany;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OneToOne;
import jakarta.persistence.Table;
import java.lang.reflect.Field;
import java.lang.reflect.ParameterizedType;
import java.util.function.Function;

/**
 * Reads relation fields ({@code Ref<T>} and {@code RefList<T>} with a JPA relation annotation)
 * into {@link RelationModel}s, and the foreign-key column of the owning to-one side into a
 * {@link PropertyModel} whose accessors go through the handle.
 */
final class RelationReader {

  private final Dialect dialect;

  RelationReader(Dialect dialect) {
    this.dialect = dialect;
  }

  static boolean isRelationField(Field field) {
    return field.getType() == Ref.class || field.getType() == RefList.class
        || field.isAnnotationPresent(ManyToOne.class) || field.isAnnotationPresent(OneToMany.class)
        || field.isAnnotationPresent(ManyToMany.class) || field.isAnnotationPresent(OneToOne.class);
  }

  /** The relation of {@code field}; for an owning to-one, its foreign key is added too. */
  RelationModel read(Class<?> owner, String ownerTable, FieldAccess access, Field field) {
    Class<?> target = targetType(field);
    ManyToOne manyToOne = field.getAnnotation(ManyToOne.class);
    OneToOne oneToOne = field.getAnnotation(OneToOne.class);
    OneToMany oneToMany = field.getAnnotation(OneToMany.class);
    ManyToMany manyToMany = field.getAnnotation(ManyToMany.class);
    boolean toOneField = field.getType() == Ref.class;
    if (manyToOne != null || (oneToOne != null && oneToOne.mappedBy().isEmpty())) {
      requireHandle(field, toOneField, "Ref");
      PropertyModel key = foreignKey(field, target, access, oneToOne != null,
          manyToOne != null ? manyToOne.optional() : oneToOne.optional());
      return new RelationModel(owner, field.getName(), Kind.TO_ONE_OWNER, target, access,
          key, null, null);
    }
    if (oneToOne != null) {
      requireHandle(field, toOneField, "Ref");
      return new RelationModel(owner, field.getName(), Kind.TO_ONE_INVERSE, target, access,
          null, oneToOne.mappedBy(), null);
    }
    if (oneToMany != null) {
      requireHandle(field, !toOneField, "RefList");
      if (oneToMany.mappedBy().isEmpty()) {
        throw new MappingException("@OneToMany " + Accessors.describe(field) + " needs mappedBy:"
            + " name the @ManyToOne field of " + target.getSimpleName() + " that points back,"
            + " e.g. @OneToMany(mappedBy = \"" + Names.camelCase(owner.getSimpleName()) + "\")");
      }
      return new RelationModel(owner, field.getName(), Kind.ONE_TO_MANY, target, access,
          null, oneToMany.mappedBy(), null);
    }
    if (manyToMany != null) {
      requireHandle(field, !toOneField, "RefList");
      if (!manyToMany.mappedBy().isEmpty()) {
        return new RelationModel(owner, field.getName(), Kind.MANY_TO_MANY, target, access,
            null, manyToMany.mappedBy(), null);
      }
      return new RelationModel(owner, field.getName(), Kind.MANY_TO_MANY, target, access,
          null, null, joinTable(field, owner, ownerTable, target));
    }
    throw new MappingException("Field " + Accessors.describe(field) + " is a " + field.getType()
        .getSimpleName() + " but has no relation annotation; add @ManyToOne or @OneToOne (for"
        + " Ref) or @OneToMany(mappedBy = ...) or @ManyToMany (for RefList)");
  }

  private static void requireHandle(Field field, boolean right, String handle) {
    if (!right) {
      throw new MappingException("Relation field " + Accessors.describe(field) + " must be"
          + " declared as " + handle + "<Target>, not " + field.getType().getSimpleName());
    }
  }

  private static Class<?> targetType(Field field) {
    if (field.getGenericType() instanceof ParameterizedType parameterized
        && parameterized.getActualTypeArguments()[0] instanceof Class<?> target) {
      if (!target.isAnnotationPresent(Entity.class)) {
        throw new MappingException("Relation " + Accessors.describe(field) + " points at "
            + target.getSimpleName() + ", which is not an @Entity");
      }
      return target;
    }
    throw new MappingException("Relation field " + Accessors.describe(field) + " must name its"
        + " target entity, e.g. Ref<Role> or RefList<Post>");
  }

  private PropertyModel foreignKey(Field field, Class<?> target, FieldAccess handleField,
      boolean unique, boolean optional) {
    JoinColumn join = field.getAnnotation(JoinColumn.class);
    String column = join != null && !join.name().isEmpty() ? join.name()
        : Names.snakeCase(field.getName()) + "_id";
    Class<?> keyType = Types.boxed(EntityIds.idField(target).getType());
    SqlType sqlType = Types.sqlTypeOf(keyType);
    if (sqlType == null) {
      throw new MappingException("The id of " + target.getSimpleName() + " has type "
          + keyType.getSimpleName() + ", which cannot be a foreign key of "
          + Accessors.describe(field));
    }
    boolean nullable = optional && (join == null || join.nullable());
    ColumnFacts facts = new ColumnFacts(column, sqlType, 255, 38, 0, nullable,
        unique || (join != null && join.unique()));
    var codec = dialect.codec(sqlType, keyType);
    return new PropertyModel(field.getName(), keyType, facts, Role.PLAIN,
        new ForeignKeyAccess(handleField), codec.databaseType(), codec.encode(),
        codec.decode().andThen(value -> Numbers.convert(value, keyType)), Function.identity(),
        ModelReader.passesUnchanged(codec, keyType));
  }

  private static JoinTable joinTable(Field field, Class<?> owner, String ownerTable,
      Class<?> target) {
    jakarta.persistence.JoinTable declared = field.getAnnotation(jakarta.persistence.JoinTable.class);
    String ownerColumn = Names.snakeCase(owner.getSimpleName()) + "_id";
    String targetColumn = Names.snakeCase(target.getSimpleName()) + "_id";
    if (ownerColumn.equals(targetColumn)) {
      targetColumn = Names.snakeCase(field.getName()) + "_id";
    }
    String name = ownerTable + "_" + Names.snakeCase(field.getName());
    if (declared != null) {
      name = declared.name().isEmpty() ? name : declared.name();
      if (declared.joinColumns().length > 0 && !declared.joinColumns()[0].name().isEmpty()) {
        ownerColumn = declared.joinColumns()[0].name();
      }
      if (declared.inverseJoinColumns().length > 0
          && !declared.inverseJoinColumns()[0].name().isEmpty()) {
        targetColumn = declared.inverseJoinColumns()[0].name();
      }
    }
    return new JoinTable(name, ownerColumn, targetColumn);
  }

  /**
   * The foreign key of an owning to-one, read and written through the {@code Ref} in its field:
   * the key is the target's id once set, else the key read. A row is read into a new instance,
   * whose field initializer ({@code Ref.empty()}) made a handle nobody else holds: it takes the
   * key read, rather than a second handle per row being made.
   */
  static final class ForeignKeyAccess extends FieldAccess {

    private final FieldAccess handleField;

    ForeignKeyAccess(FieldAccess handleField) {
      this.handleField = handleField;
    }

    /** The access to the {@code Ref} field itself. */
    FieldAccess handleField() {
      return handleField;
    }

    @Override
    Object get(Object entity) {
      Object handle = handleField.get(entity);
      return handle == null ? null : ((Ref<?>) handle).id();
    }

    @Override
    void set(Object entity, Object key) {
      if (handleField.get(entity) instanceof ToOneHandle<?> handle && handle.takeKey(key)) {
        return;
      }
      handleField.set(entity, new ToOneHandle<>(key, null, key == null));
    }
  }

  static String tableOf(Class<?> type) {
    Table table = type.getAnnotation(Table.class);
    return table != null && !table.name().isEmpty() ? table.name()
        : Names.snakeCase(type.getSimpleName());
  }
}
