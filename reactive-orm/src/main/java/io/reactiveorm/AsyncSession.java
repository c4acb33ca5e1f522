package io.reactiveorm;

import io.reactiveorm.relation.Relation;
import java.util.Collection;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The way to read and write entities. Every operation returns a {@link Mono} or {@link Flux}:
 * nothing happens until you subscribe, and cancelling gives any connection back to the pool.
 *
 * <p>Get a session from {@link Orm#withSession} (each statement takes a pooled connection) or
 * {@link Orm#inTransaction} (all statements share one transaction):
 *
 * <pre>{@code
 * Mono<User> saved = orm.withSession(session ->
 *     session.insert(new User("ada@example.com", "Ada"))
 *         .flatMap(user -> session.get(User.class, user.getId())));
 * }</pre>
 */
public interface AsyncSession {

  /**
   * The entity with this id, or empty when there is none. The session's own instance when it
   * already holds one, without a statement. Outside a transaction, finds that wait for a pooled
   * connection at the same time share one statement ({@link Orm.Builder#coalesceFinds}).
   *
   * <pre>{@code Mono<User> user = session.find(User.class, 42L);}</pre>
   */
  <E> Mono<E> find(Class<E> type, Object id);

  /** The entity with this id; fails with {@link NotFoundException} when there is none. */
  <E> Mono<E> get(Class<E> type, Object id);

  /**
   * Inserts one entity and emits it, with its generated id and initial version set. It is
   * validated first: a {@link ValidationException} means nothing was written.
   */
  <E> Mono<E> insert(E entity);

  /**
   * Writes every field of an existing entity. A {@code @Version}ed entity is updated only if
   * nobody changed it since it was read ({@link OptimisticLockException} otherwise); a missing row
   * fails with {@link NotFoundException}.
   */
  <E> Mono<E> update(E entity);

  /** Deletes one entity by id (and version, if it has one). Completes when done. */
  <E> Mono<Void> delete(E entity);

  /** Deletes the entity with this id; emits whether a row was deleted. */
  <E> Mono<Boolean> deleteById(Class<E> type, Object id);

  /**
   * Inserts many entities of one type in as few statements as the database allows (one
   * {@code unnest} statement on PostgreSQL), all or none, and emits them with their ids set.
   */
  <E> Flux<E> insertAll(Collection<E> entities);

  /** Updates many entities of one type in as few statements as possible, all or none. */
  <E> Mono<Long> updateAll(Collection<E> entities);

  /** Deletes many entities of one type in as few statements as possible; emits rows deleted. */
  <E> Mono<Long> deleteAll(Collection<E> entities);

  /**
   * A query of one entity type, to refine and run.
   *
   * <pre>{@code session.query(User.class).where(User_.age.ge(18)).orderBy(User_.name.asc()).list()}</pre>
   */
  <E> Query<E> query(Class<E> type);

  /**
   * Hand-written SQL with {@code :name} or {@code ?} binds.
   *
   * <pre>{@code session.sql("SELECT * FROM users WHERE email = :email").bind("email", e).mapTo(User.class)}</pre>
   */
  SqlQuery sql(String sql);

  /**
   * Adds many-to-many links from {@code owner} to {@code targets}, in one statement.
   *
   * <pre>{@code session.link(article, Article_.tags, List.of(java, reactive))}</pre>
   */
  <E, T> Mono<Void> link(E owner, Relation<E, T> relation, Collection<? extends T> targets);

  /** Removes many-to-many links from {@code owner} to {@code targets}, in one statement. */
  <E, T> Mono<Void> unlink(E owner, Relation<E, T> relation, Collection<? extends T> targets);

  /** Makes {@code targets} the only links of {@code owner}: two statements, one transaction. */
  <E, T> Mono<Void> replace(E owner, Relation<E, T> relation, Collection<? extends T> targets);

  /** Whether this session's statements run inside an explicit transaction. */
  boolean inTransaction();

  // ---- unit of work ----

  /**
   * Registers a new entity to be inserted by the next {@link #flush()} or {@link #commit()},
   * together with the new entities reachable from it through its relations. No I/O.
   *
   * <pre>{@code
   * Post post = new Post("Hello", user);
   * session.add(post);
   * return session.commit();   // one INSERT
   * }</pre>
   */
  <E> void add(E entity);

  /** Registers an entity to be deleted by the next {@link #flush()} or {@link #commit()}. No I/O. */
  <E> void remove(E entity);

  /**
   * Writes what the session holds in one transaction (this session's, or one of its own): new
   * entities inserted parents first, changed columns of loaded entities updated, removed
   * entities deleted children first, each in as few statements as possible. Completes when
   * written; on failure nothing is written and the session is as it was, so fixing the cause and
   * flushing again works.
   */
  Mono<Void> flush();

  /**
   * {@link #flush()}: outside {@code inTransaction} its transaction commits at once; inside, the
   * writes commit with the enclosing transaction.
   */
  Mono<Void> commit();

  /** Reads the entity's row again, overwriting its fields and forgetting its changes. */
  <E> Mono<E> refresh(E entity);

  /** Stops tracking the entity: later reads of its row give a new instance. */
  <E> void evict(E entity);

  /** Stops tracking every entity and forgets pending work. */
  void clear();

  /** Closes the session: any later use fails with an {@link IllegalStateException}. */
  void close();

  /**
   * The session bound to the subscriber's Reactor Context by {@code orm.inTransaction(...)} or
   * {@code orm.withSession(...)}, for code deep in a pipeline; fails with {@link OrmException}
   * when there is none.
   *
   * <pre>{@code
   * Mono<User> rename(long id, String name) {
   *   return AsyncSession.current().flatMap(s -> s.get(User.class, id))
   *       .doOnNext(user -> user.setName(name));
   * }
   * orm.inTransaction(s -> rename(1L, "Ada"));   // committed with the transaction
   * }</pre>
   */
  static Mono<AsyncSession> current() {
    return io.reactiveorm.internal.session.SessionContext.current();
  }
}
