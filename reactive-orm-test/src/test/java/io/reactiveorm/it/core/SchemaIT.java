package io.reactiveorm.it.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.reactiveorm.AsyncSession;
import io.reactiveorm.Orm;
import io.reactiveorm.UniqueViolationException;
import io.reactiveorm.test.EveryDatabase;
import io.reactiveorm.test.OrmTest;
import io.reactiveorm.test.TestDatabase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import reactor.test.StepVerifier;

/**
 * {@code Schema.create()} makes the tables with their unique constraints and indexes, read back
 * from each database's catalog; run again on existing tables it does nothing: no error, no
 * duplicate or renamed object, the rows kept. {@code drop()} then {@code create()} gives empty
 * tables with the same objects.
 */
@OrmTest(entities = {CoreSchemaOwner.class, CoreSchemaEntry.class})
class SchemaIT {

  private static final Duration TIMEOUT = Duration.ofSeconds(30);
  private static final String JOIN_TABLE = "core_schema_entries_watchers";

  /** The tables, constraints and indexes the model asks for, by the names the Orm gives them. */
  private static final List<String> EXPECTED = List.of(
      "table core_schema_owners",
      "table core_schema_entries",
      "table " + JOIN_TABLE,
      "constraint core_schema_owners UNIQUE uk_core_schema_owners_code",
      "constraint core_schema_entries UNIQUE uk_core_schema_entries_email",
      "constraint core_schema_entries FOREIGN KEY fk_core_schema_entries_owner_id",
      "index core_schema_entries ix_core_schema_entries_by_label",
      "index core_schema_entries uk_core_schema_entries_region_label",
      "index core_schema_entries ix_core_schema_entries_owner_id",
      "constraint " + JOIN_TABLE + " FOREIGN KEY fk_" + JOIN_TABLE + "_core_schema_entry_id",
      "constraint " + JOIN_TABLE + " FOREIGN KEY fk_" + JOIN_TABLE + "_core_schema_owner_id",
      "index " + JOIN_TABLE + " ix_" + JOIN_TABLE + "_core_schema_owner_id");

  @EveryDatabase
  void createOnExistingTablesChangesNothingAndKeepsTheRows(Orm orm, AsyncSession session,
      TestDatabase database) {
    List<String> before = catalog(orm, database);
    assertThat(before).containsAll(EXPECTED);

    CoreSchemaOwner owner = session.insert(new CoreSchemaOwner("owner-1")).block(TIMEOUT);
    CoreSchemaEntry first = session.insert(
        new CoreSchemaEntry("a@example.com", "eu", "first", owner)).block(TIMEOUT);
    session.insert(new CoreSchemaEntry("b@example.com", "eu", "second", owner)).block(TIMEOUT);
    session.link(first, CoreSchemaEntry_.watchers, List.of(owner)).block(TIMEOUT);

    StepVerifier.create(orm.schema().create()).verifyComplete();
    StepVerifier.create(orm.schema().create()).verifyComplete();

    assertThat(catalog(orm, database)).as("the catalog after two more create()")
        .isEqualTo(before);
    assertThat(count(orm, "core_schema_owners")).isEqualTo(1);
    assertThat(count(orm, "core_schema_entries")).isEqualTo(2);
    assertThat(count(orm, JOIN_TABLE)).isEqualTo(1);
    StepVerifier.create(orm.session().query(CoreSchemaEntry.class)
            .where(CoreSchemaEntry_.email.eq("a@example.com")).list().map(e -> e.label))
        .expectNext("first").verifyComplete();

    // the constraints still hold: the unique column and the unique two-column index
    StepVerifier.create(session.insert(
            new CoreSchemaEntry("a@example.com", "us", "other", owner)))
        .expectError(UniqueViolationException.class).verify(TIMEOUT);
    StepVerifier.create(session.insert(
            new CoreSchemaEntry("c@example.com", "eu", "first", owner)))
        .expectError(UniqueViolationException.class).verify(TIMEOUT);
    assertThat(count(orm, "core_schema_entries")).isEqualTo(2);
  }

