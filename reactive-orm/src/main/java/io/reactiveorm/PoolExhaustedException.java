package io.reactiveorm;

/**
 * No pooled connection became free within the acquire timeout. The message says how many
 * connections the pool has and how many are in use, which usually points at a leak (a stream
 * never consumed or cancelled) or at a pool too small for the load.
 */
public class PoolExhaustedException extends OrmException {

  public PoolExhaustedException(String message, Throwable cause) {
    super(message, cause);
  }
}
