package io.reactiveorm.internal.sql;

import io.reactiveorm.MappingException;
import io.reactiveorm.internal.meta.EntityModel;
import io.reactiveorm.internal.meta.PropertyModel;
import io.reactiveorm.internal.meta.RelationModel;
import io.reactiveorm.internal.meta.RelationModel.JoinTable;
import io.reactiveorm.spi.Dialect;
import jakarta.persistence.Index;
import jakarta.persistence.Table;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Renders the DDL of an entity: its table, unique constraints and indexes. */
public final class DdlRenderer {

  private final Dialect dialect;

  public DdlRenderer(Dialect dialect) {
    this.dialect = dialect;
  }

  /**
   * CREATE TABLE and CREATE INDEX statements, each doing nothing if the object exists; {@code
   * models} finds the targets of foreign keys.
   */
  public List<String> create(EntityModel<?> model, Function<Class<?>, EntityModel<?>> models) {
    List<String> statements = new ArrayList<>();
    statements.add(createTable(model, models));
    for (RelationModel relation : model.relations()) {
      if (relation.kind() == RelationModel.Kind.TO_ONE_OWNER && !relation.foreignKey().column().unique()) {
        String column = relation.foreignKey().columnName();
        statements.add(dialect.createIndex(dialect.quote("ix_" + model.table() + "_" + column),
            dialect.quote(model.table()), dialect.quote(column), false));
      }
    }
    Table table = model.type().getAnnotation(Table.class);
    if (table != null) {
      for (Index index : table.indexes()) {
        statements.add(createIndex(model, index));
      }
    }
    return statements;
  }

  public String drop(EntityModel<?> model) {
    return dialect.dropTable(dialect.quote(model.table()));
  }

  /**
   * The join tables this entity's many-to-many relations own. Their foreign keys cascade deletes:
   * deleting an entity at either end removes its links, never fails on them.
   */
  public List<String> createJoinTables(EntityModel<?> model,
      Function<Class<?>, EntityModel<?>> models) {
    List<String> statements = new ArrayList<>();
    for (RelationModel relation : model.relations()) {
      if (relation.kind() != RelationModel.Kind.MANY_TO_MANY || !relation.ownsJoinTable()) {
        continue;
      }
      JoinTable join = relation.joinTable();
      EntityModel<?> target = models.apply(relation.targetType());
      PropertyModel ownerId = model.id();
      PropertyModel targetId = target.id();
      String table = dialect.quote(join.name());
      statements.add(dialect.createTableIfNotExists() + table + " ("
          + dialect.quote(join.ownerColumn()) + " " + keyType(ownerId) + " NOT NULL, "
          + dialect.quote(join.targetColumn()) + " " + keyType(targetId) + " NOT NULL, "
          + "PRIMARY KEY (" + dialect.quote(join.ownerColumn()) + ", "
          + dialect.quote(join.targetColumn()) + "), "
          // a row here is only a link: it goes when either end is deleted
          + foreignKey(join.name(), join.ownerColumn(), model) + " ON DELETE CASCADE, "
          + foreignKey(join.name(), join.targetColumn(), target) + " ON DELETE CASCADE)");
      statements.add(dialect.createIndex(dialect.quote("ix_" + join.name() + "_"
          + join.targetColumn()), table, dialect.quote(join.targetColumn()), false));
    }
    return statements;
  }

  /** DROP TABLE of the join tables this entity owns. */
  public List<String> dropJoinTables(EntityModel<?> model) {
    List<String> statements = new ArrayList<>();
    for (RelationModel relation : model.relations()) {
      if (relation.kind() == RelationModel.Kind.MANY_TO_MANY && relation.ownsJoinTable()) {
        statements.add(dialect.dropTable(dialect.quote(relation.joinTable().name())));
      }
    }
    return statements;
  }

