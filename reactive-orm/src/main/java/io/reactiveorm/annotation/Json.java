package io.reactiveorm.annotation;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a {@code String} field as a JSON document: {@code jsonb} on PostgreSQL, {@code JSON} text
 * on MariaDB, unbounded text on H2. The Java side keeps the JSON text as is.
 *
 * <pre>{@code
 * @Json
 * private String preferences; // e.g. {"theme":"dark"}
 * }</pre>
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.FIELD)
public @interface Json {}
