package io.reactiveorm.internal.exec;

import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscription;
import reactor.core.CoreSubscriber;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Operators;
import reactor.core.publisher.SignalType;
import reactor.util.context.Context;

/**
 * A statement's results, observed by one operator: it runs the statement at subscription, counts
 * what passes, translates an error, and reports the outcome (completion, error or cancellation)
 * once, before the signal travels on, so that whoever sees the end also sees the report. A defer
 * and four operators did this before: each a subscriber of its own, and a hop for every signal,
 * for every statement a session runs.
 */
final class ObservedStatement<T> extends Flux<T> {

  /** Told once how a statement ended. */
  @FunctionalInterface
  interface Report {
    void finished(long startNanos, long rows, SignalType signal, Throwable error);
  }

  private final Supplier<? extends Publisher<T>> run;
  private final ToLongFunction<? super T> rowCount;
  private final Function<Throwable, Throwable> translate;
  private final Report report;

  /**
   * @param run prepares and executes the statement; called at each subscription (what it throws
   *     goes to the subscriber as it is: nothing ran)
   * @param rowCount the rows an element stands for (a window of rows, an update count)
   */
  ObservedStatement(Supplier<? extends Publisher<T>> run, ToLongFunction<? super T> rowCount,
      Function<Throwable, Throwable> translate, Report report) {
    this.run = run;
    this.rowCount = rowCount;
    this.translate = translate;
    this.report = report;
  }

  @Override
  public void subscribe(CoreSubscriber<? super T> actual) {
    long start = System.nanoTime();
    Publisher<T> results;
    try {
      results = run.get();
    } catch (Throwable error) {
      Operators.error(actual, Operators.onOperatorError(error, actual.currentContext()));
      return;
    }
    results.subscribe(new Observer<>(actual, this, start));
  }

  private static final class Observer<T> implements CoreSubscriber<T>, Subscription {

    @SuppressWarnings("rawtypes")
    private static final AtomicIntegerFieldUpdater<Observer> REPORTED =
        AtomicIntegerFieldUpdater.newUpdater(Observer.class, "reported");

    private final CoreSubscriber<? super T> actual;
    private final ObservedStatement<T> parent;
    private final long start;
    private Subscription upstream;
    // read by a cancel, which may come from another thread than the signals
    private volatile long rows;
    private volatile int reported;

    Observer(CoreSubscriber<? super T> actual, ObservedStatement<T> parent, long start) {
      this.actual = actual;
      this.parent = parent;
      this.start = start;
    }

    @Override
    public Context currentContext() {
      return actual.currentContext();
    }

    @Override
    public void onSubscribe(Subscription subscription) {
      if (Operators.validate(upstream, subscription)) {
        upstream = subscription;
        actual.onSubscribe(this);
      }
    }

    @Override
    public void onNext(T element) {
      rows += parent.rowCount.applyAsLong(element);
      actual.onNext(element);
    }

    @Override
    public void onError(Throwable error) {
      Throwable translated = parent.translate.apply(error);
      report(SignalType.ON_ERROR, translated);
      actual.onError(translated);
    }

    @Override
    public void onComplete() {
      report(SignalType.ON_COMPLETE, null);
      actual.onComplete();
    }

    @Override
    public void request(long n) {
      upstream.request(n);
    }

    @Override
    public void cancel() {
      report(SignalType.CANCEL, null);
      upstream.cancel();
    }

    /** Once per execution: a late cancel after completion or an error is not a second end. */
    private void report(SignalType signal, Throwable error) {
      if (REPORTED.compareAndSet(this, 0, 1)) {
        parent.report.finished(start, rows, signal, error);
      }
    }
  }
}
