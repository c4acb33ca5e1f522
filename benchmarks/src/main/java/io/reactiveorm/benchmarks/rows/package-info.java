/** Plain classes the hand-written contestants (raw R2DBC and JDBC) map rows into. */
package io.reactiveorm.benchmarks.rows;
