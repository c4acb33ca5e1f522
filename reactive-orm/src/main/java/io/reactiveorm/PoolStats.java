package io.reactiveorm;

/**
 * A snapshot of the connection pool, from {@link Orm#poolStats()}: useful in tests to prove that
 * nothing leaked ({@code acquired() == 0} once work is done) and in health checks.
 *
 * @param acquired connections currently handed out
 * @param idle connections waiting in the pool
 * @param maxSize the most connections the pool opens
 * @param pending subscribers waiting for a connection
 */
public record PoolStats(int acquired, int idle, int maxSize, int pending) {}
