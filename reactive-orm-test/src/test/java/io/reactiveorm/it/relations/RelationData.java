package io.reactiveorm.it.relations;

import io.reactiveorm.AsyncSession;
import io.reactiveorm.Orm;
import io.reactiveorm.test.TestDatabase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import reactor.core.publisher.Flux;

/**
 * Test data for the relation tests, and the expected relations read back row by row with plain
 * SQL (never through the relation loading under test). Seeding runs on the JUnit thread, where
 * blocking is allowed.
 */
final class RelationData {

  static final Duration TIMEOUT = Duration.ofSeconds(60);

  private RelationData() {}

  /** What was inserted, with ids set. */
  record Graph(List<Role> roles, List<Member> members, List<Article> articles, List<Tag> tags) {}

  /**
   * {@code roleCount} roles; member {@code i} has role {@code i % roleCount}; article {@code j}
   * is written by member {@code (2 * j) % memberCount} (so half the members write nothing); every
   * fourth article has no tag, the others one or two of {@code tagCount} tags.
   */
  static Graph seed(Orm orm, int roleCount, int memberCount, int articleCount, int tagCount) {
    List<Role> roles = new ArrayList<>();
    for (int i = 0; i < roleCount; i++) {
      roles.add(new Role("role-" + i));
    }
    List<Member> members = new ArrayList<>();
    for (int i = 0; i < memberCount; i++) {
      members.add(new Member("member-" + i, roleCount == 0 ? null : roles.get(i % roleCount)));
    }
    List<Article> articles = new ArrayList<>();
    for (int j = 0; j < articleCount; j++) {
      articles.add(new Article("article-" + j, members.get((2 * j) % memberCount)));
    }
    List<Tag> tags = new ArrayList<>();
    for (int k = 0; k < tagCount; k++) {
      tags.add(new Tag("tag-" + k));
    }
    orm.withSessionMany(s -> s.insertAll(roles)
            .thenMany(s.insertAll(members))
            .thenMany(s.insertAll(articles))
            .thenMany(s.insertAll(tags))
            .thenMany(Flux.range(0, articles.size()).concatMap(j -> {
              List<Tag> linked = tagsOf(j, tags);
              return linked.isEmpty() ? Flux.empty()
                  : s.link(articles.get(j), Article_.tags, linked);
            })))
        .blockLast(TIMEOUT);
    return new Graph(roles, members, articles, tags);
  }

  private static List<Tag> tagsOf(int article, List<Tag> tags) {
    if (tags.isEmpty() || article % 4 == 3) {
      return List.of();
    }
    Set<Tag> chosen = Collections.newSetFromMap(new IdentityHashMap<>());
    chosen.add(tags.get(article % tags.size()));
    if (article % 2 == 0) {
      chosen.add(tags.get((3 * article + 1) % tags.size()));
    }
    return List.copyOf(chosen);
  }

  /** The relations as stored, read with plain SQL: what loading row by row would give. */
  record Expected(Map<Long, Long> roleOfMember, Map<Long, Set<Long>> membersOfRole,
      Map<Long, Set<Long>> articlesOfMember, Map<Long, Set<Long>> tagsOfArticle,
      Map<Long, Set<Long>> articlesOfTag) {}

  static Expected expected(Orm orm) {
    Map<Long, Long> roleOfMember = new TreeMap<>();
    Map<Long, Set<Long>> membersOfRole = new TreeMap<>();
    Map<Long, Set<Long>> articlesOfMember = new TreeMap<>();
    Map<Long, Set<Long>> tagsOfArticle = new TreeMap<>();
    Map<Long, Set<Long>> articlesOfTag = new TreeMap<>();
    AsyncSession session = orm.session();
    for (List<Long> row : pairs(session, "SELECT id FROM rel_roles")) {
      membersOfRole.put(row.get(0), new TreeSet<>());
    }
    for (List<Long> row : pairs(session, "SELECT id, role_id FROM rel_members")) {
      roleOfMember.put(row.get(0), row.get(1));
      articlesOfMember.put(row.get(0), new TreeSet<>());
      if (row.get(1) != null) {
        membersOfRole.get(row.get(1)).add(row.get(0));
      }
    }
    for (List<Long> row : pairs(session, "SELECT id FROM rel_tags")) {
      articlesOfTag.put(row.get(0), new TreeSet<>());
    }
    for (List<Long> row : pairs(session, "SELECT id, author_id FROM rel_articles")) {
      tagsOfArticle.put(row.get(0), new TreeSet<>());
      if (row.get(1) != null) {
        articlesOfMember.get(row.get(1)).add(row.get(0));
      }
    }
    for (List<Long> row : pairs(session,
        "SELECT article_id, tag_id FROM rel_articles_tags")) {
      tagsOfArticle.get(row.get(0)).add(row.get(1));
      articlesOfTag.get(row.get(1)).add(row.get(0));
    }
    return new Expected(roleOfMember, membersOfRole, articlesOfMember, tagsOfArticle,
        articlesOfTag);
  }

