/**
 * The query DSL: typed {@link io.reactiveorm.query.Column columns} (generated per entity by the
 * metamodel processor), {@link io.reactiveorm.query.Condition conditions}, {@link
 * io.reactiveorm.query.Order sort keys} and {@link io.reactiveorm.query.Aggregate aggregates}.
 *
 * <p>Everything here is an immutable value that does no I/O; an {@code AsyncSession} runs it.
 */
package io.reactiveorm.query;
