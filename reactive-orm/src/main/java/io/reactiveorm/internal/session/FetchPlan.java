package io.reactiveorm.internal.session;

import io.reactiveorm.InvalidQueryException;
import io.reactiveorm.internal.exec.ConnectionSource;
import io.reactiveorm.internal.meta.EntityModel;
import io.reactiveorm.internal.meta.RelationModel;
import io.reactiveorm.relation.FetchPath;
import io.reactiveorm.relation.Relation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The relations a query asked for, as a tree: one batched load per relation and level. Relations
 * of one level load concurrently on separate pooled connections, or one after another inside a
 * transaction, whose single connection can serve only one statement at a time.
 */
final class FetchPlan {

  /** The plan of a query that asks for no relation. */
  static final FetchPlan NONE = new FetchPlan();

  private final Map<RelationModel, FetchPlan> children = new LinkedHashMap<>();

  static FetchPlan of(OrmContext context, EntityModel<?> root, List<FetchPath<?>> paths) {
    FetchPlan plan = new FetchPlan();
    for (FetchPath<?> path : paths) {
      FetchPlan level = plan;
      EntityModel<?> model = root;
      for (Relation<?, ?> step : path.steps()) {
        if (step.entityType() != model.type()) {
          throw new InvalidQueryException("Cannot load " + step + " from " + model.name()
              + ": the path must continue from " + model.name() + "'s relations");
        }
        RelationModel relation = model.relation(step.field());
        level = level.children.computeIfAbsent(relation, key -> new FetchPlan());
        model = context.model(relation.targetType());
      }
    }
    return plan;
  }

  boolean isEmpty() {
    return children.isEmpty();
  }

  /** Whether every level has at most one relation: a plan that one connection serves in turn. */
  boolean isChain() {
    if (children.size() > 1) {
      return false;
    }
    for (FetchPlan child : children.values()) {
      if (!child.isChain()) {
        return false;
      }
    }
    return true;
  }

  /**
   * The relations, if all of them are to-ones whose foreign key is the owner's, with nothing
   * below them: those a JOIN can load with their owners. Empty otherwise.
   */
  List<RelationModel> toOneJoins() {
    for (Map.Entry<RelationModel, FetchPlan> child : children.entrySet()) {
      if (child.getKey().kind() != RelationModel.Kind.TO_ONE_OWNER
          || !child.getValue().isEmpty()) {
        return List.of();
      }
    }
    return List.copyOf(children.keySet());
  }

  /**
   * Loads every relation of the plan for {@code owners}, level by level. The first relation of
   * each level, and the levels below it, run on {@code first}; the others on the fetcher's own
   * connections, concurrently unless {@code sequential}.
   */
  Mono<Void> load(RelationFetcher fetcher, List<?> owners, boolean sequential,
      ConnectionSource first) {
    if (owners.isEmpty() || children.isEmpty()) {
      return Mono.empty();
    }
    List<Mono<Void>> loads = new ArrayList<>(children.size());
    ConnectionSource source = first;
    for (Map.Entry<RelationModel, FetchPlan> child : children.entrySet()) {
      ConnectionSource used = source;
      loads.add(fetcher.fetch(child.getKey(), owners, used, !child.getValue().isEmpty())
          .flatMap(targets -> child.getValue().load(fetcher, targets, sequential, used)));
      source = fetcher.connections();
    }
    return sequential ? Flux.concat(loads).then() : Flux.merge(loads).then();
  }
}
