package io.reactiveorm.spi;

/**
 * The portable column types reactive-orm maps Java types to. A {@link Dialect} names each one in
 * its database's DDL and says how values travel through its driver.
 */
public enum SqlType {
  /** Variable-length text with a maximum length ({@code String}, enums by name). */
  STRING,
  SMALLINT,
  INTEGER,
  BIGINT,
  REAL,
  DOUBLE,
  /** Exact decimal with precision and scale ({@code BigDecimal}). */
  DECIMAL,
  BOOLEAN,
  DATE,
  TIME,
  /** Date and time without zone ({@code LocalDateTime}). */
  TIMESTAMP,
  /** Date and time with offset ({@code OffsetDateTime}); stored in UTC where the database has no zone type. */
  TIMESTAMP_TZ,
  /** An instant on the time line ({@code Instant}). */
  INSTANT,
  UUID,
  /** Raw bytes ({@code byte[]}). */
  BINARY,
  /** JSON document kept as text in Java ({@code @Json String}). */
  JSON
}
