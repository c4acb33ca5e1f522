/**
 * Relations between entities: {@link io.reactiveorm.relation.Ref} for to-one and {@link
 * io.reactiveorm.relation.RefList} for to-many relations, lazy handles whose loads are batched
 * (never one query per row), and {@link io.reactiveorm.relation.Relation} metamodel constants to
 * load them eagerly with {@code query(...).with(...)}.
 */
package io.reactiveorm.relation;
