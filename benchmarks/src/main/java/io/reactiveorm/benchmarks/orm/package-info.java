/** The entities of the reactive-orm contestant, mapped to the fixture's tables. */
package io.reactiveorm.benchmarks.orm;
