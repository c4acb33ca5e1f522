package io.reactiveorm.internal.session;

import io.reactiveorm.InvalidQueryException;
import io.reactiveorm.internal.exec.ConnectionSource;
import io.reactiveorm.internal.meta.EntityModel;
import io.reactiveorm.internal.meta.PropertyModel;
import io.reactiveorm.internal.meta.RelationModel;
import io.reactiveorm.internal.meta.RelationModel.JoinTable;
import io.reactiveorm.internal.relation.EntityIds;
import io.reactiveorm.internal.relation.ToManyHandle;
import io.reactiveorm.internal.sql.ConditionRenderer;
import io.reactiveorm.internal.sql.SqlStatement;
import io.reactiveorm.internal.sql.SqlWriter;
import io.reactiveorm.spi.Dialect;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Links and unlinks many-to-many rows in batched statements: one multi-row INSERT (or an {@code
 * unnest} on PostgreSQL) and one DELETE with {@code = ANY} per call, in one transaction.
 */
final class JoinTableWriter {

  private final OrmContext context;
  private final ConnectionSource connections;

  JoinTableWriter(OrmContext context, ConnectionSource connections) {
    this.context = context;
    this.connections = connections;
  }

  Mono<Void> change(Object owner, RelationModel relation, Collection<?> link,
      Collection<?> unlink, boolean unlinkAll) {
    if (relation.kind() != RelationModel.Kind.MANY_TO_MANY) {
      throw new InvalidQueryException("link/unlink/replace work on @ManyToMany relations;"
          + " " + relation.name() + " is not one: set the @ManyToOne side instead");
    }
    EntityModel<?> ownerModel = context.model(relation.ownerType());
    EntityModel<?> target = context.model(relation.targetType());
    Object ownerId = requireId(ownerModel, owner);
    List<Object> linkIds = ids(target, link);
    List<Object> unlinkIds = ids(target, unlink);
    List<SqlStatement> statements = new ArrayList<>();
    if (unlinkAll) {
      statements.add(deleteAll(relation.joinTable(), ownerModel.id(), ownerId));
    } else if (!unlinkIds.isEmpty()) {
      statements.add(delete(relation.joinTable(), ownerModel.id(), target.id(), ownerId,
          unlinkIds));
    }
    if (!linkIds.isEmpty()) {
      statements.add(insert(relation.joinTable(), ownerModel.id(), target.id(), ownerId,
          linkIds));
    }
    Flux<Long> work = Flux.empty();
    if (!statements.isEmpty()) {
      work = statements.size() == 1
          ? connections.use(c -> run(c, statements))
          : connections.atomic(c -> run(c, statements));
    }
    return work.then(Mono.fromRunnable(() -> updateLoadedHandle(owner, relation, link, unlink,
        unlinkAll)));
  }

  private Flux<Long> run(io.r2dbc.spi.Connection connection, List<SqlStatement> statements) {
    return Flux.fromIterable(statements).concatMap(sql ->
        context.executor().update(connection, sql, connections.inTransaction()));
  }

  @SuppressWarnings("unchecked")
  private static void updateLoadedHandle(Object owner, RelationModel relation, Collection<?> link,
      Collection<?> unlink, boolean unlinkAll) {
    if (relation.handle(owner) instanceof ToManyHandle<?> handle && handle.isLoaded()) {
      // by id, not by instance: the targets given may come from another session than the
      // loaded ones (entities do not override equals)
      Map<Object, Object> current = new LinkedHashMap<>();
      if (!unlinkAll) {
        handle.get().forEach(target -> current.put(EntityIds.idOf(target), target));
      }
      unlink.forEach(target -> current.remove(EntityIds.idOf(target)));
      link.forEach(target -> current.putIfAbsent(EntityIds.idOf(target), target));
      ((ToManyHandle<Object>) handle).resolve(new ArrayList<>(current.values()));
    }
  }

  private SqlStatement insert(JoinTable join, PropertyModel ownerId, PropertyModel targetId,
      Object owner, List<Object> targets) {
    Dialect dialect = context.dialect();
    SqlWriter out = new SqlWriter(dialect).append("INSERT INTO ").quoted(join.name()).append(" (")
        .quoted(join.ownerColumn()).append(", ").quoted(join.targetColumn()).append(")");
    if (dialect.supportsArrayBinds()
        && dialect.arrayTypeName(targetId.column().sqlType()) != null) {
      out.append(" SELECT ").bind(ownerId.toDatabase(owner), ownerId.databaseType())
          .append(", t FROM unnest(")
          .bind(ConditionRenderer.toArray(targetId, targets), targetId.databaseType().arrayType())
          .append("::").append(dialect.arrayTypeName(targetId.column().sqlType()))
          .append(") AS t");
      return out.toStatement();
    }
    out.append(" VALUES ");
    for (int i = 0; i < targets.size(); i++) {
      out.append(i == 0 ? "(" : ", (")
          .bind(ownerId.toDatabase(owner), ownerId.databaseType()).append(", ")
          .bind(targetId.toDatabase(targets.get(i)), targetId.databaseType()).append(")");
    }
    return out.toStatement();
  }

  private SqlStatement delete(JoinTable join, PropertyModel ownerId, PropertyModel targetId,
      Object owner, List<Object> targets) {
    Dialect dialect = context.dialect();
    SqlWriter out = new SqlWriter(dialect).append("DELETE FROM ").quoted(join.name())
        .append(" WHERE ").quoted(join.ownerColumn()).append(" = ")
        .bind(ownerId.toDatabase(owner), ownerId.databaseType())
        .append(" AND ").quoted(join.targetColumn());
    if (dialect.supportsArrayBinds()) {
      out.append(" = ANY(").bind(ConditionRenderer.toArray(targetId, targets),
          targetId.databaseType().arrayType()).append(")");
    } else {
      out.append(" IN (");
      for (int i = 0; i < targets.size(); i++) {
        out.append(i == 0 ? "" : ", ")
            .bind(targetId.toDatabase(targets.get(i)), targetId.databaseType());
      }
      out.append(")");
    }
    return out.toStatement();
  }

  private SqlStatement deleteAll(JoinTable join, PropertyModel ownerId, Object owner) {
    return new SqlWriter(context.dialect()).append("DELETE FROM ").quoted(join.name())
        .append(" WHERE ").quoted(join.ownerColumn()).append(" = ")
        .bind(ownerId.toDatabase(owner), ownerId.databaseType()).toStatement();
  }

  private static Object requireId(EntityModel<?> model, Object entity) {
    Object id = model.id().get(entity);
    if (id == null) {
      throw new InvalidQueryException(model.name() + " has no id yet; insert it before linking");
    }
    return id;
  }

  private static List<Object> ids(EntityModel<?> model, Collection<?> entities) {
    Set<Object> ids = new LinkedHashSet<>();
    for (Object entity : entities) {
      ids.add(requireId(model, entity));
    }
    return new ArrayList<>(ids);
  }
}
