package io.reactiveorm.it.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.reactiveorm.AsyncSession;
import io.reactiveorm.Orm;
import io.reactiveorm.test.EveryDatabase;
import io.reactiveorm.test.OrmTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import reactor.blockhound.BlockingOperationError;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

@OrmTest(entities = CoreItem.class)
class BlockHoundIT {

  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  @Test
  void blockHoundIsInstalled() {
    StepVerifier.create(Mono.delay(Duration.ofMillis(1))
            .doOnNext(tick -> {
              try {
                Thread.sleep(1);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            }))
        .expectErrorSatisfies(error -> assertThat(error)
            .isInstanceOf(BlockingOperationError.class)
            .hasMessageContaining("Thread.sleep"))
        .verify(TIMEOUT);
  }

  @EveryDatabase
  void queryPipelineOnTheParallelSchedulerDoesNotBlock(Orm orm, AsyncSession session) {
    List<CoreItem> items = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      items.add(new CoreItem("item " + i, "bh-" + i, i));
    }
    AtomicInteger onNonBlockingThreads = new AtomicInteger();

    Mono<Long> pipeline = Mono.fromCallable(Schedulers::isInNonBlockingThread)
        .doOnNext(nonBlocking -> assertThat(nonBlocking).isTrue())
        .thenMany(session.insertAll(items))
        .publishOn(Schedulers.parallel())
        .then(session.query(CoreItem.class).where(CoreItem_.qty.ge(50))
            .orderBy(CoreItem_.qty.asc()).list()
            .publishOn(Schedulers.parallel())
            .doOnNext(item -> {
              if (Schedulers.isInNonBlockingThread()) {
                onNonBlockingThreads.incrementAndGet();
              }
              item.name = "seen " + item.qty;
            })
            .collectList())
        .flatMap(seen -> session.updateAll(seen))
        .publishOn(Schedulers.parallel())
        .flatMap(updated -> Mono.zip(
            session.query(CoreItem.class).where(CoreItem_.name.like("seen %")).count(),
            session.find(CoreItem.class, items.get(0).id),
            orm.inTransaction(tx -> tx.query(CoreItem.class).count())))
        .publishOn(Schedulers.parallel())
        .flatMap(counts -> session.query(CoreItem.class).where(CoreItem_.qty.lt(10)).delete()
            .thenReturn(counts.getT1()))
        .subscribeOn(Schedulers.parallel());

    StepVerifier.create(pipeline).expectNext(50L).verifyComplete();
    assertThat(onNonBlockingThreads.get()).isEqualTo(50);
    StepVerifier.create(session.query(CoreItem.class).count()).expectNext(90L).verifyComplete();
  }
}
