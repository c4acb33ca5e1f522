package io.reactiveorm.benchmarks;

import java.util.List;

/**
 * One stack under test: every workload as a user of that stack would write it at its best (its
 * fastest documented way), blocking until done so that JMH can time it.
 *
 * <p>Each read returns a checksum computed from the objects it built, through their relations
 * (a role's id read from the role object, not from the user's foreign key): this proves that the
 * objects and relations were really loaded, and {@link Workloads#verify} checks every
 * contestant's answers against the database before anything is timed.
 */
public interface Contestant extends AutoCloseable {

  /** A user to insert. */
  record NewUser(String email, String name, int score, long roleId) {}

  /** The statements this contestant has executed so far, counted as they run. */
  StatementCounter statements();

  /** Inserts the users in one unit of work; returns their generated ids in order. */
  long[] insertUsers(List<NewUser> users);

  /** Reads the users with ids {@code from..to} into objects; returns Σ (id + length(email)). */
  long selectUsers(long from, long to);

  /** The same users, each with its role; returns Σ (role.id + length(role.name)). */
  long selectUsersWithRole(long from, long to);

  /** Sets {@code score} on the users with these ids; returns the rows changed. */
  long updateScoreById(long[] ids, int score);

  /**
   * Loads the users {@code from..to}, adds {@code delta} to each one's score in memory and writes
   * them back, load and write in one transaction; returns the rows written.
   */
  long loadChangeCommit(long from, long to, int delta);

  /** Articles {@code from..to} with their tags; returns Σ tag.id over every article's tags. */
  long articlesWithTags(long from, long to);

  /** Roles {@code from..to} with their users; returns Σ user.id over every role's users. */
  long rolesWithUsers(long from, long to);

  /**
   * The users {@code from..to}, then each user's role, loaded one user at a time in a plain loop
   * as a user of the stack would first write it; returns Σ (role.id + length(role.name)).
   */
  long naiveRoleLoop(long from, long to);

  /** Streams every event row into objects without keeping them; returns Σ amount. */
  long streamEvents();

  /**
   * Finds each user by id with its role, {@code concurrency} requests in flight; returns Σ
   * role.id.
   */
  long findUsersWithRole(long[] ids, int concurrency);

  @Override
  void close();
}
