package io.reactiveorm.internal.meta;

import io.reactiveorm.InvalidQueryException;
import io.reactiveorm.OrmException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Everything reactive-orm knows about one entity class: its table, its properties in column
 * order, which one is the id and which the version, and how to create an instance.
 */
public final class EntityModel<E> {

  private final Class<E> type;
  private final String table;
  private final List<PropertyModel> properties;
  private final Map<String, PropertyModel> byField;
  private final PropertyModel id;
  private final PropertyModel version;
  private final Supplier<Object> constructor;
  private final List<RelationModel> relations;

  EntityModel(Class<E> type, String table, List<PropertyModel> properties,
      List<RelationModel> relations, Supplier<Object> constructor) {
    this.relations = List.copyOf(relations);
    this.type = type;
    this.table = table;
    this.properties = List.copyOf(properties);
    this.byField = new LinkedHashMap<>();
    properties.forEach(property -> byField.put(property.field(), property));
    this.id = properties.stream().filter(PropertyModel::isId).findFirst().orElseThrow();
    this.version = properties.stream().filter(PropertyModel::isVersion).findFirst().orElse(null);
    this.constructor = constructor;
  }

  public Class<E> type() {
    return type;
  }

  public String name() {
    return type.getSimpleName();
  }

  public String table() {
    return table;
  }

  /** Properties in the order of the table's columns; the id first. */
  public List<PropertyModel> properties() {
    return properties;
  }

  public PropertyModel id() {
    return id;
  }

  /** The {@code @Version} property, or {@code null}. */
  public PropertyModel version() {
    return version;
  }

  /** The relation fields, in declaration order. */
  public List<RelationModel> relations() {
    return relations;
  }

  /**
   * The relation of a field name.
   *
   * @throws InvalidQueryException naming the known relations when there is none
   */
  public RelationModel relation(String field) {
    for (RelationModel relation : relations) {
      if (relation.field().equals(field)) {
        return relation;
      }
    }
    throw new InvalidQueryException("Entity " + name() + " has no relation '" + abbreviate(field)
        + "'; its relations: " + relations.stream().map(RelationModel::field)
        .collect(Collectors.joining(", ")));
  }

  /**
   * The property of a Java field name.
   *
   * @throws InvalidQueryException naming the known fields when there is none
   */
  public PropertyModel property(String field) {
    PropertyModel property = byField.get(field);
    if (property == null) {
      throw new InvalidQueryException("Entity " + name() + " has no field '" + abbreviate(field)
          + "'; known fields: " + String.join(", ", byField.keySet()));
    }
    return property;
  }

  /** Whether {@code field} is a mapped field of this entity. */
  public boolean hasProperty(String field) {
    return byField.containsKey(field);
  }

  /** Whether instances are created by the code the annotation processor generated. */
  public boolean generatedConstructor() {
    return constructor instanceof Accessors.GeneratedConstructor;
  }

  /** A new, empty instance. */
  @SuppressWarnings("unchecked")
  public E newInstance() {
    try {
      return (E) constructor.get();
    } catch (RuntimeException e) {
      throw new OrmException("Cannot create an instance of " + type.getName(), e);
    }
  }

  public String fieldNames() {
    return properties.stream().map(PropertyModel::field).collect(Collectors.joining(", "));
  }

  private static String abbreviate(String text) {
    return text.length() > 64 ? text.substring(0, 64) + "…" : text;
  }

  @Override
  public String toString() {
    return name();
  }
}
