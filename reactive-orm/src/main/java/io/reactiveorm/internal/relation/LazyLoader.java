package io.reactiveorm.internal.relation;

import reactor.core.publisher.Mono;

/** Loads one relation for an owner entity, batched with others; completes when resolved. */
@FunctionalInterface
public interface LazyLoader {

  Mono<Void> load(Object owner);
}
