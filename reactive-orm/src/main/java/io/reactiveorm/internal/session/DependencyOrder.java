package io.reactiveorm.internal.session;

import io.reactiveorm.internal.meta.EntityModel;
import io.reactiveorm.internal.meta.RelationModel;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Orders entity models so that every foreign key points at a model that comes earlier: the order
 * to create tables and insert rows in; reversed, to drop and delete.
 */
final class DependencyOrder {

  private DependencyOrder() {}

  static List<EntityModel<?>> referencedFirst(List<EntityModel<?>> models,
      Function<Class<?>, EntityModel<?>> lookup) {
    Set<EntityModel<?>> ordered = new LinkedHashSet<>();
    for (EntityModel<?> model : models) {
      visit(model, ordered, new LinkedHashSet<>(), lookup);
    }
    return List.copyOf(ordered);
  }

  private static void visit(EntityModel<?> model, Set<EntityModel<?>> ordered,
      Set<EntityModel<?>> visiting, Function<Class<?>, EntityModel<?>> lookup) {
    if (ordered.contains(model) || !visiting.add(model)) {
      return;
    }
    for (RelationModel relation : model.relations()) {
      if (relation.kind() == RelationModel.Kind.TO_ONE_OWNER
          && relation.targetType() != model.type()) {
        visit(lookup.apply(relation.targetType()), ordered, visiting, lookup);
      }
    }
    ordered.add(model);
  }

  static List<EntityModel<?>> dependentsFirst(List<EntityModel<?>> referencedFirst) {
    List<EntityModel<?>> reversed = new ArrayList<>(referencedFirst);
    java.util.Collections.reverse(reversed);
    return reversed;
  }
}
