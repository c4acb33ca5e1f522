/**
 * The entities of the Hibernate Reactive contestant. reactive-orm's metamodel processor sees
 * their {@code @Entity} too and generates {@code HUser_} and the like, unused; Hibernate is told
 * not to populate static metamodel classes, so that it leaves them alone.
 */
package io.reactiveorm.benchmarks.hibernate;
