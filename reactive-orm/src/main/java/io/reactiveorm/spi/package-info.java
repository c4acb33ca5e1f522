/**
 * The service provider interface: what a database dialect author implements ({@link
 * io.reactiveorm.spi.Dialect}) and the value types it speaks in.
 */
package io.reactiveorm.spi;
