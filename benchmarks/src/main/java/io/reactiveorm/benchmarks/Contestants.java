package io.reactiveorm.benchmarks;

import io.reactiveorm.benchmarks.contestants.HibernateReactiveContestant;
import io.reactiveorm.benchmarks.contestants.JdbcContestant;
import io.reactiveorm.benchmarks.contestants.RawR2dbcContestant;
import io.reactiveorm.benchmarks.contestants.ReactiveOrmContestant;
import io.reactiveorm.benchmarks.contestants.SpringDataContestant;
import java.util.List;

/** The contestants by the names the benchmarks take as their {@code contestant} parameter. */
public final class Contestants {

  public static final String REACTIVE_ORM = "reactive-orm";
  public static final String RAW_R2DBC = "raw-r2dbc";
  public static final String SPRING_DATA = "spring-data-r2dbc";
  public static final String HIBERNATE_REACTIVE = "hibernate-reactive";
  public static final String JDBC = "jdbc";

  /** In report order. */
  public static final List<String> ALL =
      List.of(REACTIVE_ORM, RAW_R2DBC, SPRING_DATA, HIBERNATE_REACTIVE, JDBC);

  private Contestants() {}

  public static Contestant create(String name, BenchConfig config, int poolSize) {
    return switch (name) {
      case REACTIVE_ORM -> new ReactiveOrmContestant(config, poolSize);
      case RAW_R2DBC -> new RawR2dbcContestant(config, poolSize);
      case SPRING_DATA -> new SpringDataContestant(config, poolSize);
      case HIBERNATE_REACTIVE -> new HibernateReactiveContestant(config, poolSize);
      case JDBC -> new JdbcContestant(config, poolSize);
      default -> throw new IllegalArgumentException("Unknown contestant " + name + "; known: "
          + ALL);
    };
  }

  /** What the report calls it. */
  public static String label(String name) {
    return switch (name) {
      case REACTIVE_ORM -> "reactive-orm";
      case RAW_R2DBC -> "raw R2DBC";
      case SPRING_DATA -> "Spring Data R2DBC";
      case HIBERNATE_REACTIVE -> "Hibernate Reactive";
      case JDBC -> "JDBC";
      default -> name;
    };
  }
}
