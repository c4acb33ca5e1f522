package io.reactiveorm.internal.meta;

import io.reactiveorm.spi.SqlType;
import java.util.function.Function;

/**
 * One mapped field: its column, type, constraints and precomputed accessors. Built once per field
 * when the {@code Orm} starts; immutable afterwards.
 */
public final class PropertyModel {

  /** Facts about the column, as read from the annotations. */
  public record ColumnFacts(String name, SqlType sqlType, int length, int precision, int scale,
      boolean nullable, boolean unique) {}

  /** The role of the field in the entity. */
  public enum Role { PLAIN, ID, GENERATED_ID, GENERATED_UUID_ID, VERSION }

  private final String field;
  private final Class<?> javaType;
  private final ColumnFacts column;
  private final Role role;
  private final FieldAccess access;
  private final Class<?> databaseType;
  private final Function<Object, Object> toDatabase;
  private final Function<Object, Object> fromDatabase;
  private final Function<Object, Object> toColumn;
  private final boolean asIs;
  /**
   * Whether what the driver returns for {@link #databaseType} is the field's value as it is: of
   * the field's own type, with nothing between them. Such a column costs no check per row.
   */
  private final boolean readsAsIs;

  /**
   * @param asIs whether a value of the field's type is also what the driver reads and binds (no
   *     codec, enum or converter between them): such values skip the conversions, which on the
   *     per-row path would be two or three indirect calls per column
   * @param toColumn the mapping's part of {@code toDatabase}, without the dialect's codec: what
   *     changes are told by (see {@link #columnValue})
   */
  PropertyModel(String field, Class<?> javaType, ColumnFacts column, Role role,
      FieldAccess access, Class<?> databaseType, Function<Object, Object> toDatabase,
      Function<Object, Object> fromDatabase, Function<Object, Object> toColumn, boolean asIs) {
    this.field = field;
    this.javaType = javaType;
    this.column = column;
    this.role = role;
    this.access = access;
    this.databaseType = databaseType;
    this.toDatabase = toDatabase;
    this.fromDatabase = fromDatabase;
    this.toColumn = toColumn;
    this.asIs = asIs;
    this.readsAsIs = asIs && databaseType == javaType;
  }

  public String field() {
    return field;
  }

  /** The field's type, boxed. */
  public Class<?> javaType() {
    return javaType;
  }

  public String columnName() {
    return column.name();
  }

  public ColumnFacts column() {
    return column;
  }

  public Role role() {
    return role;
  }

  public boolean isId() {
    return role == Role.ID || role == Role.GENERATED_ID || role == Role.GENERATED_UUID_ID;
  }

  /** Whether the database generates the value on insert. */
  public boolean isDatabaseGenerated() {
    return role == Role.GENERATED_ID;
  }

  public boolean isVersion() {
    return role == Role.VERSION;
  }

  /** The class the driver reads and binds this column as. */
  public Class<?> databaseType() {
    return databaseType;
  }

  /**
   * Whether the field is read and written by the code the annotation processor generated for the
   * entity, rather than through method handles (no processor at compile time, or a field its
   * package cannot reach, such as a private one).
   */
  public boolean generatedAccess() {
    return Accessors.isGenerated(access);
  }

  /** Reads the field of {@code entity}. */
  public Object get(Object entity) {
    try {
      return access.get(entity);
    } catch (RuntimeException e) {
      throw Accessors.rethrow(e, "read", this);
    }
  }

  /** Writes the field of {@code entity}. */
  public void set(Object entity, Object value) {
    try {
      access.set(entity, value);
    } catch (RuntimeException e) {
      throw Accessors.rethrow(e, "write", this);
    }
  }

  /**
   * Whether values of the field's type pass to and from the driver unchanged (no codec, enum or
   * converter between them), so that the snapshot of such a value is the value itself (a byte
   * array excepted: its snapshot is a copy).
   */
  public boolean isAsIs() {
    return asIs;
  }

  /** Converts a Java value to what the driver binds; {@code null} stays {@code null}. */
  public Object toDatabase(Object value) {
    if (needsNoConversion(value)) {
      return value;
    }
    return toDatabase.apply(value);
  }

  /**
   * The field value of what the driver returned when asked for {@link #databaseType}: {@link
   * #fromDatabase}, with no check at all for a column read as it is (the per-row path).
   */
  public Object fromDriver(Object value) {
    return readsAsIs ? value : fromDatabase(value);
  }

  /**
   * {@link #snapshotValue} of a value {@link #fromDriver} returned: the value itself for a column
   * read as it is (a byte array excepted).
   */
  public Object snapshotOfRead(Object value) {
    return readsAsIs && javaType != byte[].class ? value : snapshotValue(value);
  }

  /** Converts what the driver returned to the field's type; {@code null} stays {@code null}. */
  public Object fromDatabase(Object value) {
    if (needsNoConversion(value)) {
      return value;
    }
    return fromDatabase.apply(value);
  }

  /**
   * The column value of the field value {@code value}, by which the unit of work tells a change:
   * what a converter or an enum mapping makes of it, so that a converted object changed in place
   * is a change, but not what the dialect's codec makes of that for the driver (PostgreSQL's JSON
   * wrapper, for one, has no equality of its own).
   */
  public Object columnValue(Object value) {
    if (needsNoConversion(value)) {
      return value;
    }
    return toColumn.apply(value);
  }

  /**
   * What the unit of work keeps of the field value {@code value} to tell a change at flush: its
   * {@link #columnValue}, copied for a byte array, whose content may be changed in place.
   */
  public Object snapshotValue(Object value) {
    Object columnValue = columnValue(value);
    return columnValue instanceof byte[] bytes ? bytes.clone() : columnValue;
  }

  /** Reads the field and converts it for binding. */
  public Object databaseValue(Object entity) {
    return toDatabase(get(entity));
  }

  /** {@code null}, or a value of the field's own type with nothing between field and column. */
  private boolean needsNoConversion(Object value) {
    return value == null || (asIs && value.getClass() == javaType);
  }

  @Override
  public String toString() {
    return field;
  }
}