  @EveryDatabase
  void dropThenCreateGivesEmptyTablesWithTheSameObjects(Orm orm, AsyncSession session,
      TestDatabase database) {
    List<String> created = named(catalog(orm, database));
    CoreSchemaOwner owner = session.insert(new CoreSchemaOwner("owner-1")).block(TIMEOUT);
    CoreSchemaEntry entry = session.insert(
        new CoreSchemaEntry("a@example.com", "eu", "first", owner)).block(TIMEOUT);
    session.link(entry, CoreSchemaEntry_.watchers, List.of(owner)).block(TIMEOUT);

    StepVerifier.create(orm.schema().drop()).verifyComplete();
    assertThat(catalog(orm, database)).as("the catalog after drop()").isEmpty();
    StepVerifier.create(orm.schema().create()).verifyComplete();

    assertThat(count(orm, "core_schema_owners")).isZero();
    assertThat(count(orm, "core_schema_entries")).isZero();
    assertThat(count(orm, JOIN_TABLE)).isZero();
    assertThat(named(catalog(orm, database))).isEqualTo(created).containsAll(EXPECTED);

    // the same values go in again: nothing of the old rows is left
    CoreSchemaOwner again = session.insert(new CoreSchemaOwner("owner-1")).block(TIMEOUT);
    StepVerifier.create(session.insert(
            new CoreSchemaEntry("a@example.com", "eu", "first", again)))
        .expectNextCount(1).verifyComplete();
    assertThat(count(orm, "core_schema_entries")).isEqualTo(1);
  }

  private static long count(Orm orm, String table) {
    return orm.session().sql("SELECT COUNT(*) AS n FROM " + orm.dialect().quote(table)).rows()
        .map(row -> ((Number) row.values().iterator().next()).longValue())
        .single().block(TIMEOUT);
  }

  /**
   * The tables, constraints and indexes of the core_schema_ tables as the catalog has them,
   * sorted: "table t", "constraint t TYPE name", "index t name". Names the database makes up
   * (primary keys, the indexes behind constraints on H2) are kept, so that equal catalogs mean
   * nothing was added or renamed.
   */
  private static List<String> catalog(Orm orm, TestDatabase database) {
    String schema = database.kind() == TestDatabase.Kind.MARIADB ? "DATABASE()" : "CURRENT_SCHEMA";
    String tables = "SELECT table_name FROM information_schema.tables WHERE table_schema = "
        + schema;
    String constraints = "SELECT table_name, constraint_type, constraint_name"
        + " FROM information_schema.table_constraints WHERE table_schema = " + schema
        + " AND constraint_type IN ('PRIMARY KEY', 'UNIQUE', 'FOREIGN KEY')";
    String indexes = switch (database.kind()) {
      case POSTGRESQL -> "SELECT tablename, indexname FROM pg_indexes"
          + " WHERE schemaname = current_schema()";
      case MARIADB -> "SELECT DISTINCT TABLE_NAME, INDEX_NAME FROM information_schema.STATISTICS"
          + " WHERE TABLE_SCHEMA = DATABASE()";
      case H2 -> "SELECT TABLE_NAME, INDEX_NAME FROM INFORMATION_SCHEMA.INDEXES"
          + " WHERE TABLE_SCHEMA = CURRENT_SCHEMA";
    };
    List<String> objects = new ArrayList<>();
    objects.addAll(rows(orm, tables, "table"));
    objects.addAll(rows(orm, constraints, "constraint"));
    objects.addAll(rows(orm, indexes, "index"));
    return objects.stream().filter(o -> o.split(" ")[1].startsWith("core_schema_")).sorted()
        .toList();
  }

  /** The catalog without the names the database makes up, which a new table may change. */
  private static List<String> named(List<String> catalog) {
    return catalog.stream()
        .filter(o -> !o.contains(" PRIMARY KEY "))
        // H2 names the index behind a constraint after it, with a suffix: "uk_..._INDEX_F"
        .filter(o -> !o.startsWith("index ")
            || o.matches("index \\S+ (ix|uk)_\\S+") && !o.contains("_INDEX_"))
        .toList();
  }

  private static List<String> rows(Orm orm, String sql, String kind) {
    return orm.session().sql(sql).rows()
        .map(row -> kind + " " + String.join(" ",
            row.values().stream().map(String::valueOf).toList()))
        .collectList().block(TIMEOUT);
  }
}