  /** The join tables this entity owns, for emptying. */
  public List<String> joinTableNames(EntityModel<?> model) {
    List<String> names = new ArrayList<>();
    for (RelationModel relation : model.relations()) {
      if (relation.kind() == RelationModel.Kind.MANY_TO_MANY && relation.ownsJoinTable()) {
        names.add(relation.joinTable().name());
      }
    }
    return names;
  }

  private String keyType(PropertyModel id) {
    var column = id.column();
    return dialect.typeName(column.sqlType(), column.length(), column.precision(), column.scale());
  }

  private String foreignKey(String table, String column, EntityModel<?> target) {
    return "CONSTRAINT " + dialect.quote("fk_" + table + "_" + column) + " FOREIGN KEY ("
        + dialect.quote(column) + ") REFERENCES " + dialect.quote(target.table()) + " ("
        + dialect.quote(target.id().columnName()) + ")";
  }

  private String createTable(EntityModel<?> model, Function<Class<?>, EntityModel<?>> models) {
    StringBuilder sql = new StringBuilder(dialect.createTableIfNotExists())
        .append(dialect.quote(model.table())).append(" (");
    List<PropertyModel> properties = model.properties();
    for (int i = 0; i < properties.size(); i++) {
      sql.append(i == 0 ? "" : ", ").append(columnDefinition(properties.get(i)));
    }
    for (RelationModel relation : model.relations()) {
      if (relation.kind() == RelationModel.Kind.TO_ONE_OWNER) {
        sql.append(", ").append(foreignKey(model.table(), relation.foreignKey().columnName(),
            models.apply(relation.targetType())));
      }
    }
    for (PropertyModel property : properties) {
      if (property.column().unique() && !property.isId()) {
        sql.append(", CONSTRAINT ")
            .append(dialect.quote("uk_" + model.table() + "_" + property.columnName()))
            .append(" UNIQUE (").append(dialect.quote(property.columnName())).append(")");
      }
    }
    return sql.append(")").toString();
  }

  private String columnDefinition(PropertyModel property) {
    var column = property.column();
    String type = property.isDatabaseGenerated()
        ? dialect.identityColumn(column.sqlType())
        : dialect.typeName(column.sqlType(), column.length(), column.precision(), column.scale());
    StringBuilder sql = new StringBuilder(dialect.quote(column.name())).append(' ').append(type);
    if (property.isId()) {
      sql.append(" PRIMARY KEY");
    } else if (!column.nullable()) {
      sql.append(" NOT NULL");
    }
    return sql.toString();
  }

  private String createIndex(EntityModel<?> model, Index index) {
    List<String> columns = Arrays.stream(index.columnList().split(","))
        .map(String::trim).filter(name -> !name.isEmpty()).toList();
    if (columns.isEmpty()) {
      throw new MappingException("@Index on " + model.name() + " has an empty columnList; list"
          + " the indexed columns, e.g. @Index(columnList = \"last_name, first_name\")");
    }
    String quotedColumns = columns.stream().map(name -> quoteIndexColumn(model, name))
        .collect(Collectors.joining(", "));
    String name = index.name().isEmpty()
        ? (index.unique() ? "uk_" : "ix_") + model.table() + "_" + String.join("_", columns)
            .replaceAll("[^A-Za-z0-9_]", "")
        : index.name();
    return dialect.createIndex(dialect.quote(name), dialect.quote(model.table()), quotedColumns,
        index.unique());
  }

  /** Index columns come from annotations, but are still checked against the model. */
  private String quoteIndexColumn(EntityModel<?> model, String entry) {
    String[] parts = entry.split("\\s+");
    String name = parts[0];
    boolean known = model.properties().stream().anyMatch(p -> p.columnName().equals(name));
    if (!known) {
      throw new MappingException("@Index on " + model.name() + " names column '" + name
          + "', which the entity does not map; use one of: " + model.properties().stream()
          .map(PropertyModel::columnName).collect(Collectors.joining(", ")));
    }
    String direction = parts.length > 1 && parts[1].equalsIgnoreCase("desc") ? " DESC" : "";
    return dialect.quote(name) + direction;
  }
}
