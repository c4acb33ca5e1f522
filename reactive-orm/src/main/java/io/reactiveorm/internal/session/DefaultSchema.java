package io.reactiveorm.internal.session;

import io.reactiveorm.Schema;
import io.reactiveorm.internal.exec.ConnectionSource;
import io.reactiveorm.internal.meta.EntityModel;
import io.reactiveorm.internal.sql.SqlStatement;
import java.util.ArrayList;
import java.util.List;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Creates, drops and empties the registered entities' tables, one statement after another:
 * referenced tables before the tables that refer to them, join tables last; the reverse when
 * removing.
 */
public final class DefaultSchema implements Schema {

  private final OrmContext context;
  private final ConnectionSource connections;

  public DefaultSchema(OrmContext context, ConnectionSource connections) {
    this.context = context;
    this.connections = connections;
  }

  @Override
  public Mono<Void> create() {
    return run(createStatements());
  }

  @Override
  public Mono<Void> drop() {
    List<String> statements = new ArrayList<>();
    List<EntityModel<?>> models = dependentsFirst();
    for (EntityModel<?> model : models) {
      statements.addAll(context.ddl().dropJoinTables(model));
    }
    for (EntityModel<?> model : models) {
      statements.add(context.ddl().drop(model));
    }
    return run(statements);
  }

  @Override
  public Mono<Void> truncate() {
    List<String> statements = new ArrayList<>();
    List<EntityModel<?>> models = dependentsFirst();
    for (EntityModel<?> model : models) {
      for (String joinTable : context.ddl().joinTableNames(model)) {
        statements.add("DELETE FROM " + context.dialect().quote(joinTable));
      }
    }
    for (EntityModel<?> model : models) {
      statements.add("DELETE FROM " + context.dialect().quote(model.table()));
    }
    return run(statements);
  }

  @Override
  public List<String> createStatements() {
    List<String> statements = new ArrayList<>();
    List<EntityModel<?>> models = referencedFirst();
    for (EntityModel<?> model : models) {
      statements.addAll(context.ddl().create(model, context::model));
    }
    for (EntityModel<?> model : models) {
      statements.addAll(context.ddl().createJoinTables(model, context::model));
    }
    return statements;
  }

  private List<EntityModel<?>> referencedFirst() {
    return context.modelsReferencedFirst();
  }

  private List<EntityModel<?>> dependentsFirst() {
    return DependencyOrder.dependentsFirst(context.modelsReferencedFirst());
  }

  private Mono<Void> run(List<String> statements) {
    return connections.use(connection -> Flux.fromIterable(statements).concatMap(sql ->
            context.executor().update(connection, SqlStatement.of(sql, List.of()),
                connections.inTransaction())))
        .then();
  }
}
