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
import io.r2dbc.spi.Row;
import io.r2dbc.spi.RowMetadata;
import io.reactiveorm.internal.exec.EntityReader;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;
import reactor.core.publisher.Mono;

/**
 * What a session remembers: one instance per row it tracks (the unit of work is the identity
 * map), and one batcher per relation for lazy loads. Every entity a session reads passes
 * through {@link #track}.
 */
final class SessionState {

  private final OrmContext context;
  private final Map<RelationModel, RelationBatcher> batchers = new ConcurrentHashMap<>();
  private final RelationFetcher fetcher;
  private final NPlusOneDetector detector;
  private final UnitOfWork work;

  SessionState(OrmContext context, ConnectionSource connections) {
    this.context = context;
    this.work = new UnitOfWork(context);
    this.fetcher = new RelationFetcher(context, connections, this);
    this.detector = new NPlusOneDetector(context.nPlusOneMode());
  }

  RelationFetcher fetcher() {
    return fetcher;
  }

  UnitOfWork work() {
    return work;
  }

  /**
   * The session's instance for the row {@code fresh} was read from: an earlier instance if there
   * is one, else {@code fresh}, with its relation handles attached to this session. A {@code
   * tracked} read also enters the unit of work (snapshotted, so that changes are found at flush);
   * an untracked one (a long stream) is not remembered at all, so that a stream of any length
   * keeps only what the application keeps: within one window its rows and their related rows
   * are still one instance each, as they are read and linked together.
   */
  @SuppressWarnings("unchecked")
  <E> E track(EntityModel<E> model, E fresh, SiblingGroup group, boolean tracked) {
    Object id = model.id().get(fresh);
    Object known = tracked ? work.trackIfAbsent(model, id, fresh)
        : work.known(model.type(), id);
    return known != null ? (E) known : adopt(model, fresh, group);
  }

  /** A row's first instance in this session: its relation handles attached, in its group. */
  private <E> E adopt(EntityModel<E> model, E fresh, SiblingGroup group) {
    attachRelations(model, fresh, loaders(model, group), true);
    if (group != null) {
      group.add(fresh);
    }
    return fresh;
  }

  /**
   * The session's instances of {@code rows}, read by {@link #rowReader} or as a many-to-many
   * load's targets (entities, or for a tracked read entities with their snapshots), as {@link
   * #track} makes them, in {@code group}.
   * The list is the read's own and is filled in place: a second list per window is garbage.
   */
  @SuppressWarnings("unchecked")
  <E> List<E> trackRows(EntityModel<E> model, List<Object> rows, SiblingGroup group,
      boolean tracked) {
    // the unit of work takes the whole read under one lock, then the newcomers get their
    // relations' loaders, looked up once, and join the group at once: per row, each of these
    // was a lock or a map lookup
    List<Object> newcomers = tracked ? work.trackReads(model, rows)
        : work.replaceKnown(model, rows);
    adoptAll(model, newcomers, group, true);
    return (List<E>) (List<?>) rows;
  }

  /**
   * Entities new to this session, read or inserted: their relation handles attached, in {@code
   * group}, with the relations' loaders looked up once for them all.
   */
  @SuppressWarnings("unchecked")
  private <E> void adoptAll(EntityModel<E> model, List<?> newcomers, SiblingGroup group,
      boolean fromDatabase) {
    LazyLoader[] loaders = loaders(model, group);
    for (int i = 0; i < newcomers.size(); i++) {
      attachRelations(model, (E) newcomers.get(i), loaders, fromDatabase);
    }
    group.addAll(newcomers);
  }

  /**
   * How to read rows of {@code model} for {@link #trackRows}: with their snapshot when tracked (the
   * unit of work keeps it), else as plain entities.
   */
  BiFunction<Row, RowMetadata, Object> rowReader(EntityModel<?> model, boolean tracked) {
    EntityReader<?> reader = context.reader(model.type());
    return tracked ? reader::readWithSnapshot : reader::apply;
  }

  /** Tells the unit of work that {@code rows} rows of {@code model} are about to be tracked. */
  void expect(EntityModel<?> model, int rows) {
    work.expect(model, rows);
  }

