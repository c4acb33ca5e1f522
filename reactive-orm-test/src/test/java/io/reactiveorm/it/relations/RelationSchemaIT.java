package io.reactiveorm.it.relations;

import static io.reactiveorm.it.relations.RelationData.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;

import io.reactiveorm.Orm;
import io.reactiveorm.test.EveryDatabase;
import io.reactiveorm.test.OrmTest;
import io.reactiveorm.test.TestDatabase;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Schema creation indexes every foreign-key column, read back from each database's catalog (not
 * from the DDL the Orm says it ran): a relation load filters on those columns.
 */
@OrmTest(entities = {Role.class, Member.class, Article.class, Tag.class, Profile.class,
    Passport.class})
class RelationSchemaIT {

  /**
   * The foreign keys of the model: two to-one owners, a unique one-to-one owner and the two ends
   * of the many-to-many join table. For each, an index that starts with the column and that the
   * Orm created: its own {@code ix_…} index, the one-to-one's unique constraint, or the join
   * table's primary key (owner column first). MariaDB and H2 add an index of their own for a
   * foreign key that has none, named after the constraint ({@code fk_…}); those are not counted,
   * so that the test sees what reactive-orm emits.
   */
  @EveryDatabase
  void everyForeignKeyColumnIsTheLeadingColumnOfAnIndexTheOrmCreated(Orm orm,
      TestDatabase database) {
    Map<String, Set<String>> foreignKeys = foreignKeyColumns(orm, database);
    assertThat(foreignKeys).as("foreign-key columns in the catalog").isEqualTo(Map.of(
        "rel_members", Set.of("role_id"),
        "rel_articles", Set.of("author_id"),
        "rel_profiles", Set.of("passport_id"),
        "rel_articles_tags", Set.of("article_id", "tag_id")));

    Map<String, Set<String>> indexes = indexesByLeadingColumn(orm, database);
    System.out.println(database + ": indexes by leading column " + indexes);
    foreignKeys.forEach((table, columns) -> columns.forEach(column ->
        assertThat(indexes.getOrDefault(table + "." + column, Set.of()))
            .as("indexes of %s starting with %s (catalog: %s)", table, column, indexes)
            .filteredOn(name -> !name.toLowerCase().startsWith("fk_"))
            .isNotEmpty()));

    // and by name, the ones the DDL renderer emits for them
    assertThat(indexes.get("rel_members.role_id")).contains("ix_rel_members_role_id");
    assertThat(indexes.get("rel_articles.author_id")).contains("ix_rel_articles_author_id");
    assertThat(indexes.get("rel_articles_tags.tag_id")).contains("ix_rel_articles_tags_tag_id");
    assertThat(indexes.get("rel_profiles.passport_id")).as("the unique constraint's index"
        + " (H2 names it after the constraint with a suffix)")
        .anyMatch(name -> name.startsWith("uk_rel_profiles_passport_id"));
    assertThat(indexes.get("rel_articles_tags.article_id")).as("the primary key")
        .anyMatch(name -> !name.toLowerCase().startsWith("fk_"));
  }

  /** Table name to its foreign-key columns, for the rel_ tables. */
  private static Map<String, Set<String>> foreignKeyColumns(Orm orm, TestDatabase database) {
    String sql = switch (database.kind()) {
      case MARIADB -> "SELECT TABLE_NAME, COLUMN_NAME FROM information_schema.KEY_COLUMN_USAGE"
          + " WHERE TABLE_SCHEMA = DATABASE() AND REFERENCED_TABLE_NAME IS NOT NULL";
      case POSTGRESQL, H2 -> "SELECT kcu.table_name, kcu.column_name"
          + " FROM information_schema.table_constraints tc"
          + " JOIN information_schema.key_column_usage kcu"
          + " ON kcu.constraint_schema = tc.constraint_schema"
          + " AND kcu.constraint_name = tc.constraint_name"
          + " WHERE tc.constraint_type = 'FOREIGN KEY'"
          + " AND tc.table_schema = CURRENT_SCHEMA";
    };
    Map<String, Set<String>> columns = new TreeMap<>();
    for (List<String> row : strings(orm, sql)) {
      if (row.get(0).startsWith("rel_")) {
        columns.computeIfAbsent(row.get(0), k -> new TreeSet<>()).add(row.get(1));
      }
    }
    return columns;
  }

  /** "table.column" to the names of the indexes whose first column it is, for the rel_ tables. */
  private static Map<String, Set<String>> indexesByLeadingColumn(Orm orm,
      TestDatabase database) {
    String sql = switch (database.kind()) {
      case POSTGRESQL -> "SELECT t.relname AS table_name, a.attname AS column_name,"
          + " ix.relname AS index_name FROM pg_index i"
          + " JOIN pg_class t ON t.oid = i.indrelid"
          + " JOIN pg_class ix ON ix.oid = i.indexrelid"
          + " JOIN pg_namespace n ON n.oid = t.relnamespace"
          + " JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = i.indkey[0]"
          + " WHERE n.nspname = current_schema()";
      case MARIADB -> "SELECT TABLE_NAME, COLUMN_NAME, INDEX_NAME"
          + " FROM information_schema.STATISTICS"
          + " WHERE TABLE_SCHEMA = DATABASE() AND SEQ_IN_INDEX = 1";
      case H2 -> "SELECT TABLE_NAME, COLUMN_NAME, INDEX_NAME"
          + " FROM INFORMATION_SCHEMA.INDEX_COLUMNS"
          + " WHERE TABLE_SCHEMA = CURRENT_SCHEMA AND ORDINAL_POSITION = 1";
    };
    Map<String, Set<String>> indexes = new TreeMap<>();
    for (List<String> row : strings(orm, sql)) {
      if (row.get(0).startsWith("rel_")) {
        indexes.computeIfAbsent(row.get(0) + "." + row.get(1), k -> new TreeSet<>())
            .add(row.get(2));
      }
    }
    return indexes;
  }

  private static List<List<String>> strings(Orm orm, String sql) {
    return orm.session().sql(sql).rows()
        .map(row -> row.values().stream().map(String::valueOf).toList())
        .collectList()
        .block(TIMEOUT);
  }
}
