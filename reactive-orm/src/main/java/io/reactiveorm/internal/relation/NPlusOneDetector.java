package io.reactiveorm.internal.relation;

import io.reactiveorm.NPlusOneException;
import io.reactiveorm.NPlusOneMode;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Notices a relation loaded row by row despite batching (each load finding a single owner) and
 * says where: a warning with the caller's code location, or, in strict mode, an error.
 */
public final class NPlusOneDetector {

  private static final Logger LOG = LoggerFactory.getLogger("io.reactiveorm.nplusone");
  private static final int THRESHOLD = 3;
  private static final StackWalker WALKER = StackWalker.getInstance();

  private final NPlusOneMode mode;
  private final Map<String, AtomicInteger> singleLoads = new ConcurrentHashMap<>();

  public NPlusOneDetector(NPlusOneMode mode) {
    this.mode = mode;
  }

  public boolean enabled() {
    return mode != NPlusOneMode.OFF;
  }

  /**
   * Records a batch of {@code owners} owners for {@code relation}; fails in strict mode once the
   * relation was loaded for one owner at a time {@value #THRESHOLD} times.
   */
  public void batchLoaded(String relation, int owners, String callerLocation) {
    if (mode == NPlusOneMode.OFF || owners != 1) {
      return;
    }
    int count = singleLoads.computeIfAbsent(relation, key -> new AtomicInteger()).incrementAndGet();
    if (count < THRESHOLD) {
      return;
    }
    String message = "N+1 loading: relation " + relation + " was loaded one row at a time "
        + count + " times in this session, last from " + callerLocation + ". Load it with the"
        + " query (query(...).with(...)) or load the entities with one query so that their"
        + " relation loads are batched";
    if (mode == NPlusOneMode.STRICT) {
      throw new NPlusOneException(message);
    }
    if (count == THRESHOLD) {
      LOG.warn(message);
    }
  }

  /** The first stack frame outside reactive-orm and Reactor: where the application asked. */
  public static String callerLocation() {
    return WALKER.walk(frames -> frames
        .filter(frame -> !isLibraryFrame(frame.getClassName()))
        .findFirst()
        .map(frame -> frame.getClassName() + "." + frame.getMethodName() + "("
            + frame.getFileName() + ":" + frame.getLineNumber() + ")")
        .orElse("(unknown)"));
  }

  private static boolean isLibraryFrame(String className) {
    return (className.startsWith("io.reactiveorm.") && !className.startsWith("io.reactiveorm.it.")
        && !className.startsWith("io.reactiveorm.examples."))
        || className.startsWith("reactor.") || className.startsWith("java.");
  }
}
