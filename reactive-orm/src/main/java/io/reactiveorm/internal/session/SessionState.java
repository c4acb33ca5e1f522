package io.reactiveorm.internal.session;

import io.reactiveorm.internal.exec.ConnectionSource;
import io.reactiveorm.internal.meta.EntityModel;
import io.reactiveorm.internal.meta.RelationModel;
import io.reactiveorm.internal.relation.LazyLoader;
import io.reactiveorm.internal.relation.NPlusOneDetector;
import io.reactiveorm.internal.relation.RelationBatcher;
import io.reactiveorm.internal.relation.SiblingGroup;
import io.reactiveorm.internal.relation.ToManyHandle;
import io.reactiveorm.internal.relation.ToOneHandle;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import reactor.core.publisher.Mono;

/**
 * What a session remembers: one instance per row (the identity map), and one batcher per
 * relation for lazy loads. Every entity a session reads passes through {@link #track}.
 */
final class SessionState {

  private final OrmContext context;
  private final IdentityMap identities = new IdentityMap();
  private final Map<RelationModel, RelationBatcher> batchers = new ConcurrentHashMap<>();
  private final RelationFetcher fetcher;
  private final NPlusOneDetector detector;

  SessionState(OrmContext context, ConnectionSource connections) {
    this.context = context;
    this.fetcher = new RelationFetcher(context, connections, this);
    this.detector = new NPlusOneDetector(context.nPlusOneMode());
  }

  RelationFetcher fetcher() {
    return fetcher;
  }

  /**
   * The session's instance for the row {@code fresh} was read from: an earlier instance if there
   * is one, else {@code fresh}, with its relation handles attached to this session.
   */
  @SuppressWarnings("unchecked")
  <E> E track(EntityModel<E> model, E fresh, SiblingGroup group) {
    Object id = model.id().get(fresh);
    E known = (E) identities.putIfAbsent(model.type(), id, fresh);
    if (known != fresh) {
      return known;
    }
    attachRelations(model, fresh, group, true);
    if (group != null) {
      group.add(fresh);
    }
    return fresh;
  }

  /** Attaches the relation handles of an entity this session inserted or read. */
  @SuppressWarnings("unchecked")
  <E> void attachRelations(EntityModel<E> model, E entity, SiblingGroup group,
      boolean fromDatabase) {
    for (RelationModel relation : model.relations()) {
      RelationBatcher batcher = batcher(relation);
      Object handle = relation.handle(entity);
      if (relation.isToMany()) {
        ToManyHandle<Object> toMany = handle instanceof ToManyHandle<?> existing
            ? (ToManyHandle<Object>) existing : new ToManyHandle<>(List.of(), false);
        toMany.attach(entity, loader(batcher, group), relation.name(), fromDatabase);
        relation.setHandle(entity, toMany);
      } else {
        ToOneHandle<Object> toOne = handle instanceof ToOneHandle<?> existing
            ? (ToOneHandle<Object>) existing : new ToOneHandle<>(null, null, false);
        toOne.attach(entity, loader(batcher, group), relation.name(),
            relation.kind() == RelationModel.Kind.TO_ONE_INVERSE, fromDatabase);
        relation.setHandle(entity, toOne);
      }
    }
  }

  /**
   * A loader that notes where the application asked (when the load cannot be batched with
   * siblings, the only case the N+1 detector cares about) and defers the load to subscription.
   */
  private LazyLoader loader(RelationBatcher batcher, SiblingGroup group) {
    return owner -> {
      String caller = detector.enabled() && (group == null || group.size() <= 1)
          ? NPlusOneDetector.callerLocation() : "";
      return Mono.defer(() -> batcher.load(owner, group, caller));
    };
  }

  /** Registers an entity this session just inserted: same instance for later reads. */
  <E> void inserted(EntityModel<E> model, E entity) {
    identities.putIfAbsent(model.type(), model.id().get(entity), entity);
    attachRelations(model, entity, null, false);
  }

  /** The entity already in the session for this row, or {@code null}. */
  Object known(Class<?> type, Object id) {
    return identities.get(type, id);
  }

  void forget(Class<?> type, Object id) {
    identities.remove(type, id);
  }

  private RelationBatcher batcher(RelationModel relation) {
    return batchers.computeIfAbsent(relation, key ->
        new RelationBatcher(key, owners -> fetcher.fetch(key, owners).then(), detector));
  }
}
