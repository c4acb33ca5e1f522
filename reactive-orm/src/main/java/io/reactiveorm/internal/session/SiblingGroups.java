package io.reactiveorm.internal.session;

import io.reactiveorm.internal.relation.SiblingGroup;

/** Cuts a stream of entities into sibling groups of a fixed size, as the rows arrive. */
final class SiblingGroups {

  private final int size;
  private SiblingGroup current;

  SiblingGroups(int size) {
    this.size = size;
  }

  /** The group the next entity joins. */
  SiblingGroup next() {
    if (current == null || current.size() >= size) {
      current = new SiblingGroup();
    }
    return current;
  }
}
