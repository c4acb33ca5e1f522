package io.reactiveorm.benchmarks;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.ListenerNotFoundException;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

/**
 * Watches the heap during one operation: the peak used (the heap pools' peaks, reset at {@link
 * #start}) and the peak live heap (the most the heap held right after any garbage collection
 * during the operation: what the operation kept reachable).
 */
final class HeapWatch implements NotificationListener {

  private final AtomicLong peakLive = new AtomicLong();
  private final List<NotificationEmitter> emitters = new ArrayList<>();

  /** Collects garbage, resets the peaks and starts listening. */
  static HeapWatch start() {
    System.gc();
    HeapWatch watch = new HeapWatch();
    for (MemoryPoolMXBean pool : heapPools()) {
      pool.resetPeakUsage();
    }
    for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
      if (collector instanceof NotificationEmitter emitter) {
        emitter.addNotificationListener(watch, null, null);
        watch.emitters.add(emitter);
      }
    }
    watch.peakLive.set(usedNow());
    return watch;
  }

  @Override
  public void handleNotification(Notification notification, Object handback) {
    if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION
        .equals(notification.getType())) {
      return;
    }
    GarbageCollectionNotificationInfo info =
        GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
    long after = 0;
    for (var entry : info.getGcInfo().getMemoryUsageAfterGc().entrySet()) {
      if (isHeapPool(entry.getKey())) {
        after += entry.getValue().getUsed();
      }
    }
    peakLive.accumulateAndGet(after, Math::max);
  }

  /** Stops listening; returns {peak used, peak live} in bytes. */
  long[] stop() {
    for (NotificationEmitter emitter : emitters) {
      try {
        emitter.removeNotificationListener(this);
      } catch (ListenerNotFoundException ignored) {
        // already gone
      }
    }
    long peak = 0;
    for (MemoryPoolMXBean pool : heapPools()) {
      MemoryUsage usage = pool.getPeakUsage();
      peak += usage == null ? 0 : usage.getUsed();
    }
    return new long[] {peak, peakLive.get()};
  }

  private static long usedNow() {
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  private static List<MemoryPoolMXBean> heapPools() {
    return ManagementFactory.getMemoryPoolMXBeans().stream()
        .filter(pool -> pool.getType() == MemoryType.HEAP).toList();
  }

  private static boolean isHeapPool(String name) {
    for (MemoryPoolMXBean pool : heapPools()) {
      if (pool.getName().equals(name)) {
        return true;
      }
    }
    return false;
  }
}
