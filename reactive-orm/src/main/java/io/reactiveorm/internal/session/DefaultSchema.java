package io.reactiveorm.internal.session;

import io.reactiveorm.Schema;
import io.reactiveorm.internal.exec.ConnectionSource;
import io.reactiveorm.internal.meta.EntityModel;
import io.reactiveorm.internal.sql.SqlStatement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Creates, drops and empties the registered entities' tables, one statement after another. */
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
    for (EntityModel<?> model : reversedModels()) {
      statements.add(context.ddl().drop(model));
    }
    return run(statements);
  }

  @Override
  public Mono<Void> truncate() {
    List<String> statements = new ArrayList<>();
    for (EntityModel<?> model : reversedModels()) {
      statements.add("DELETE FROM " + context.dialect().quote(model.table()));
    }
    return run(statements);
  }

  @Override
  public List<String> createStatements() {
    List<String> statements = new ArrayList<>();
    for (EntityModel<?> model : context.models()) {
      statements.addAll(context.ddl().create(model));
    }
    return statements;
  }

  /** Dependents are registered after what they depend on, so they go first when removing. */
  private List<EntityModel<?>> reversedModels() {
    List<EntityModel<?>> models = new ArrayList<>(context.models());
    Collections.reverse(models);
    return models;
  }

  private Mono<Void> run(List<String> statements) {
    return connections.use(connection -> Flux.fromIterable(statements).concatMap(sql ->
            context.executor().update(connection, SqlStatement.of(sql, List.of()),
                connections.inTransaction())))
        .then();
  }
}
