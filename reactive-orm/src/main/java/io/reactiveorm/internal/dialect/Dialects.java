package io.reactiveorm.internal.dialect;

import io.reactiveorm.OrmException;
import io.reactiveorm.spi.Dialect;
import java.util.List;

/** Finds the dialect for an R2DBC driver's name. */
public final class Dialects {

  private static final List<String> KNOWN = List.of(
      "io.reactiveorm.internal.dialect.PostgresDialect",
      "io.reactiveorm.internal.dialect.MariaDbDialect",
      "io.reactiveorm.internal.dialect.H2Dialect");

  private Dialects() {}

  /**
   * The built-in dialect matching {@code driverName}. Dialects are loaded by name so that a
   * dialect whose driver is not on the classpath is never touched.
   */
  public static Dialect forDriver(String driverName) {
    for (String className : KNOWN) {
      Dialect dialect = load(className);
      if (dialect != null && dialect.matches(driverName)) {
        return dialect;
      }
    }
    throw new OrmException("No dialect for the R2DBC driver '" + driverName + "'; reactive-orm"
        + " supports PostgreSQL, MariaDB/MySQL and H2. For another database, implement"
        + " io.reactiveorm.spi.Dialect and pass it to Orm.builder().dialect(...)");
  }

  private static Dialect load(String className) {
    try {
      return (Dialect) Class.forName(className).getField("INSTANCE").get(null);
    } catch (ReflectiveOperationException | LinkageError driverMissing) {
      return null;
    }
  }
}
