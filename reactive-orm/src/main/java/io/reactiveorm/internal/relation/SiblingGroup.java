package io.reactiveorm.internal.relation;

import java.util.ArrayList;
import java.util.List;

/**
 * Entities that came out of the same query result (or the same window of a long one): the first
 * lazy load of a relation on one of them loads it for all of them.
 */
public final class SiblingGroup {

  private final List<Object> members = new ArrayList<>();

  public synchronized void add(Object entity) {
    members.add(entity);
  }

  public synchronized List<Object> members() {
    return List.copyOf(members);
  }

  public synchronized int size() {
    return members.size();
  }
}
