package io.reactiveorm.test.internal;

import io.reactiveorm.AsyncSession;
import io.reactiveorm.Orm;
import io.reactiveorm.PoolStats;
import io.reactiveorm.test.OrmTest;
import io.reactiveorm.test.StatementRecorder;
import io.reactiveorm.test.TestDatabase;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;

/** Finds or creates the {@link OrmHandle}s of a test class, and tracks which a test used. */
public final class OrmHandles {

  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(OrmHandles.class);

  private OrmHandles() {}

  /** The value of a test parameter of {@code type} on {@code database}. */
  public static Object resolve(Class<?> type, TestDatabase database, ExtensionContext context) {
    OrmHandle handle = handle(database, context);
    if (type == Orm.class) {
      return handle.orm();
    }
    if (type == AsyncSession.class) {
      return handle.orm().session();
    }
    if (type == StatementRecorder.class) {
      return handle.recorder();
    }
    if (type == TestDatabase.class) {
      return handle.database();
    }
    throw new ParameterResolutionException("Cannot resolve " + type.getName());
  }

  /** The class's {@code @OrmTest} settings. */
  public static OrmTest settings(ExtensionContext context) {
    Class<?> testClass = context.getRequiredTestClass();
    for (Class<?> c = testClass; c != null; c = c.getEnclosingClass()) {
      OrmTest settings = c.getAnnotation(OrmTest.class);
      if (settings != null) {
        return settings;
      }
    }
    throw new ParameterResolutionException(testClass.getName() + " needs @OrmTest(entities = …)");
  }

  /** The handles a test resolved parameters from. */
  @SuppressWarnings("unchecked")
  public static List<OrmHandle> usedBy(ExtensionContext context) {
    List<OrmHandle> used = context.getStore(NAMESPACE).get("used", List.class);
    return used == null ? List.of() : used;
  }

  public static PoolStats leakedConnections(OrmHandle handle) throws InterruptedException {
    return handle.leakedConnections();
  }

  @SuppressWarnings("unchecked")
  private static OrmHandle handle(TestDatabase database, ExtensionContext context) {
    ExtensionContext classContext = classContext(context);
    OrmTest settings = settings(context);
    OrmHandle handle = classContext.getStore(NAMESPACE).getOrComputeIfAbsent(
        "orm:" + database.url(), key -> new OrmHandle(database, List.of(settings.entities()),
            settings.strictNPlusOne()),
        OrmHandle.class);
    List<OrmHandle> used = context.getStore(NAMESPACE)
        .getOrComputeIfAbsent("used", key -> new ArrayList<OrmHandle>(), List.class);
    if (!used.contains(handle)) {
      handle.prepareForTest();
      used.add(handle);
    }
    return handle;
  }

  private static ExtensionContext classContext(ExtensionContext context) {
    ExtensionContext current = context;
    while (current.getTestMethod().isPresent() && current.getParent().isPresent()) {
      current = current.getParent().get();
    }
    return current;
  }
}
