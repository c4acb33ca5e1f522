package io.reactiveorm.internal.session;

import io.r2dbc.spi.Connection;
import io.reactiveorm.AsyncSession;
import io.reactiveorm.OrmException;
import reactor.core.publisher.Mono;
import reactor.util.context.Context;
import reactor.util.context.ContextView;

/**
 * The session a pipeline runs in, carried in the Reactor Context: set by {@code
 * orm.withSession} and {@code orm.inTransaction}, read by {@code AsyncSession.current()} and by
 * a nested {@code inTransaction}, which becomes a savepoint on the same connection.
 *
 * @param session the session
 * @param connection the transaction's connection, or {@code null} outside a transaction
 */
public record SessionContext(AsyncSession session, Connection connection) {

  private static final Class<SessionContext> KEY = SessionContext.class;

  public static Mono<AsyncSession> current() {
    return Mono.deferContextual(context -> find(context)
        .<Mono<AsyncSession>>map(scope -> Mono.just(scope.session()))
        .orElseGet(() -> Mono.error(new OrmException("No session in the Reactor Context: call"
            + " this inside orm.inTransaction(...) or orm.withSession(...), or pass the session"
            + " along"))));
  }

  public static java.util.Optional<SessionContext> find(ContextView context) {
    return context.getOrEmpty(KEY);
  }

  public Context bindTo(Context context) {
    return context.put(KEY, this);
  }
}
