package io.reactiveorm.test;

/**
 * A database a test runs on: its kind, the R2DBC URL and how it was chosen.
 *
 * @param kind which database
 * @param url the R2DBC URL (without a password, if any was given separately)
 * @param origin how it was chosen, e.g. "explicit URL from REACTIVE_ORM_TEST_URL"
 */
public record TestDatabase(Kind kind, String url, String origin) {

  /** The databases reactive-orm supports. */
  public enum Kind { H2, POSTGRESQL, MARIADB }

  @Override
  public String toString() {
    return kind.name();
  }
}
