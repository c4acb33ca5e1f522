package io.reactiveorm;

import io.reactiveorm.query.Aggregate;
import io.reactiveorm.query.Assignment;
import io.reactiveorm.query.Column;
import io.reactiveorm.query.Condition;
import io.reactiveorm.query.Expression;
import io.reactiveorm.query.Order;
import io.reactiveorm.relation.FetchPath;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A query of one entity type: an immutable value, refined by methods that return a new query,
 * run by the terminal methods ({@link #list}, {@link #first}, {@link #count}, …), each of which
 * does nothing until subscribed.
 *
 * <pre>{@code
 * Flux<User> adults = session.query(User.class)
 *     .where(User_.age.ge(18).and(User_.email.like("%@example.com")))
 *     .orderBy(User_.name.asc(), User_.id.asc())
 *     .limit(20)
 *     .list();
 * }</pre>
 *
 * @param <E> the entity type
 */
public interface Query<E> {

  /** Adds a condition; several calls are joined with AND. */
  Query<E> where(Condition condition);

  /**
   * Adds a condition given by strings, as a REST query parameter would: {@code filter("age",
   * "ge", "18")}. The field must be a mapped field of the entity and the operator one of {@code
   * eq ne gt ge lt le like ilike notLike in notIn isNull isNotNull}; the value is converted to the
   * field's type (a comma-separated string for {@code in}) and always bound.
   *
   * @throws InvalidQueryException for an unknown field or operator or an unconvertible value
   */
  Query<E> filter(String field, String operator, Object value);

  /** Sort keys, replacing earlier ones. */
  Query<E> orderBy(Order... orders);

  /**
   * Sort keys from a string such as {@code "name,-age"} ({@code -} for descending), checked
   * against the model.
   *
   * @throws InvalidQueryException for an unknown field
   */
  Query<E> orderBy(String sort);

  /** At most this many rows. */
  Query<E> limit(long rows);

  /** Skip this many rows. */
  Query<E> offset(long rows);

  /**
   * Keyset pagination: rows that come after the given key values in the {@code orderBy} order,
   * one value per sort key. Order by a unique key last, and by columns that are never null, or
   * filter the nulls out: a null key compares with nothing, so rows whose key is null are never
   * after any page (and a null value here is refused with an {@link InvalidQueryException}).
   *
   * <pre>{@code query.orderBy(User_.id.asc()).after(lastSeenId).limit(50)}</pre>
   */
  Query<E> after(Object... keyValues);

  /** Groups the rows, for {@link #select(Class, Expression...)} with aggregates. */
  Query<E> groupBy(java.util.List<Column<E, ?>> columns);

  /** {@link #groupBy(java.util.List)} by one column. */
  default Query<E> groupBy(Column<E, ?> column) {
    return groupBy(java.util.List.of(column));
  }

  /** {@link #groupBy(java.util.List)} by two columns. */
  default Query<E> groupBy(Column<E, ?> first, Column<E, ?> second) {
    return groupBy(java.util.List.of(first, second));
  }

  /**
   * Rows fetched per round trip (a cursor, where the driver has one). {@link #stream()} reads
   * through one by default ({@code Orm.builder().fetchSize(...)}, 1000); {@link #list()} and the
   * projections read the whole result in one round trip unless given a fetch size here. Smaller
   * values make cancelling mid-way cheaper (without one, the driver reads and discards the rest
   * of the result), larger ones make long reads faster; 0 means the default.
   *
   * <pre>{@code query.fetchSize(100).list().take(10)}</pre>
   */
  Query<E> fetchSize(int rows);

  /**
   * Loads these relations with the results, one batched statement per relation and level, never
   * one per row: {@code with(User_.role, User_.posts.then(Post_.tags))}. Results stream in
   * windows (see {@link #windowSize}); each window's relations are loaded before it is emitted.
   */
  Query<E> with(java.util.List<FetchPath<E>> paths);

  /** {@link #with(java.util.List)} for one path: {@code with(User_.role)}. */
  default Query<E> with(FetchPath<E> path) {
    return with(java.util.List.of(path));
  }

  /** {@link #with(java.util.List)} for two paths. */
  default Query<E> with(FetchPath<E> first, FetchPath<E> second) {
    return with(java.util.List.of(first, second));
  }

  /** {@link #with(java.util.List)} for three paths. */
  default Query<E> with(FetchPath<E> first, FetchPath<E> second, FetchPath<E> third) {
    return with(java.util.List.of(first, second, third));
  }

  /**
   * How many entities form a window (default 1000): relations requested with {@link #with} are
   * loaded per window, and a lazy load on one entity loads for its whole window.
   *
   * <p>In a transaction, where the relations are loaded on the rows' own connection, the rows of
   * an entity with relations are read a window at a time, each window a statement that starts
   * after the last one's sort keys. That takes sort keys that are never null: ordered by a
   * column that may be null (a field of an object type is, unless marked
   * {@code @Column(nullable = false)}), the rows are read in one statement and kept whole.
   */
  Query<E> windowSize(int rows);

  /**
   * The matching entities, streamed with backpressure, each entering the session's unit of work
   * (changes to them are written by {@code commit()}). Cancelling releases the connection.
   */
  Flux<E> list();

  /**
   * Reads entities to show rather than change: the session neither remembers them nor tracks
   * their changes ({@code commit()} writes nothing of them), so each row costs no snapshot and
   * no identity-map entry. An entity the session already tracks is returned as that instance,
   * still tracked. Relations requested with {@link #with} load as with a tracked read, and lazy
   * loads on the entities work; reading the same row again gives a new instance. Applies to
   * {@link #list()}, {@link #one()} and {@link #first()}; to change an entity read this way,
   * read it without {@code readOnly()} or write with {@code update}.
   *
   * <pre>{@code
   * session.query(User.class).where(User_.score.gt(100)).with(User_.role).readOnly().list()
   *     .map(user -> user.email() + " " + user.role().get().name())
   * }</pre>
   */
  Query<E> readOnly();

  /**
   * Like {@link #list()}, for reads too large to keep: the session neither remembers the entities
   * nor tracks their changes, so memory stays bounded however many rows stream by (an entity the
   * session already tracks is returned as that instance). Rows read through a cursor of
   * {@code fetchSize} rows, so that cancelling mid-way is cheap. Write changes with {@code
   * update}/{@code updateAll}. Relations requested with {@link #with} are loaded per window as
   * with {@code list()}.
   *
   * <p>On MariaDB a stream reads pages of a window each (by id, each page a statement), since
   * its driver cannot safely pause a result for a slow consumer; a stream sorted by anything
   * but the id is read as fast as the server sends it, and is bounded by its result's size only.
   *
   * <pre>{@code session.query(Event.class).with(Event_.user).stream().buffer(500).concatMap(this::export)}</pre>
   */
  Flux<E> stream();

  /** The only match, empty when none; fails with {@link InvalidQueryException} if several match. */
  Mono<E> one();

  /** The first match in the query's order, or empty. */
  Mono<E> first();

  /** The number of matching rows. */
  Mono<Long> count();

  /** Whether any row matches. */
  Mono<Boolean> exists();

  /**
   * Matches projected into a record whose component names are fields of the entity; only those
   * columns are read.
   *
   * <pre>{@code record UserName(Long id, String name) {}
   * session.query(User.class).project(UserName.class)}</pre>
   */
  <P> Flux<P> project(Class<P> recordType);

  /**
   * Selected columns and aggregates, by position, into a record.
   *
   * <pre>{@code query.groupBy(User_.country).select(CountryCount.class, User_.country, Aggregate.countAll())}</pre>
   */
  <P> Flux<P> select(Class<P> recordType, Expression<?>... expressions);

  /** One aggregate over the matching rows, e.g. {@code query.aggregate(User_.age.max())}. */
  <T> Mono<T> aggregate(Aggregate<T> aggregate);

  /** Sets columns of every matching row in one statement; emits the number of rows changed. */
  Mono<Long> update(Assignment... assignments);

  /** Deletes every matching row in one statement; emits the number of rows deleted. */
  Mono<Long> delete();
}
