package io.reactiveorm.internal.meta;

import io.reactiveorm.MappingException;
import io.reactiveorm.internal.meta.RelationModel.Kind;
import java.util.Map;

/**
 * Connects the two sides of every relation once all models are read: an inverse side finds the
 * owning field it is {@code mappedBy}, and every target must be a registered entity.
 */
public final class RelationLinker {

  private RelationLinker() {}

  public static void link(Map<Class<?>, EntityModel<?>> models) {
    for (EntityModel<?> model : models.values()) {
      for (RelationModel relation : model.relations()) {
        EntityModel<?> target = models.get(relation.targetType());
        if (target == null) {
          throw new MappingException("Relation " + relation.name() + " points at "
              + relation.targetType().getSimpleName() + ", which is not registered; add it to"
              + " Orm.builder().entities(...)");
        }
        if (relation.mappedBy() != null) {
          linkInverse(model, relation, target);
        }
      }
    }
  }

  private static void linkInverse(EntityModel<?> model, RelationModel relation,
      EntityModel<?> target) {
    RelationModel owning = target.relations().stream()
        .filter(candidate -> candidate.field().equals(relation.mappedBy()))
        .findFirst()
        .orElseThrow(() -> new MappingException("Relation " + relation.name() + " is mappedBy '"
            + relation.mappedBy() + "', but " + target.name() + " has no such relation field;"
            + " name the field of " + target.name() + " that points back at " + model.name()));
    if (owning.targetType() != model.type()) {
      throw new MappingException("Relation " + relation.name() + " is mappedBy "
          + owning.name() + ", which points at " + owning.targetType().getSimpleName()
          + ", not at " + model.name());
    }
    boolean manyToMany = relation.kind() == Kind.MANY_TO_MANY;
    if (manyToMany) {
      if (owning.kind() != Kind.MANY_TO_MANY || owning.joinTable() == null
          || owning.mappedBy() != null) {
        throw new MappingException("Relation " + relation.name() + " is mappedBy "
            + owning.name() + ", which must be a @ManyToMany without mappedBy");
      }
      relation.linkJoinTable(owning.joinTable());
    } else {
      if (owning.kind() != Kind.TO_ONE_OWNER) {
        throw new MappingException("Relation " + relation.name() + " is mappedBy "
            + owning.name() + ", which must be a @ManyToOne or owning @OneToOne");
      }
      relation.linkInverse(owning.foreignKey());
    }
  }
}
