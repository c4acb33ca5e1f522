/**
 * Side-by-side benchmarks of reactive-orm against raw R2DBC and its peers.
 *
 * <p>Nothing here yet: the workloads, contestants and report generator arrive with the benchmarks
 * issue. The module already builds so that the multi-module layout is stable from the start.
 */
package io.reactiveorm.benchmarks;
