/** The entities of the Spring Data R2DBC contestant (Spring Data's own mapping annotations). */
package io.reactiveorm.benchmarks.spring;
