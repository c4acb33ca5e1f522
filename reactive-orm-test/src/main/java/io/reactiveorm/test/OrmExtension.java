package io.reactiveorm.test;

import io.reactiveorm.AsyncSession;
import io.reactiveorm.Orm;
import io.reactiveorm.PoolStats;
import io.reactiveorm.test.internal.Databases;
import io.reactiveorm.test.internal.OrmHandles;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.Extension;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestTemplateInvocationContext;
import org.junit.jupiter.api.extension.TestTemplateInvocationContextProvider;

/**
 * The JUnit 5 extension behind {@link OrmTest}: provisions databases, builds one {@code Orm} per
 * test class and database, empties tables before each test, resolves test parameters and checks
 * for leaked connections after each test. Use it through {@code @OrmTest}.
 */
public final class OrmExtension
    implements ParameterResolver, TestTemplateInvocationContextProvider, AfterEachCallback {

  private static final List<Class<?>> RESOLVABLE = List.of(Orm.class, AsyncSession.class,
      StatementRecorder.class, TestDatabase.class);

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    boolean template = context.getRequiredTestMethod().isAnnotationPresent(EveryDatabase.class);
    return !template && RESOLVABLE.contains(parameter.getParameter().getType());
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return OrmHandles.resolve(parameter.getParameter().getType(), Databases.defaultDatabase(),
        context);
  }

  @Override
  public boolean supportsTestTemplate(ExtensionContext context) {
    return context.getRequiredTestMethod().isAnnotationPresent(EveryDatabase.class);
  }

  @Override
  public Stream<TestTemplateInvocationContext> provideTestTemplateInvocationContexts(
      ExtensionContext context) {
    return Databases.everyDatabase().stream().map(OrmExtension::invocationOn);
  }

  private static TestTemplateInvocationContext invocationOn(TestDatabase database) {
    return new TestTemplateInvocationContext() {
      @Override
      public String getDisplayName(int invocationIndex) {
        return "[" + database.kind() + "]";
      }

      @Override
      public List<Extension> getAdditionalExtensions() {
        return List.of(new DatabaseParameterResolver(database));
      }
    };
  }

  @Override
  public void afterEach(ExtensionContext context) throws Exception {
    OrmTest settings = OrmHandles.settings(context);
    if (!settings.checkConnectionLeaks()) {
      return;
    }
    for (var handle : OrmHandles.usedBy(context)) {
      PoolStats leaked = OrmHandles.leakedConnections(handle);
      if (leaked != null) {
        throw new AssertionError("Connection leak on " + handle.database().kind() + ": "
            + leaked.acquired() + " of " + leaked.maxSize() + " connections still acquired after"
            + " the test; a stream was neither consumed nor cancelled, or a connection was not"
            + " closed");
      }
    }
  }

  /** Resolves parameters of one {@code @EveryDatabase} invocation on its database. */
  private record DatabaseParameterResolver(TestDatabase database) implements ParameterResolver {

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
      return RESOLVABLE.contains(parameter.getParameter().getType());
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context)
        throws ParameterResolutionException {
      return OrmHandles.resolve(parameter.getParameter().getType(), database, context);
    }
  }
}