  /** Rows of numeric columns (null stays null), by position. */
  static List<List<Long>> pairs(AsyncSession session, String sql) {
    return session.sql(sql).rows()
        .map(row -> row.values().stream()
            .map(value -> value == null ? null : ((Number) value).longValue())
            .toList())
        .collectList()
        .block(TIMEOUT);
  }

  /** One statement of generated rows: {@code roles} roles, then {@code perRole} members each. */
  static void seedBulk(Orm orm, TestDatabase database, int roles, int perRole) {
    AsyncSession session = orm.session();
    long members = (long) roles * perRole;
    session.sql("INSERT INTO rel_roles (name) " + generated(database, "bulk-role-", roles, null))
        .execute().block(TIMEOUT);
    List<List<Long>> range = pairs(session, "SELECT MIN(id), MAX(id), COUNT(*) FROM rel_roles");
    long first = range.get(0).get(0);
    if (range.get(0).get(1) - first + 1 != roles || range.get(0).get(2) != roles) {
      throw new IllegalStateException("Role ids are not contiguous: " + range);
    }
    // member g (1-based, in id order) gets role first + (g - 1) / perRole
    session.sql("INSERT INTO rel_members (name, role_id) "
            + generated(database, "bulk-member-", members, first + "+" + "(%s - 1)"
                + (database.kind() == TestDatabase.Kind.MARIADB ? " DIV " : " / ") + perRole))
        .execute().block(TIMEOUT);
  }

  /**
   * {@code SELECT name[, expression] FROM <1..count>} for the database; {@code %s} in the
   * expression stands for the row number.
   */
  private static String generated(TestDatabase database, String prefix, long count,
      String expression) {
    String n = switch (database.kind()) {
      case POSTGRESQL -> "g";
      case MARIADB -> "seq";
      case H2 -> "\"X\"";
    };
    String name = switch (database.kind()) {
      case MARIADB -> "CONCAT('" + prefix + "', " + n + ")";
      default -> "'" + prefix + "' || " + n;
    };
    String from = switch (database.kind()) {
      case POSTGRESQL -> "generate_series(1, " + count + ") AS g";
      case MARIADB -> "seq_1_to_" + count;
      case H2 -> "SYSTEM_RANGE(1, " + count + ")";
    };
    String select = "SELECT " + name + (expression == null ? ""
        : ", " + expression.formatted(n)) + " FROM " + from;
    return select + " ORDER BY " + n;
  }

  /** How many distinct objects (by identity, not equals) the stream holds. */
  static long distinctInstances(Stream<?> objects) {
    Set<Object> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    objects.forEach(seen::add);
    return seen.size();
  }

  static <T> Set<Long> ids(Collection<T> entities, java.util.function.Function<T, Long> id) {
    Set<Long> ids = new TreeSet<>();
    for (T entity : entities) {
      ids.add(id.apply(entity));
    }
    return ids;
  }

  /** Used heap after a full collection (System.gc() is not blocking for BlockHound). */
  static long usedHeapAfterGc() {
    Runtime runtime = Runtime.getRuntime();
    System.gc();
    System.gc();
    return runtime.totalMemory() - runtime.freeMemory();
  }

  static double mb(long bytes) {
    return bytes / (1024.0 * 1024.0);
  }
}
