package io.reactiveorm;

/**
 * A relation was read synchronously before it was loaded. Load it first: {@code
 * entity.relation.load()} (a Mono), or with the query: {@code query(Type.class).with(Type_.relation)}.
 */
public class RelationNotLoadedException extends OrmException {

  public RelationNotLoadedException(String relation) {
    super("Relation " + relation + " is not loaded; load it with " + fieldOf(relation)
        + ".load() (a Mono) or up front with query(...).with(...)");
  }

  private static String fieldOf(String relation) {
    int dot = relation.lastIndexOf('.');
    return dot < 0 ? relation : relation.substring(dot + 1);
  }
}
