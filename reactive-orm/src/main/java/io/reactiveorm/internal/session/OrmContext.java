package io.reactiveorm.internal.session;

import io.reactiveorm.MappingException;
import io.reactiveorm.NPlusOneMode;
import io.reactiveorm.internal.meta.RelationLinker;
import io.reactiveorm.internal.sql.RelationSql;
import io.reactiveorm.internal.exec.EntityReader;
import io.reactiveorm.internal.exec.StatementExecutor;
import io.reactiveorm.internal.meta.EntityModel;
import io.reactiveorm.internal.meta.ModelReader;
import io.reactiveorm.internal.sql.DdlRenderer;
import io.reactiveorm.internal.sql.SelectRenderer;
import io.reactiveorm.internal.sql.WriteRenderer;
import io.reactiveorm.spi.Dialect;
import io.reactiveorm.relation.FetchPath;
import io.reactiveorm.spi.StatementListener;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What an {@code Orm} shares with its sessions: the dialect, the checked models, the renderers,
 * the executor and the validator. Immutable once built.
 */
public final class OrmContext {

  private final Dialect dialect;
  private final Map<Class<?>, EntityModel<?>> models = new LinkedHashMap<>();
  private final Map<Class<?>, EntityReader<?>> readers = new LinkedHashMap<>();
  /**
   * Fetch plans by root model and paths: the same {@code with(...)} is asked for on every request
   * of its kind. Bounded by the paths the application's code names (relations and paths are
   * equal by what they name).
   */
  private final Map<List<Object>, FetchPlan> fetchPlans = new ConcurrentHashMap<>();
  private final StatementExecutor executor;
  private final SelectRenderer selects;
  private final WriteRenderer writes;
  private final DdlRenderer ddl;
  private final EntityValidator validator;
  private final int fetchSize;
  private final RelationSql relationSql;
  private final int relationChunkSize;
  private final NPlusOneMode nPlusOneMode;
  /** Computed once: every flush walks the models in this order. */
  private final List<EntityModel<?>> referencedFirst;

  public OrmContext(Dialect dialect, List<Class<?>> entities, StatementListener listener,
      boolean logBindValues, int fetchSize, int relationChunkSize, NPlusOneMode nPlusOneMode) {
    this.dialect = dialect;
    ModelReader reader = new ModelReader(dialect);
    for (Class<?> type : entities) {
      EntityModel<?> model = reader.read(type);
      models.put(type, model);
      readers.put(type, new EntityReader<>(model));
    }
    checkTablesAreDistinct();
    RelationLinker.link(models);
    this.referencedFirst = DependencyOrder.referencedFirst(models(), this::model);
    this.executor = new StatementExecutor(dialect, listener, logBindValues);
    this.selects = new SelectRenderer(dialect);
    this.writes = new WriteRenderer(dialect);
    this.ddl = new DdlRenderer(dialect);
    this.validator = new EntityValidator(BeanValidation.createIfAvailable());
    this.fetchSize = fetchSize;
    this.relationSql = new RelationSql(dialect, selects);
    this.relationChunkSize = relationChunkSize;
    this.nPlusOneMode = nPlusOneMode;
  }

  private void checkTablesAreDistinct() {
    Map<String, Class<?>> byTable = new LinkedHashMap<>();
    for (EntityModel<?> model : models.values()) {
      Class<?> previous = byTable.put(model.table().toLowerCase(), model.type());
      if (previous != null) {
        throw new MappingException("Entities " + previous.getSimpleName() + " and "
            + model.name() + " both map table '" + model.table() + "'; give one of them"
            + " @Table(name = ...)");
      }
    }
  }

  @SuppressWarnings("unchecked")
  public <E> EntityModel<E> model(Class<E> type) {
    EntityModel<E> model = (EntityModel<E>) models.get(type);
    if (model == null) {
      throw new MappingException(type.getName() + " is not a registered entity; add it to"
          + " Orm.builder().entities(...)");
    }
    return model;
  }

  @SuppressWarnings("unchecked")
  public <E> EntityReader<E> reader(Class<E> type) {
    model(type);
    return (EntityReader<E>) readers.get(type);
  }

  /** The plan for loading {@code paths} from rows of {@code root}; see {@link FetchPlan#of}. */
  FetchPlan fetchPlan(EntityModel<?> root, List<FetchPath<?>> paths) {
    if (paths.isEmpty()) {
      // most queries ask for no relation: no key to build and hash
      return FetchPlan.NONE;
    }
    List<Object> key = List.of(root, paths);
    FetchPlan known = fetchPlans.get(key);
    if (known != null) {
      return known;
    }
    // computed outside the map: an invalid path throws, and nothing is kept for it
    FetchPlan plan = FetchPlan.of(this, root, paths);
    fetchPlans.putIfAbsent(key, plan);
    return plan;
  }

  /** The models, each after the models its foreign keys point at. */
  public List<EntityModel<?>> modelsReferencedFirst() {
    return referencedFirst;
  }

  public List<EntityModel<?>> models() {
    return List.copyOf(models.values());
  }

  public Dialect dialect() {
    return dialect;
  }

  public StatementExecutor executor() {
    return executor;
  }

  public SelectRenderer selects() {
    return selects;
  }

  public WriteRenderer writes() {
    return writes;
  }

  public DdlRenderer ddl() {
    return ddl;
  }

  public EntityValidator validator() {
    return validator;
  }

  public int fetchSize() {
    return fetchSize;
  }

  public RelationSql relationSql() {
    return relationSql;
  }

  /** The most keys one relation-loading statement carries. */
  public int relationChunkSize() {
    return relationChunkSize;
  }

  public NPlusOneMode nPlusOneMode() {
    return nPlusOneMode;
  }
}
