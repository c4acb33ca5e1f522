package io.reactiveorm.it.core;

import io.reactiveorm.test.TestDatabase;
import io.reactiveorm.test.internal.Databases;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;

/**
 * The databases for tests that build an Orm of their own (a pool of a set size, a factory used
 * as is): the given H2 URL, then each server database the test kit found, as {@code (kind, url)}
 * arguments of a {@code @ParameterizedTest}.
 */
final class OwnOrmDatabases {

  private OwnOrmDatabases() {}

  static Stream<Arguments> withH2(String h2Url) {
    List<Arguments> databases = new ArrayList<>();
    databases.add(Arguments.of("H2", h2Url));
    for (TestDatabase database : Databases.everyDatabase()) {
      if (database.kind() != TestDatabase.Kind.H2) {
        databases.add(Arguments.of(database.kind().name(), database.url()));
      }
    }
    return databases.stream();
  }
}
