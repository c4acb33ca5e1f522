package io.reactiveorm.internal.meta;

import io.reactiveorm.OrmException;

/**
 * One relation field of an entity: its kind, its target, and what links the two tables (a
 * foreign-key column on one side, or a join table).
 */
public final class RelationModel {

  /** How the tables are linked. */
  public enum Kind {
    /** This table has the foreign key: {@code @ManyToOne}, owning {@code @OneToOne}. */
    TO_ONE_OWNER,
    /** The target's table has a foreign key to this one: {@code @OneToOne(mappedBy)}. */
    TO_ONE_INVERSE,
    /** {@code @OneToMany(mappedBy)}: the target's foreign key. */
    ONE_TO_MANY,
    /** {@code @ManyToMany}: a join table. */
    MANY_TO_MANY
  }

  /** A join table: its name and its two columns, seen from the relation's owner. */
  public record JoinTable(String name, String ownerColumn, String targetColumn) {

    JoinTable reversed() {
      return new JoinTable(name, targetColumn, ownerColumn);
    }
  }

  private final Class<?> ownerType;
  private final String field;
  private final String name;
  private final Kind kind;
  private final Class<?> targetType;
  private final FieldAccess access;
  private final PropertyModel foreignKey;
  private final String mappedBy;
  private JoinTable joinTable;
  private boolean ownsJoinTable;
  private PropertyModel inverseForeignKey;

  RelationModel(Class<?> ownerType, String field, Kind kind, Class<?> targetType,
      FieldAccess access, PropertyModel foreignKey, String mappedBy,
      JoinTable joinTable) {
    this.ownerType = ownerType;
    this.field = field;
    this.name = ownerType.getSimpleName() + "." + field;
    this.kind = kind;
    this.targetType = targetType;
    this.access = access;
    this.foreignKey = foreignKey;
    this.mappedBy = mappedBy;
    this.joinTable = joinTable;
    this.ownsJoinTable = joinTable != null;
  }

  public Class<?> ownerType() {
    return ownerType;
  }

  public String field() {
    return field;
  }

  public String name() {
    return name;
  }

  public Kind kind() {
    return kind;
  }

  public boolean isToMany() {
    return kind == Kind.ONE_TO_MANY || kind == Kind.MANY_TO_MANY;
  }

  public Class<?> targetType() {
    return targetType;
  }

  /** The foreign-key property of a {@link Kind#TO_ONE_OWNER} relation. */
  public PropertyModel foreignKey() {
    return foreignKey;
  }

  /** For inverse relations: the field on the target that owns the link. */
  public String mappedBy() {
    return mappedBy;
  }

  /** For inverse to-one and one-to-many: the target's foreign-key property pointing here. */
  public PropertyModel inverseForeignKey() {
    return inverseForeignKey;
  }

  /** For many-to-many: the join table, seen from this side. */
  public JoinTable joinTable() {
    return joinTable;
  }

  /** Whether this side declares the join table (and so creates it). */
  public boolean ownsJoinTable() {
    return ownsJoinTable;
  }

  void linkInverse(PropertyModel targetForeignKey) {
    this.inverseForeignKey = targetForeignKey;
  }

  void linkJoinTable(JoinTable ownerSide) {
    this.joinTable = ownerSide.reversed();
    this.ownsJoinTable = false;
  }

  /** The handle object in the field of {@code entity}. */
  public Object handle(Object entity) {
    try {
      return access.get(entity);
    } catch (RuntimeException e) {
      throw new OrmException("Cannot read relation " + name(), e);
    }
  }

  /** Puts a handle in the field of {@code entity}. */
  public void setHandle(Object entity, Object handle) {
    try {
      access.set(entity, handle);
    } catch (RuntimeException e) {
      throw new OrmException("Cannot write relation " + name(), e);
    }
  }

  @Override
  public String toString() {
    return name();
  }
}
