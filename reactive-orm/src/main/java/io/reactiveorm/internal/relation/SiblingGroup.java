package io.reactiveorm.internal.relation;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Entities that came out of the same query result (or the same window of a long one): the first
 * lazy load of a relation on one of them loads it for all of them.
 */
public final class SiblingGroup {

  private final List<Object> members = new ArrayList<>();
  /** One loader per relation, shared by the members: not one per entity. */
  private final Map<Object, LazyLoader> loaders = new HashMap<>(4);

  public synchronized void add(Object entity) {
    members.add(entity);
  }

  /** Adds a read's entities at once: one lock for a window of rows, not one per row. */
  public synchronized void addAll(List<?> entities) {
    members.addAll(entities);
  }

  public synchronized List<Object> members() {
    return List.copyOf(members);
  }

  /** The members' loader of {@code relation}, or {@code null} until one is {@link #share}d. */
  public synchronized LazyLoader sharedLoader(Object relation) {
    return loaders.get(relation);
  }

  /** Makes {@code loader} the members' loader of {@code relation}; returns it. */
  public synchronized LazyLoader share(Object relation, LazyLoader loader) {
    loaders.put(relation, loader);
    return loader;
  }

  public synchronized int size() {
    return members.size();
  }
}
