/**
 * The reactive-orm test kit: {@link io.reactiveorm.test.OrmTest} runs a test class on a real
 * database (an explicit URL, Testcontainers, or embedded H2), {@link
 * io.reactiveorm.test.EveryDatabase} runs a test on each available one, and {@link
 * io.reactiveorm.test.StatementRecorder} with {@link io.reactiveorm.test.StatementAssert} counts
 * the SQL your reactive code issues.
 */
package io.reactiveorm.test;
