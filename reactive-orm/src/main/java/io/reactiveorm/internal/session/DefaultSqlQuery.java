package io.reactiveorm.internal.session;

import io.r2dbc.spi.ColumnMetadata;
import io.reactiveorm.InvalidQueryException;
import io.reactiveorm.SqlQuery;
import io.reactiveorm.internal.exec.ConnectionSource;
import io.reactiveorm.internal.exec.NamedEntityReader;
import io.reactiveorm.internal.meta.Types;
import io.reactiveorm.internal.sql.SqlStatement;
import io.reactiveorm.spi.SqlType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Hand-written SQL with binds; values pass through the dialect's codec for their Java type. */
final class DefaultSqlQuery implements SqlQuery {

  private final OrmContext context;
  private final ConnectionSource connections;
  private final SessionState state;
  private final NamedParameters parameters;
  private final Object[] values;
  private final boolean[] bound;

  DefaultSqlQuery(OrmContext context, ConnectionSource connections, SessionState state,
      NamedParameters parameters) {
    this.context = context;
    this.connections = connections;
    this.state = state;
    this.parameters = parameters;
    this.values = new Object[parameters.names().size()];
    this.bound = new boolean[values.length];
  }

  @Override
  public SqlQuery bind(String name, Object value) {
    boolean found = false;
    for (int i = 0; i < values.length; i++) {
      if (parameters.names().get(i).equals(name)) {
        values[i] = value == null ? new SqlStatement.NullValue(String.class) : encode(value);
        bound[i] = true;
        found = true;
      }
    }
    if (!found) {
      throw new InvalidQueryException("The SQL has no parameter :" + name + "; its parameters: "
          + parameters.names().stream().filter(n -> !n.isEmpty()).distinct().toList());
    }
    return this;
  }

  @Override
  public SqlQuery bind(int index, Object value) {
    if (index < 0 || index >= values.length) {
      throw new InvalidQueryException("The SQL has " + values.length + " parameters; index "
          + index + " is out of range");
    }
    values[index] = value == null ? new SqlStatement.NullValue(String.class) : encode(value);
    bound[index] = true;
    return this;
  }

  @Override
  public SqlQuery bindNull(String name, Class<?> type) {
    bind(name, null);
    for (int i = 0; i < values.length; i++) {
      if (parameters.names().get(i).equals(name)) {
        values[i] = new SqlStatement.NullValue(type);
      }
    }
    return this;
  }

  @Override
  public <E> Flux<E> mapTo(Class<E> entityType) {
    return Flux.defer(() -> {
      SqlStatement sql = statement();
      var model = context.model(entityType);
      var group = new io.reactiveorm.internal.relation.SiblingGroup();
      return connections.use(connection -> context.executor().query(connection, sql,
              new NamedEntityReader<>(model), connections.inTransaction()))
          .map(entity -> state.track(model, entity, group));
    });
  }

  @Override
  public Flux<Map<String, Object>> rows() {
    return Flux.defer(() -> {
      SqlStatement sql = statement();
      return connections.use(connection -> context.executor().query(connection, sql,
          (row, metadata) -> {
            Map<String, Object> map = new LinkedHashMap<>();
            List<? extends ColumnMetadata> columns = metadata.getColumnMetadatas();
            for (int i = 0; i < columns.size(); i++) {
              map.put(columns.get(i).getName(), row.get(i));
            }
            return map;
          }, connections.inTransaction()));
    });
  }

  @Override
  public Mono<Long> execute() {
    return Mono.defer(() -> {
      SqlStatement sql = statement();
      return connections.use(connection -> context.executor().update(connection, sql,
          connections.inTransaction())).single();
    });
  }

  private SqlStatement statement() {
    for (int i = 0; i < bound.length; i++) {
      if (!bound[i]) {
        String name = parameters.names().get(i);
        throw new InvalidQueryException("Parameter " + (name.isEmpty() ? "#" + i : ":" + name)
            + " is not bound; bind every parameter before running the SQL");
      }
    }
    return SqlStatement.of(parameters.sql(), new ArrayList<>(Arrays.asList(values)));
  }

  private Object encode(Object value) {
    if (value instanceof Enum<?> constant) {
      return constant.name();
    }
    SqlType type = Types.sqlTypeOf(Types.boxed(value.getClass()));
    return type == null ? value
        : context.dialect().codec(type, value.getClass()).encode().apply(value);
  }
}
