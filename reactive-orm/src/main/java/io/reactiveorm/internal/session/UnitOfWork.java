package io.reactiveorm.internal.session;

import io.reactiveorm.internal.exec.ConnectionSource;
import io.reactiveorm.internal.exec.TransactionConnectionSource;
import io.reactiveorm.internal.meta.EntityModel;
import io.reactiveorm.internal.meta.PropertyModel;
import io.reactiveorm.internal.meta.RelationModel;
import io.reactiveorm.internal.relation.ToManyHandle;
import io.reactiveorm.internal.relation.ToOneHandle;
import io.reactiveorm.internal.sql.WriteRenderer;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The session's unit of work: entities it read (with a snapshot of their column values), entities
 * added to be inserted, and entities removed to be deleted. {@link #flush} writes the difference
 * in one transaction: inserts parents first, then updates of changed columns only, then deletes
 * children first, each as few statements as the database allows. Nothing in the session changes
 * unless the transaction succeeds.
 */
final class UnitOfWork {

  private enum Status { MANAGED, NEW, REMOVED }

  private static final class Entry extends RowIndex.Node<Entry> {
    final EntityModel<Object> model;
    final Object entity;
    Object[] snapshot;
    Status status;

    Entry(EntityModel<Object> model, Object entity, Object[] snapshot, Status status) {
      this.model = model;
      this.entity = entity;
      this.snapshot = snapshot;
      this.status = status;
    }
  }

  /** The entries of one entity type that have an id, by id. */
  private record Rows(EntityModel<Object> model, RowIndex<Entry> byId) {}

  private final OrmContext context;
  /**
   * Entries of rows the database has (read, written, or to be deleted), by type then id: a read
   * of n rows costs n hash entries keyed by id, no identity hash and no key object per row.
   */
  private final Map<Class<?>, Rows> byType = new HashMap<>();
  /** Entries without a row yet (to be inserted), or removed without having been read. */
  // small: most sessions only read, and an IdentityHashMap's default table is 64 slots
  private final Map<Object, Entry> unkeyed = new IdentityHashMap<>(4);
  /** The sets of changed columns met so far, per model, by their bits. */
  private final Map<EntityModel<Object>, ChangeShapes> shapes = new HashMap<>();

  UnitOfWork(OrmContext context) {
    this.context = context;
  }

  /** The tracked instance of a row, or {@code null}. */
  synchronized Object known(Class<?> type, Object id) {
    Rows typed = byType.get(type);
    Entry entry = typed == null ? null : typed.byId().get(id);
    return entry == null ? null : entry.entity;
  }

  /**
   * The tracked instance of the row {@code fresh} was read from, or {@code null} after tracking
   * {@code fresh} as that instance (snapshotted): one lookup for the common case of a new row.
   */
  synchronized Object trackIfAbsent(EntityModel<?> model, Object id, Object fresh) {
    Rows typed = rowsOf(model);
    Entry known = typed.byId().get(id);
    if (known != null) {
      return known.entity;
    }
    typed.byId().putAbsent(id, new Entry(typed.model(), fresh, snapshot(typed.model(), fresh),
        Status.MANAGED));
    return null;
  }

  private Rows rowsOf(EntityModel<?> model) {
    // small: a session that finds a row or two is the common one; the table grows as needed
    return rowsOf(model, 2);
  }

  @SuppressWarnings("unchecked")
  private Rows rowsOf(EntityModel<?> model, int expectedRows) {
    Rows typed = byType.get(model.type());
    if (typed == null) {
      typed = new Rows((EntityModel<Object>) model, new RowIndex<>(expectedRows));
      byType.put(model.type(), typed);
    }
    return typed;
  }

  /**
   * Sizes the session's table of {@code model}'s rows for {@code rows} more rows (an insertAll's),
   * so that tracking them does not rehash it half a dozen times on the way.
   */
  synchronized void expect(EntityModel<?> model, int rows) {
    sizedFor(model, rows);
  }

  /** The table of {@code model}'s rows, sized for {@code more} rows than it holds. */
  private Rows sizedFor(EntityModel<?> model, int more) {
    Rows typed = rowsOf(model, more);
    typed.byId().expect(typed.byId().size() + more);
    return typed;
  }

  /**
   * Tracks the rows of a read ({@code EntityReader.readWithSnapshot}: each an array of the
   * snapshot with the entity in its last slot) in one go: each becomes in {@code rows} the
   * session's instance of its row, the entity read if it is the first, tracked with its snapshot.
   * Returns the rows' first instances: {@code rows} itself when all of them are.
   */
  synchronized List<Object> trackReads(EntityModel<?> model, List<Object> rows) {
    Rows typed = sizedFor(model, rows.size());
    RowIndex<Entry> byId = typed.byId();
    PropertyModel idProperty = model.id();
    // the snapshot holds the id as read, unless a conversion stands between field and column
    int idInSnapshot = idProperty.isAsIs() ? model.properties().indexOf(idProperty) : -1;
    List<Object> newcomers = null;
    for (int i = 0; i < rows.size(); i++) {
      Object[] read = (Object[]) rows.get(i);
      Object fresh = read[read.length - 1];
      read[read.length - 1] = null;
      Object id = idInSnapshot >= 0 ? read[idInSnapshot] : idProperty.get(fresh);
      Entry known = byId.putIfAbsent(id, new Entry(typed.model(), fresh, read, Status.MANAGED));
      if (known == null) {
        rows.set(i, fresh);
        if (newcomers != null) {
          newcomers.add(fresh);
        }
      } else {
        if (newcomers == null) {
          newcomers = new ArrayList<>(rows.subList(0, i));
        }
        rows.set(i, known.entity);
      }
    }
    return newcomers != null ? newcomers : rows;
  }

  /**
   * Replaces in {@code entities} (untracked reads) those the session already tracks by its
   * instances; returns the others, {@code entities} itself when none is tracked.
   */
  synchronized List<Object> replaceKnown(EntityModel<?> model, List<Object> entities) {
    Rows typed = byType.get(model.type());
    if (typed == null || typed.byId().size() == 0) {
      return entities;
    }
    List<Object> newcomers = new ArrayList<>(entities.size());
    for (int i = 0; i < entities.size(); i++) {
      Object fresh = entities.get(i);
      Entry known = typed.byId().get(model.id().get(fresh));
      if (known == null) {
        newcomers.add(fresh);
      } else {
        entities.set(i, known.entity);
      }
    }
    return newcomers;
  }

  /** The entry of {@code entity}, wherever it is kept, or {@code null}. */
  private Entry entryOf(Object entity) {
    Entry entry = unkeyed.isEmpty() ? null : unkeyed.get(entity);
    if (entry != null) {
      return entry;
    }
    Rows typed = byType.get(entity.getClass());
    Object id = typed == null ? null : typed.model().id().get(entity);
    Entry byId = id == null ? null : typed.byId().get(id);
    return byId != null && byId.entity == entity ? byId : null;
  }

  /** Forgets the entry of {@code entity}, wherever it is kept. */
  private void forget(Entry entry) {
    if (unkeyed.remove(entry.entity) == null) {
      Rows typed = byType.get(entry.model.type());
      Object id = entry.model.id().get(entry.entity);
      if (typed != null && id != null) {
        typed.byId().remove(id, entry);
      }
    }
  }

  private List<Entry> allEntries() {
    List<Entry> all = new ArrayList<>(unkeyed.values());
    for (Rows typed : byType.values()) {
      all.addAll(typed.byId().values());
    }
    return all;
  }

  /** Whether the session tracks {@code entity}. */
  synchronized boolean isTracked(Object entity) {
    return entryOf(entity) != null;
  }

  /** Tracks an entity read from (or just written to) the database, snapshotting its values. */
  synchronized void managed(EntityModel<?> model, Object entity) {
    track(model, entity);
  }

  /** {@link #managed} for the rows of one insert, under one lock. */
  synchronized void managedAll(EntityModel<?> model, List<?> entities) {
    sizedFor(model, entities.size());
    for (int i = 0; i < entities.size(); i++) {
      track(model, entities.get(i));
    }
  }

  @SuppressWarnings("unchecked")
  private void track(EntityModel<?> model, Object entity) {
    EntityModel<Object> typed = (EntityModel<Object>) model;
    Entry entry = entryOf(entity);
    if (entry == null) {
      entry = new Entry(typed, entity, null, Status.MANAGED);
    } else {
      // a new entity just inserted has its id now: it moves to the rows
      unkeyed.remove(entity);
    }
    entry.snapshot = snapshotInto(entry.snapshot, typed, entity);
    entry.status = Status.MANAGED;
    rowsOf(model).byId().put(model.id().get(entity), entry);
  }

  /** Registers a new entity (and, at flush, the new ones reachable from it) for insertion. */
  @SuppressWarnings("unchecked")
  synchronized void add(EntityModel<?> model, Object entity) {
    Entry entry = entryOf(entity);
    if (entry == null) {
      unkeyed.put(entity, new Entry((EntityModel<Object>) model, entity, null, Status.NEW));
    } else if (entry.status == Status.REMOVED) {
      entry.status = entry.snapshot == null ? Status.NEW : Status.MANAGED;
    }
  }

  /** Registers an entity for deletion; a new one is simply forgotten. */
  @SuppressWarnings("unchecked")
  synchronized void remove(EntityModel<?> model, Object entity) {
    Entry entry = entryOf(entity);
    if (entry == null) {
      unkeyed.put(entity, new Entry((EntityModel<Object>) model, entity,
          snapshot((EntityModel<Object>) model, entity), Status.REMOVED));
    } else if (entry.status == Status.NEW) {
      forget(entry);
    } else {
      entry.status = Status.REMOVED;
    }
  }

  /** Stops tracking an entity. */
  synchronized void evict(EntityModel<?> model, Object entity) {
    Entry entry = entryOf(entity);
    if (entry != null) {
      forget(entry);
    }
  }

  synchronized void clear() {
    unkeyed.clear();
    byType.clear();
  }

  /** Whether anything would be written by a flush. */
  synchronized boolean hasChanges() {
    return allEntries().stream().anyMatch(entry -> entry.status != Status.MANAGED
        || !changedColumns(entry).isEmpty());
  }

  /**
   * Writes all pending work in one transaction ({@code connections}' own, or a new one). On
   * failure nothing in the session changes: generated ids and versions are put back.
   *
   * @param undoable inside a transaction, whether the statements of a failed flush are undone
   *     (by a savepoint) so that the transaction can go on; not needed when the transaction ends
   *     with the flush
   */
  Mono<Void> flush(ConnectionSource connections, boolean undoable) {
    return Mono.defer(() -> {
      Plan plan = plan();
      if (plan.isEmpty()) {
        return Mono.empty();
      }
      plan.validate(context);
      Map<Object, Object[]> before = plan.remember();
      // inside a transaction, a savepoint undoes the statements that ran before a failing one
      // (and clears PostgreSQL's aborted state), so that fixing the cause and flushing again works
      Flux<Object> written;
      if (!connections.inTransaction()) {
        written = connections.atomic(connection -> plan.execute(context,
            new TransactionConnectionSource(connection)));
      } else if (undoable) {
        written = connections.use(connection -> Savepoints.run(connection, savepoint ->
            plan.execute(context, new TransactionConnectionSource(savepoint))));
      } else {
        written = connections.use(connection -> plan.execute(context,
            new TransactionConnectionSource(connection)));
      }
      return written
          .then(Mono.fromRunnable(() -> applied(plan)))
          .onErrorResume(error -> {
            Plan.restore(before);
            return Mono.error(error);
          })
          .then();
    });
  }

  private synchronized Plan plan() {
    cascadeNewEntities();
    Plan plan = new Plan();
    // model by model, parents first; a model's rows are already kept together
    for (EntityModel<?> model : context.modelsReferencedFirst()) {
      if (!unkeyed.isEmpty()) {
        for (Entry entry : unkeyed.values()) {
          if (entry.model == model) {
            plan(entry, plan, shapesOf(entry.model));
          }
        }
      }
      Rows typed = byType.get(model.type());
      if (typed != null) {
        ChangeShapes modelShapes = shapesOf(typed.model());
        for (Entry entry : typed.byId().values()) {
          plan(entry, plan, modelShapes);
        }
      }
    }
    return plan;
  }

  private static void plan(Entry entry, Plan plan, ChangeShapes shapes) {
    switch (entry.status) {
      case NEW -> plan.insert(entry.model, entry.entity);
      case REMOVED -> plan.delete(entry.model, entry.entity);
      case MANAGED -> {
        Set<PropertyModel> changed = changedColumns(entry, shapes);
        if (!changed.isEmpty()) {
          plan.update(entry, changed);
        }
      }
    }
  }

  /**
   * New objects reachable through relations join the insert: a to-one target without an id, and
   * the loaded elements of a one-to-many, whose foreign key is pointed at their owner.
   */
  private void cascadeNewEntities() {
    // the entries with an id are walked in place (a walk adds only to the unkeyed ones), the
    // few unkeyed ones from a copy; what a walk adds is walked in turn
    List<Entry> toVisit = new ArrayList<>(unkeyed.values());
    for (Rows typed : byType.values()) {
      if (!typed.model().relations().isEmpty()) {
        for (Entry entry : typed.byId().values()) {
          cascadeFrom(entry, toVisit);
        }
      }
    }
    while (!toVisit.isEmpty()) {
      cascadeFrom(toVisit.remove(toVisit.size() - 1), toVisit);
    }
  }

  /** Adds the new entities {@code entry}'s loaded relations reach, to insert and to visit. */
  @SuppressWarnings("unchecked")
  private void cascadeFrom(Entry entry, List<Entry> toVisit) {
    if (entry.status == Status.REMOVED) {
      return;
    }
    List<RelationModel> relations = entry.model.relations();
    for (int i = 0; i < relations.size(); i++) {
      RelationModel relation = relations.get(i);
      for (Object target : reachable(relation.handle(entry.entity))) {
        if (relation.kind() == RelationModel.Kind.ONE_TO_MANY) {
          pointBackAt(relation, target, entry.entity);
        }
        if (entryOf(target) == null) {
          EntityModel<Object> targetModel =
              (EntityModel<Object>) context.model(relation.targetType());
          if (targetModel.id().get(target) == null
              || targetModel.id().role() != PropertyModel.Role.GENERATED_ID) {
            Entry added = new Entry(targetModel, target, null, Status.NEW);
            unkeyed.put(target, added);
            toVisit.add(added);
          }
        }
      }
    }
  }

  /** The entities a relation handle holds in memory: none for one not loaded (most of them). */
  private static List<?> reachable(Object handle) {
    if (handle instanceof ToOneHandle<?> toOne && toOne.target() != null) {
      return List.of(toOne.target());
    }
    if (handle instanceof ToManyHandle<?> toMany && toMany.isLoaded()) {
      return toMany.get();
    }
    return List.of();
  }

  @SuppressWarnings("unchecked")
  private void pointBackAt(RelationModel oneToMany, Object child, Object owner) {
    EntityModel<?> childModel = context.model(oneToMany.targetType());
    RelationModel back = childModel.relation(oneToMany.mappedBy());
    if (back.handle(child) instanceof ToOneHandle<?> handle && handle.target() == null
        && handle.id() == null) {
      ((ToOneHandle<Object>) handle).set(owner);
    } else if (back.handle(child) == null) {
      back.setHandle(child, io.reactiveorm.relation.Ref.to(owner));
    }
  }

  private synchronized void applied(Plan plan) {
    for (Object entity : plan.removed()) {
      Entry entry = entryOf(entity);
      if (entry != null) {
        forget(entry);
      }
    }
    for (Object entity : plan.inserted()) {
      Entry entry = entryOf(entity);
      if (entry != null) {
        managed(entry.model, entity);
      }
    }
    // an updated row differs from its snapshot only in the columns written (and its version)
    plan.updated((model, columns, entries) -> {
      int[] indexes = columns.stream().mapToInt(model.properties()::indexOf).toArray();
      for (Entry entry : entries) {
        if (entry.snapshot == null) {
          continue;
        }
        for (int index : indexes) {
          PropertyModel property = model.properties().get(index);
          entry.snapshot[index] = property.snapshotValue(property.get(entry.entity));
        }
      }
    });
  }

  private Set<PropertyModel> changedColumns(Entry entry) {
    return changedColumns(entry, shapesOf(entry.model));
  }

  private ChangeShapes shapesOf(EntityModel<Object> model) {
    return shapes.computeIfAbsent(model, ChangeShapes::new);
  }

  /** The columns of {@code entry} that differ from its snapshot; none without a snapshot. */
  private static Set<PropertyModel> changedColumns(Entry entry, ChangeShapes shapes) {
    if (entry.snapshot == null) {
      return Set.of();
    }
    BitSet changed = shapes.scratch();
    List<PropertyModel> properties = entry.model.properties();
    for (int i = 0; i < properties.size(); i++) {
      PropertyModel property = properties.get(i);
      if (property.isId() || property.isVersion()) {
        continue;
      }
      Object value = property.get(entry.entity);
      // a value kept as it was read is the snapshot's own object: unchanged without a look at
      // it (a flush walks every loaded row, and the values' memory is the cost); deepEquals
      // compares byte[] columns by content
      if ((value != entry.snapshot[i] || !property.isAsIs())
          && !Objects.deepEquals(property.columnValue(value), entry.snapshot[i])) {
        changed.set(i);
      }
    }
    return shapes.of(changed);
  }

  /**
   * The sets of changed columns met so far for one model, by their bits: entities changed the
   * same way share one set, so that a flush of many changed rows builds a set per shape, not per
   * row, and the rows of a flush, mostly changed alike, find theirs without a lookup.
   */
  private static final class ChangeShapes {
    private final EntityModel<Object> model;
    private final Map<BitSet, Set<PropertyModel>> byBits = new HashMap<>();
    private final BitSet scratch;
    private BitSet lastBits;
    private Set<PropertyModel> lastSet;

    ChangeShapes(EntityModel<Object> model) {
      this.model = model;
      this.scratch = new BitSet(model.properties().size());
    }

    /** Cleared bits to mark a row's changed columns in, then passed to {@link #of}. */
    BitSet scratch() {
      scratch.clear();
      return scratch;
    }

    Set<PropertyModel> of(BitSet bits) {
      if (bits.isEmpty()) {
        return Set.of();
      }
      if (bits.equals(lastBits)) {
        return lastSet;
      }
      BitSet key = (BitSet) bits.clone();
      Set<PropertyModel> set = byBits.computeIfAbsent(key, k -> {
        Set<PropertyModel> columns = new LinkedHashSet<>();
        k.stream().forEach(i -> columns.add(model.properties().get(i)));
        return Collections.unmodifiableSet(columns);
      });
      lastBits = key;
      lastSet = set;
      return set;
    }
  }

  private static Object[] snapshot(EntityModel<Object> model, Object entity) {
    return snapshotInto(null, model, entity);
  }

  /** The entity's values, in {@code previous} when there is one (a written entity's old one). */
  private static Object[] snapshotInto(Object[] previous, EntityModel<Object> model,
      Object entity) {
    List<PropertyModel> properties = model.properties();
    // a snapshot taken as the row was read has a spare slot at the end, where the entity was
    Object[] values = previous != null && previous.length >= properties.size() ? previous
        : new Object[properties.size()];
    for (int i = 0; i < properties.size(); i++) {
      PropertyModel property = properties.get(i);
      values[i] = property.snapshotValue(property.get(entity));
    }
    return values;
  }

  /** What one flush writes, grouped into statements of one shape. */
  private static final class Plan {

    private final Map<EntityModel<Object>, List<Object>> inserts = new LinkedHashMap<>();
    private final Map<EntityModel<Object>, Map<Set<PropertyModel>, Updated>> updates =
        new LinkedHashMap<>();
    private final Map<EntityModel<Object>, List<Object>> deletes = new LinkedHashMap<>();
    private EntityModel<Object> lastModel;
    private Set<PropertyModel> lastChanged;
    private Updated lastGroup;

    void insert(EntityModel<Object> model, Object entity) {
      inserts.computeIfAbsent(model, k -> new ArrayList<>()).add(entity);
    }

    void update(Entry entry, Set<PropertyModel> changed) {
      // rows come model by model and are mostly changed alike: the group of the row before
      if (entry.model != lastModel || changed != lastChanged) {
        lastGroup = updates.computeIfAbsent(entry.model, k -> new LinkedHashMap<>())
            .computeIfAbsent(changed, k -> new Updated(new ArrayList<>(), new ArrayList<>()));
        lastModel = entry.model;
        lastChanged = changed;
      }
      lastGroup.entries().add(entry);
      lastGroup.rows().add(entry.entity);
    }

    /**
     * Rows updated in the same columns: their entries, which the refresh after the write uses
     * without a lookup, and their entities, in the same order, which are written.
     */
    private record Updated(List<Entry> entries, List<Object> rows) {}

    void delete(EntityModel<Object> model, Object entity) {
      deletes.computeIfAbsent(model, k -> new ArrayList<>()).add(entity);
    }

    boolean isEmpty() {
      return inserts.isEmpty() && updates.isEmpty() && deletes.isEmpty();
    }

    void validate(OrmContext context) {
      inserts.forEach((model, rows) -> context.validator().validate(model, rows));
      updates.forEach((model, groups) -> groups.forEach((changed, group) ->
          context.validator().validateChanged(model, group.rows(), changed)));
    }

    /** Ids and versions before the flush, to put back if it fails. */
    Map<Object, Object[]> remember() {
      Map<Object, Object[]> before = new IdentityHashMap<>();
      inserts.forEach((model, rows) -> rows.forEach(row -> before.put(row, state(model, row))));
      // an update changes neither id nor, without @Version, anything else to put back
      updates.forEach((model, groups) -> {
        if (model.version() != null) {
          groups.values().forEach(group -> group.rows().forEach(
              row -> before.put(row, state(model, row))));
        }
      });
      return before;
    }

    private static Object[] state(EntityModel<Object> model, Object row) {
      return new Object[] {model, model.id().get(row),
          model.version() == null ? null : model.version().get(row)};
    }

    @SuppressWarnings("unchecked")
    static void restore(Map<Object, Object[]> before) {
      before.forEach((row, state) -> {
        EntityModel<Object> model = (EntityModel<Object>) state[0];
        model.id().set(row, state[1]);
        if (model.version() != null) {
          model.version().set(row, state[2]);
        }
      });
    }

    Flux<Object> execute(OrmContext context, ConnectionSource transaction) {
      BulkWriter writer = new BulkWriter(context, transaction);
      List<Mono<?>> steps = new ArrayList<>();
      inserts.forEach((model, rows) -> steps.add(Mono.defer(() -> {
        DefaultAsyncSession.prepareForInsert(model, rows);
        return writer.insert(model, rows).then();
      })));
      updates.forEach((model, groups) -> groups.forEach((changed, group) ->
          steps.add(Mono.defer(() -> writer.update(model,
                  WriteRenderer.withVersion(model, changed), group.rows())
              .doOnSuccess(count -> group.rows().forEach(row -> advanceVersion(model, row)))))));
      List<EntityModel<Object>> deleteOrder = new ArrayList<>(deletes.keySet());
      java.util.Collections.reverse(deleteOrder);
      for (EntityModel<Object> model : deleteOrder) {
        steps.add(Mono.defer(() -> writer.delete(model, deletes.get(model))));
      }
      return Flux.concat(steps).thenMany(Flux.empty());
    }

    private static void advanceVersion(EntityModel<Object> model, Object row) {
      if (model.version() != null) {
        model.version().set(row, WriteRenderer.nextVersion(model.version(), row));
      }
    }

    List<Object> removed() {
      List<Object> all = new ArrayList<>();
      deletes.values().forEach(all::addAll);
      return all;
    }

    List<Object> inserted() {
      List<Object> all = new ArrayList<>();
      inserts.values().forEach(all::addAll);
      return all;
    }

    /** Each group of updated rows with the columns written to them, the version included. */
    void updated(UpdatedRows action) {
      updates.forEach((model, groups) -> groups.forEach((changed, group) ->
          action.accept(model, WriteRenderer.withVersion(model, changed), group.entries())));
    }
  }

  /** Rows of one model updated in the same columns. */
  @FunctionalInterface
  private interface UpdatedRows {
    void accept(EntityModel<Object> model, List<PropertyModel> columns, List<Entry> entries);
  }
}
