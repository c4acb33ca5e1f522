package io.reactiveorm.internal.session;

import io.reactiveorm.internal.exec.ConnectionSource;
import io.reactiveorm.internal.exec.OffsetEntityReader;
import io.reactiveorm.internal.meta.EntityModel;
import io.reactiveorm.internal.meta.PropertyModel;
import io.reactiveorm.internal.meta.RelationModel;
import io.reactiveorm.internal.relation.SiblingGroup;
import io.reactiveorm.internal.relation.ToManyHandle;
import io.reactiveorm.internal.relation.ToOneHandle;
import io.reactiveorm.internal.sql.SqlStatement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Loads one relation for many owners with one statement per chunk of keys, resolves every
 * owner's handle, and emits the related entities (for the next level of a fetch path). Targets
 * already in the session are not read again.
 */
final class RelationFetcher {

  /**
   * Related rows are tracked and linked a window at a time, while the window's objects are
   * still in the CPU's cache: as one list per query, 10,000 rows were read whole first and then
   * walked again from memory, at twice the cost per row of a 1,000-row window.
   */
  private static final int WINDOW = 1000;

  /** In a to-one load's map of targets by key: a key the session does not know, to be read. */
  private static final Object NOT_READ = new Object();

  private final OrmContext context;
  private final ConnectionSource connections;
  private final SessionState state;

  RelationFetcher(OrmContext context, ConnectionSource connections, SessionState state) {
    this.context = context;
    this.connections = connections;
    this.state = state;
  }

  /** The session's connections, where loads run unless told otherwise. */
  ConnectionSource connections() {
    return connections;
  }

  /** Loads {@code relation} for {@code owners}, as a lazy load does: nothing to emit. */
  Mono<Void> fetch(RelationModel relation, List<?> owners) {
    return fetch(relation, owners, connections, false).then();
  }

  /**
   * {@link #fetch(RelationModel, List)} with its statements on {@code source}: the session's
   * connections, or one that a query lends once it has read its own rows. Without {@code
   * targets} (no level below to load), it emits an empty list rather than collect them.
   */
  Mono<List<Object>> fetch(RelationModel relation, List<?> owners, ConnectionSource source,
      boolean targets) {
    // related entities of a tracked read are tracked too; those of a long stream are not kept
    boolean tracked = !owners.isEmpty() && state.work().isTracked(owners.get(0));
    return switch (relation.kind()) {
      case TO_ONE_OWNER -> toOne(relation, owners, tracked, source, targets);
      case TO_ONE_INVERSE, ONE_TO_MANY -> byInverseKey(relation, owners, tracked, source,
          targets);
      case MANY_TO_MANY -> throughJoinTable(relation, owners, tracked, source, targets);
    };
  }

  @SuppressWarnings("unchecked")
  private Mono<List<Object>> toOne(RelationModel relation, List<?> owners, boolean tracked,
      ConnectionSource source, boolean targets) {
    EntityModel<Object> target = (EntityModel<Object>) context.model(relation.targetType());
    // each distinct key is looked up in the session once: many owners share a target
    Map<Object, Object> byId = new HashMap<>();
    List<Object> missing = new ArrayList<>();
    // each owner's key, read once: the resolution below needs it again
    Object[] keys = new Object[owners.size()];
    for (int i = 0; i < keys.length; i++) {
      Object key = relation.foreignKey().get(owners.get(i));
      keys[i] = key;
      if (key != null && !byId.containsKey(key)) {
        Object known = state.known(target.type(), key);
        byId.put(key, known != null ? known : NOT_READ);
        if (known == null) {
          missing.add(key);
        }
      }
    }
    return read(target, target.id(), missing, tracked, source)
        .doOnNext(entities -> {
          for (Object entity : entities) {
            byId.put(target.id().get(entity), entity);
          }
        })
        .then(Mono.fromSupplier(() -> {
          for (int i = 0; i < keys.length; i++) {
            Object found = keys[i] == null ? null : byId.get(keys[i]);
            ((ToOneHandle<Object>) relation.handle(owners.get(i))).resolve(found == NOT_READ
                ? null : found);
          }
          if (!targets) {
            return List.of();
          }
          Set<Object> all = new LinkedHashSet<>(byId.values());
          all.remove(NOT_READ);
          return List.copyOf(all);
        }));
  }