  /** {@link #track(EntityModel, Object, SiblingGroup, boolean) Tracked} reads. */
  <E> E track(EntityModel<E> model, E fresh, SiblingGroup group) {
    return track(model, fresh, group, true);
  }

  /** Attaches the relation handles of an entity this session inserted or read. */
  <E> void attachRelations(EntityModel<E> model, E entity, SiblingGroup group,
      boolean fromDatabase) {
    attachRelations(model, entity, loaders(model, group), fromDatabase);
  }

  @SuppressWarnings("unchecked")
  private <E> void attachRelations(EntityModel<E> model, E entity, LazyLoader[] loaders,
      boolean fromDatabase) {
    List<RelationModel> relations = model.relations();
    // by index: an iterator per entity read is garbage the hot path need not make
    for (int i = 0; i < loaders.length; i++) {
      RelationModel relation = relations.get(i);
      Object handle = relation.handle(entity);
      if (relation.isToMany()) {
        if (handle instanceof ToManyHandle<?> existing) {
          ((ToManyHandle<Object>) existing).attach(entity, loaders[i], relation.name(),
              fromDatabase);
        } else {
          ToManyHandle<Object> toMany = new ToManyHandle<>(List.of(), false);
          toMany.attach(entity, loaders[i], relation.name(), fromDatabase);
          relation.setHandle(entity, toMany);
        }
      } else {
        boolean inverse = relation.kind() == RelationModel.Kind.TO_ONE_INVERSE;
        if (handle instanceof ToOneHandle<?> existing) {
          existing.attach(entity, loaders[i], relation.name(), inverse, fromDatabase);
        } else {
          ToOneHandle<Object> toOne = new ToOneHandle<>(null, null, false);
          toOne.attach(entity, loaders[i], relation.name(), inverse, fromDatabase);
          relation.setHandle(entity, toOne);
        }
      }
    }
  }

  /**
   * The loaders of {@code model}'s relations, in their order, for entities of {@code group}: one
   * per relation and group, shared by the group's members.
   */
  private LazyLoader[] loaders(EntityModel<?> model, SiblingGroup group) {
    List<RelationModel> relations = model.relations();
    LazyLoader[] loaders = new LazyLoader[relations.size()];
    for (int i = 0; i < loaders.length; i++) {
      loaders[i] = loader(relations.get(i), group);
    }
    return loaders;
  }

  /**
   * A loader that notes where the application asked (when the load cannot be batched with
   * siblings, the only case the N+1 detector cares about) and defers the load to subscription.
   */
  private LazyLoader loader(RelationModel relation, SiblingGroup group) {
    if (group == null) {
      return newLoader(relation, null);
    }
    LazyLoader shared = group.sharedLoader(relation);
    return shared != null ? shared : group.share(relation, newLoader(relation, group));
  }

  private LazyLoader newLoader(RelationModel relation, SiblingGroup group) {
    return owner -> {
      String caller = detector.enabled() && (group == null || group.size() <= 1)
          ? NPlusOneDetector.callerLocation() : "";
      // the batcher is looked up (made, the first time) by the first load: most reads load
      // nothing lazily, and a find per request would otherwise make one per relation
      return Mono.defer(() -> batcher(relation).load(owner, group, caller));
    };
  }

  /**
   * Registers the entities this session just inserted (the same instances for later reads), in
   * {@code group}, the unit of work taken once for them all.
   */
  <E> void insertedAll(EntityModel<E> model, List<E> entities, SiblingGroup group) {
    adoptAll(model, entities, group, false);
    work.managedAll(model, entities);
  }

  /** Forgets an entity: it is no longer the session's instance of its row. */
  void evict(EntityModel<?> model, Object entity) {
    work.evict(model, entity);
  }

  void clear() {
    work.clear();
  }

  /** The entity already in the session for this row, or {@code null}. */
  Object known(Class<?> type, Object id) {
    return work.known(type, id);
  }

  private RelationBatcher batcher(RelationModel relation) {
    RelationBatcher existing = batchers.get(relation);
    return existing != null ? existing : batchers.computeIfAbsent(relation, key ->
        new RelationBatcher(key, owners -> fetcher.fetch(key, owners), detector));
  }
}
