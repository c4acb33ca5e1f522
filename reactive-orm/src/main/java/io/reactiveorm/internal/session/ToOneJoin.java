package io.reactiveorm.internal.session;

import io.reactiveorm.internal.exec.ConnectionSource;
import io.reactiveorm.internal.meta.EntityModel;
import io.reactiveorm.internal.meta.RelationModel;
import io.reactiveorm.internal.relation.SiblingGroup;
import io.reactiveorm.internal.relation.ToOneHandle;
import io.reactiveorm.internal.sql.SelectSpec;
import io.reactiveorm.internal.sql.SqlStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import reactor.core.publisher.Flux;

/**
 * Reads entities with to-one relations joined in the same statement ({@link
 * io.reactiveorm.internal.sql.SelectRenderer#selectJoined}): each row is the owner's columns and
 * then each target's, and every owner's handle is resolved from its own row.
 */
final class ToOneJoin<E> {

  private final OrmContext context;
  private final SessionState state;
  private final EntityModel<E> model;
  private final List<RelationModel> relations;
  private final boolean tracked;
  private final List<EntityModel<Object>> targetModels = new ArrayList<>();

  @SuppressWarnings("unchecked")
  ToOneJoin(OrmContext context, SessionState state, EntityModel<E> model,
      List<RelationModel> relations, boolean tracked) {
    this.context = context;
    this.state = state;
    this.model = model;
    this.relations = relations;
    this.tracked = tracked;
    for (RelationModel relation : relations) {
      targetModels.add((EntityModel<Object>) context.model(relation.targetType()));
    }
  }

  /** The rows of {@code spec}, each with its relations' targets joined, resolved and tracked. */
  Flux<E> read(ConnectionSource connections, SelectSpec spec) {
    JoinedRows rows = new JoinedRows(context, model, relations);
    SqlStatement sql = context.selects().selectJoined(spec, model, rows.joins());
    return linked(connections.use(connection -> context.executor().query(connection, sql,
        (row, metadata) -> rows.read(row), connections.inTransaction())));
  }

  /**
   * {@link #read} for a find of {@code id}, through {@code finds}: in one statement with the
   * other sessions' finds of the same shape that wait for a connection at the same time.
   */
  Flux<E> find(FindCoalescer finds, SelectSpec spec, Object id) {
    return linked(finds.find(model, relations, spec, id).flatMapIterable(rows -> rows));
  }

  /** The session's owners of the rows, with their joined targets resolved. */
  private Flux<E> linked(Flux<Object[]> rows) {
    SiblingGroup ownerGroup = new SiblingGroup();
    List<SiblingGroup> targetGroups = new ArrayList<>(relations.size());
    for (int i = 0; i < relations.size(); i++) {
      targetGroups.add(new SiblingGroup());
    }
    return rows.map(row -> link(row, ownerGroup, targetGroups));
  }

  @SuppressWarnings("unchecked")
  private E link(Object[] row, SiblingGroup ownerGroup, List<SiblingGroup> targetGroups) {
    E fresh = (E) row[0];
    E owner = state.track(model, fresh, ownerGroup, tracked);
    for (int i = 0; i < relations.size(); i++) {
      RelationModel relation = relations.get(i);
      EntityModel<Object> targetModel = targetModels.get(i);
      Object target = row[i + 1] == null ? null
          : state.track(targetModel, row[i + 1], targetGroups.get(i), tracked);
      ToOneHandle<Object> handle = (ToOneHandle<Object>) relation.handle(owner);
      // an owner the session already had may point elsewhere by now (a change not yet written):
      // its handle takes the joined row only if it still points at it
      boolean pointsHere = owner == fresh || Objects.equals(relation.foreignKey().get(owner),
          target == null ? null : targetModel.id().get(target));
      if (handle.needsLoad() && pointsHere) {
        handle.resolve(target);
      }
    }
    return owner;
  }
}
