package io.reactiveorm.internal.session;

import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One instance per row and session. Entries hold their entity weakly, so that streaming a
 * million rows through a session keeps only what the application keeps; cleared entries are
 * purged as new ones arrive.
 */
final class IdentityMap {

  private record Key(Class<?> type, Object id) {}

  private static final class Entry extends WeakReference<Object> {
    final Key key;

    Entry(Key key, Object entity, ReferenceQueue<Object> queue) {
      super(entity, queue);
      this.key = key;
    }
  }

  private final Map<Key, Entry> entries = new ConcurrentHashMap<>();
  private final ReferenceQueue<Object> cleared = new ReferenceQueue<>();

  /** The instance already known for this row, or {@code null}. */
  Object get(Class<?> type, Object id) {
    Entry entry = entries.get(new Key(type, id));
    return entry == null ? null : entry.get();
  }

  /** The known instance for the row, or {@code entity}, which becomes the known one. */
  Object putIfAbsent(Class<?> type, Object id, Object entity) {
    purge();
    Key key = new Key(type, id);
    while (true) {
      Entry fresh = new Entry(key, entity, cleared);
      Entry existing = entries.putIfAbsent(key, fresh);
      if (existing == null) {
        return entity;
      }
      Object known = existing.get();
      if (known != null) {
        return known;
      }
      if (entries.replace(key, existing, fresh)) {
        return entity;
      }
    }
  }

  boolean isEmpty() {
    return entries.isEmpty();
  }

  void remove(Class<?> type, Object id) {
    entries.remove(new Key(type, id));
  }

  void clear() {
    entries.clear();
  }

  private void purge() {
    for (var reference = cleared.poll(); reference != null; reference = cleared.poll()) {
      Entry entry = (Entry) reference;
      entries.remove(entry.key, entry);
    }
  }
}