  @SuppressWarnings("unchecked")
  private Mono<List<Object>> byInverseKey(RelationModel relation, List<?> owners,
      boolean tracked, ConnectionSource source, boolean targets) {
    EntityModel<Object> target = (EntityModel<Object>) context.model(relation.targetType());
    EntityModel<?> ownerModel = context.model(relation.ownerType());
    PropertyModel key = relation.inverseForeignKey();
    List<Object> ownerIds = distinctIds(ownerModel, owners);
    Map<Object, List<Object>> byOwner = new HashMap<>();
    List<Object> all = new ArrayList<>();
    return read(target, key, ownerIds, tracked, source)
        .doOnNext(children -> {
          if (targets) {
            all.addAll(children);
          }
          for (Object child : children) {
            byOwner.computeIfAbsent(key.get(child), k -> new ArrayList<>()).add(child);
          }
        })
        .then(Mono.fromSupplier(() -> {
          for (Object owner : owners) {
            List<Object> children = byOwner.getOrDefault(ownerModel.id().get(owner), List.of());
            resolve(relation, owner, children);
          }
          return List.copyOf(all);
        }));
  }

  @SuppressWarnings("unchecked")
  private Mono<List<Object>> throughJoinTable(RelationModel relation, List<?> owners,
      boolean tracked, ConnectionSource source, boolean targets) {
    EntityModel<Object> target = (EntityModel<Object>) context.model(relation.targetType());
    EntityModel<?> ownerModel = context.model(relation.ownerType());
    List<Object> ownerIds = distinctIds(ownerModel, owners);
    Map<Object, List<Object>> byOwner = new HashMap<>();
    Set<Object> all = new LinkedHashSet<>();
    SiblingGroup group = new SiblingGroup();
    OffsetEntityReader reader = new OffsetEntityReader(context.reader(target.type()),
        ownerModel.id(), tracked);
    List<SqlStatement> statements = chunks(ownerIds).stream()
        .map(chunk -> context.relationSql().joinedTargets(target, relation.joinTable(),
            ownerModel.id(), chunk))
        .toList();
    return source.use(connection -> Flux.fromIterable(statements).concatMap(sql ->
            context.executor().queryWindows(connection, sql, reader, WINDOW,
                source.inTransaction())))
        .doOnNext(pairs -> {
          // the targets as read, then the session's instances of them, in place
          List<Object> rows = new ArrayList<>(pairs.size());
          for (Object[] pair : pairs) {
            rows.add(pair[1]);
          }
          state.trackRows(target, rows, group, tracked);
          for (int i = 0; i < pairs.size(); i++) {
            Object entity = rows.get(i);
            if (targets) {
              all.add(entity);
            }
            byOwner.computeIfAbsent(pairs.get(i)[0], k -> new ArrayList<>()).add(entity);
          }
        })
        .then(Mono.fromSupplier(() -> {
          for (Object owner : owners) {
            resolve(relation, owner,
                byOwner.getOrDefault(ownerModel.id().get(owner), List.of()));
          }
          return List.copyOf(all);
        }));
  }

  /** Resolves {@code owner}'s handle with {@code targets}, a list of its own. */
  @SuppressWarnings("unchecked")
  private static void resolve(RelationModel relation, Object owner, List<Object> targets) {
    Object handle = relation.handle(owner);
    if (relation.isToMany()) {
      ((ToManyHandle<Object>) handle).resolveWith(targets);
    } else {
      ((ToOneHandle<Object>) handle).resolve(targets.isEmpty() ? null : targets.get(0));
    }
  }

  /**
   * Target rows whose {@code key} is one of {@code keys}, tracked by the session: one list per
   * {@link #WINDOW} rows of each chunk of keys.
   */
  private Flux<List<Object>> read(EntityModel<Object> target, PropertyModel key, List<Object> keys,
      boolean tracked, ConnectionSource source) {
    if (keys.isEmpty()) {
      return Flux.empty();
    }
    SiblingGroup group = new SiblingGroup();
    List<SqlStatement> statements = chunks(keys).stream()
        .map(chunk -> context.relationSql().targetsWhereKeyIn(target, key, chunk))
        .toList();
    // targets read by their id are a row per key at most
    int expectedRows = key == target.id() ? Math.min(keys.size(), WINDOW) : WINDOW;
    return source.use(connection -> Flux.fromIterable(statements).concatMap(sql ->
            context.executor().queryWindows(connection, sql, state.rowReader(target, tracked),
                WINDOW, expectedRows, source.inTransaction())))
        .map(rows -> state.trackRows(target, rows, group, tracked));
  }

  private static List<Object> distinctIds(EntityModel<?> model, List<?> owners) {
    // owners are distinct instances, but a stream's may share a row: ids in order, once each
    Set<Object> seen = new HashSet<>(owners.size() * 4 / 3 + 1);
    List<Object> ids = new ArrayList<>(owners.size());
    for (Object owner : owners) {
      Object id = model.id().get(owner);
      if (seen.add(id)) {
        ids.add(id);
      }
    }
    return ids;
  }

  private List<List<Object>> chunks(List<Object> keys) {
    return DefaultAsyncSession.chunks(keys, context.relationChunkSize());
  }
}
