package io.reactiveorm.internal.relation;

import io.reactiveorm.internal.meta.RelationModel;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * Batches the lazy loads of one relation in one session. A load takes the owner's unloaded
 * siblings along (sibling batching); loads asked for while a batch is in flight wait and go
 * together in the next batch (coalescing). A lone load starts at once: no added delay.
 */
public final class RelationBatcher {

  private final RelationModel relation;
  private final Function<List<Object>, Mono<Void>> fetch;
  private final NPlusOneDetector detector;

  private Batch inFlight;
  private Batch next;

  public RelationBatcher(RelationModel relation, Function<List<Object>, Mono<Void>> fetch,
      NPlusOneDetector detector) {
    this.relation = relation;
    this.fetch = fetch;
    this.detector = detector;
  }

  /** Completes when {@code owner}'s relation is loaded. */
  public Mono<Void> load(Object owner, SiblingGroup siblings, String callerLocation) {
    Batch batch;
    boolean launch = false;
    synchronized (this) {
      if (inFlight != null && inFlight.owners.contains(owner)) {
        return inFlight.done();
      }
      if (next == null) {
        next = new Batch(callerLocation);
      }
      next.owners.add(owner);
      if (siblings != null) {
        for (Object sibling : siblings.members()) {
          if (needsLoad(sibling) && (inFlight == null || !inFlight.owners.contains(sibling))) {
            next.owners.add(sibling);
          }
        }
      }
      batch = next;
      if (inFlight == null) {
        inFlight = next;
        next = null;
        launch = true;
      }
    }
    if (launch) {
      run(batch);
    }
    return batch.done();
  }

  private boolean needsLoad(Object entity) {
    Object handle = relation.handle(entity);
    if (handle instanceof ToOneHandle<?> toOne) {
      return toOne.needsLoad();
    }
    return handle instanceof ToManyHandle<?> toMany && !toMany.isLoaded();
  }

  private void run(Batch batch) {
    List<Object> owners = new ArrayList<>(batch.owners);
    Mono<Void> work;
    try {
      detector.batchLoaded(relation.name(), owners.size(), batch.callerLocation);
      work = fetch.apply(owners);
    } catch (RuntimeException e) {
      work = Mono.error(e);
    }
    work.subscribe(null, error -> finish(batch, error), () -> finish(batch, null));
  }

  private void finish(Batch batch, Throwable error) {
    Batch launch = null;
    synchronized (this) {
      inFlight = null;
      if (next != null) {
        inFlight = next;
        next = null;
        launch = inFlight;
      }
    }
    if (error != null) {
      batch.sink.tryEmitError(error);
    } else {
      batch.sink.tryEmitEmpty();
    }
    if (launch != null) {
      run(launch);
    }
  }

  private static final class Batch {
    final Set<Object> owners = Collections.newSetFromMap(new IdentityHashMap<>());
    final Sinks.Empty<Void> sink = Sinks.empty();
    final String callerLocation;

    Batch(String callerLocation) {
      this.callerLocation = callerLocation;
    }

    Mono<Void> done() {
      return sink.asMono();
    }
  }
}
