/**
 * reactive-orm's own mapping annotations, for what Jakarta Persistence has no annotation for.
 * Everything else is mapped with the standard {@code jakarta.persistence} annotations.
 */
package io.reactiveorm.annotation;
