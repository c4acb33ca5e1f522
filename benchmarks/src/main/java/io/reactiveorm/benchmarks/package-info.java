/**
 * Side-by-side benchmarks of reactive-orm against raw R2DBC (the floor), Spring Data R2DBC,
 * Hibernate Reactive and JDBC (the blocking floor), on one PostgreSQL database.
 *
 * <ul>
 *   <li>{@link io.reactiveorm.benchmarks.Contestant}: one method per workload, one implementation
 *       per stack in {@code contestants}, each written the way that stack does it best;
 *   <li>{@link io.reactiveorm.benchmarks.Fixture}: the schema and its preloaded rows, created once
 *       and reused;
 *   <li>{@link io.reactiveorm.benchmarks.WorkloadBenchmark}, {@link
 *       io.reactiveorm.benchmarks.StreamBenchmark}, {@link
 *       io.reactiveorm.benchmarks.ConcurrencyBenchmark}: the JMH benchmarks;
 *   <li>{@link io.reactiveorm.benchmarks.report.BenchmarkReport}: the jar's main class, which runs
 *       them and writes {@code docs/benchmarks.md} with a chart.
 * </ul>
 */
package io.reactiveorm.benchmarks;
