package io.reactiveorm;

import java.util.List;
import reactor.core.publisher.Mono;

/**
 * Creates and drops the tables of the {@link Orm}'s entities.
 *
 * <pre>{@code orm.schema().create().then(...)}</pre>
 */
public interface Schema {

  /**
   * Creates every missing table with its unique constraints and indexes; tables that exist are
   * left untouched. Completes when done.
   */
  Mono<Void> create();

  /** Drops every entity table and its data. Meant for tests. */
  Mono<Void> drop();

  /** Deletes every row of every entity table, keeping the tables. Meant for tests. */
  Mono<Void> truncate();

  /** The DDL {@link #create()} runs, for review or for a migration script. */
  List<String> createStatements();
}
