package io.reactiveorm.internal.session;

import java.util.AbstractCollection;
import java.util.Collection;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Objects;

/**
 * The tracked rows of one entity type by id: a hash table whose nodes are the entries
 * themselves. A session's identity map takes an entry per row read, and a {@code HashMap} would
 * add a node of its own to each (as large as the entry, and one more pointer to follow on every
 * lookup); here the entry carries its id, hash and chain link.
 *
 * @param <E> the entries, which extend {@link Node}
 */
final class RowIndex<E extends RowIndex.Node<E>> {

  /** What an entry needs to be kept in the table. */
  abstract static class Node<E> {
    private Object id = NOT_KEPT;
    private int hash;
    private E next;
  }

  /** The id of an entry not in a table (a {@code null} id is kept, as a HashMap keeps it). */
  private static final Object NOT_KEPT = new Object();

  private Node<E>[] table;
  private int size;

  /** A table for about {@code expected} rows without growing. */
  RowIndex(int expected) {
    table = newTable(capacityFor(expected));
  }

  /** The entry of {@code id}, or {@code null}. */
  E get(Object id) {
    int hash = hash(id);
    for (Node<E> node = table[hash & (table.length - 1)]; node != null; node = node(node.next)) {
      if (node.hash == hash && Objects.equals(node.id, id)) {
        return entry(node);
      }
    }
    return null;
  }

  /** Makes {@code entry} the entry of {@code id}, in place of any other. */
  void put(Object id, E entry) {
    remove(id, get(id));
    putAbsent(id, entry);
  }

  /**
   * The entry of {@code id} if there is one, else {@code null} after adding {@code entry} as its
   * entry: one probe of the table for a row read, which is most often new.
   */
  E putIfAbsent(Object id, E entry) {
    int hash = hash(id);
    int slot = hash & (table.length - 1);
    for (Node<E> node = table[slot]; node != null; node = node(node.next)) {
      if (node.hash == hash && Objects.equals(node.id, id)) {
        return entry(node);
      }
    }
    link(id, hash, slot, entry);
    return null;
  }

  /** Adds {@code entry} as the entry of {@code id}, which has none. */
  void putAbsent(Object id, E entry) {
    int hash = hash(id);
    link(id, hash, hash & (table.length - 1), entry);
  }

  private void link(Object id, int hash, int slot, E entry) {
    Node<E> added = node(entry);
    added.id = id;
    added.hash = hash;
    added.next = entry(table[slot]);
    table[slot] = added;
    if (++size > table.length - (table.length >>> 2)) {
      grow();
    }
  }

  /** Removes {@code entry} if it is the entry of {@code id}. */
  void remove(Object id, E entry) {
    Node<E> removed = entry == null ? null : node(entry);
    if (removed == null || removed.id == NOT_KEPT || !Objects.equals(removed.id, id)) {
      return;
    }
    int slot = removed.hash & (table.length - 1);
    Node<E> previous = null;
    for (Node<E> node = table[slot]; node != null; previous = node, node = node(node.next)) {
      if (node == removed) {
        if (previous == null) {
          table[slot] = node.next;
        } else {
          previous.next = node.next;
        }
        node.next = null;
        node.id = NOT_KEPT;
        size--;
        return;
      }
    }
  }

  int size() {
    return size;
  }

  /** Sizes the table for {@code expected} rows in all, if it is smaller. */
  void expect(int expected) {
    int capacity = capacityFor(expected);
    if (capacity > table.length) {
      rehash(capacity);
    }
  }

  /** The entries, in no particular order; a view, not to be used while the table changes. */
  Collection<E> values() {
    return new AbstractCollection<>() {
      @Override
      public Iterator<E> iterator() {
        return new Iterator<>() {
          private int slot = -1;
          private Node<E> next = advance(null);

          private Node<E> advance(Node<E> from) {
            Node<E> node = from == null ? null : from.next;
            while (node == null && ++slot < table.length) {
              node = table[slot];
            }
            return node;
          }

          @Override
          public boolean hasNext() {
            return next != null;
          }

          @Override
          public E next() {
            if (next == null) {
              throw new NoSuchElementException();
            }
            Node<E> current = next;
            next = advance(current);
            return entry(current);
          }
        };
      }

      @Override
      public int size() {
        return size;
      }
    };
  }

  private void grow() {
    rehash(table.length * 2);
  }

  private void rehash(int capacity) {
    Node<E>[] old = table;
    table = newTable(capacity);
    for (Node<E> head : old) {
      for (Node<E> node = head; node != null; ) {
        Node<E> following = node.next;
        int slot = node.hash & (capacity - 1);
        node.next = entry(table[slot]);
        table[slot] = node;
        node = following;
      }
    }
  }

  /** A power of two at least 4/3 of {@code expected}: the table grows past 3/4 full. */
  private static int capacityFor(int expected) {
    int wanted = Math.max(4, expected + expected / 3 + 1);
    return Integer.highestOneBit(wanted - 1) << 1;
  }

  /** The id's hash with its high bits spread down, as ids are often sequential longs. */
  private static int hash(Object id) {
    int hash = id == null ? 0 : id.hashCode();
    return hash ^ (hash >>> 16);
  }

  @SuppressWarnings("unchecked")
  private static <E extends Node<E>> Node<E>[] newTable(int capacity) {
    return (Node<E>[]) new Node<?>[capacity];
  }

  @SuppressWarnings("unchecked")
  private static <E> E entry(Node<E> node) {
    return (E) node;
  }

  private static <E> Node<E> node(E entry) {
    return (Node<E>) entry;
  }
}
