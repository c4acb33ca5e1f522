package io.reactiveorm.benchmarks.contestants;

import static org.springframework.data.relational.core.query.Criteria.where;
import static org.springframework.data.relational.core.query.Query.query;

import io.r2dbc.pool.ConnectionPool;
import io.reactiveorm.benchmarks.BenchConfig;
import io.reactiveorm.benchmarks.Contestant;
import io.reactiveorm.benchmarks.StatementCounter;
import io.reactiveorm.benchmarks.spring.SArticle;
import io.reactiveorm.benchmarks.spring.SArticleTag;
import io.reactiveorm.benchmarks.spring.SEvent;
import io.reactiveorm.benchmarks.spring.SRole;
import io.reactiveorm.benchmarks.spring.STag;
import io.reactiveorm.benchmarks.spring.SUser;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.data.r2dbc.core.R2dbcEntityTemplate;
import org.springframework.data.relational.core.query.Update;
import org.springframework.r2dbc.connection.R2dbcTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Spring Data R2DBC's {@link R2dbcEntityTemplate}, without Spring Boot, on the same r2dbc-pool
 * and driver as reactive-orm. Spring Data R2DBC maps no relations, so they are loaded with one
 * more query per relation ({@code IN} on the keys) and linked by hand; it has no batch insert or
 * update of entities, so those run one statement per entity in one transaction. Statements are
 * counted by a thin wrapper of the connection factory.
 */
public final class SpringDataContestant implements Contestant {

  private final ConnectionPool pool;
  private final R2dbcEntityTemplate template;
  private final TransactionalOperator transaction;
  private final StatementCounter statements = new StatementCounter();

  public SpringDataContestant(BenchConfig config, int poolSize) {
    this.pool = (ConnectionPool) R2dbcPools.pool(config, poolSize);
    CountingConnectionFactory counted = new CountingConnectionFactory(pool, statements);
    this.template = new R2dbcEntityTemplate(counted);
    this.transaction = TransactionalOperator.create(new R2dbcTransactionManager(counted));
  }

  @Override
  public StatementCounter statements() {
    return statements;
  }

  private Flux<SUser> users(long from, long to) {
    return template.select(SUser.class).matching(query(where("id").between(from, to))).all();
  }

  @Override
  public long[] insertUsers(List<NewUser> users) {
    List<SUser> entities = new ArrayList<>(users.size());
    for (NewUser user : users) {
      entities.add(new SUser(user.email(), user.name(), user.score(), user.roleId()));
    }
    List<SUser> inserted = transaction.transactional(Flux.fromIterable(entities)
        .concatMap(template::insert)).collectList().block();
    return inserted.stream().mapToLong(user -> user.id).toArray();
  }

  @Override
  public long selectUsers(long from, long to) {
    List<SUser> users = users(from, to).collectList().block();
    long sum = 0;
    for (SUser user : users) {
      sum += user.id + user.email.length();
    }
    return sum;
  }

  @Override
  public long selectUsersWithRole(long from, long to) {
    List<SUser> users = users(from, to).collectList()
        .flatMap(list -> {
          Set<Long> roleIds = new LinkedHashSet<>();
          for (SUser user : list) {
            roleIds.add(user.roleId);
          }
          return template.select(SRole.class).matching(query(where("id").in(roleIds))).all()
              .collectMap(role -> role.id)
              .map(roles -> {
                for (SUser user : list) {
                  user.role = roles.get(user.roleId);
                }
                return list;
              });
        })
        .block();
    return roleChecksum(users);
  }

  private static long roleChecksum(List<SUser> users) {
    long sum = 0;
    for (SUser user : users) {
      sum += user.role.id + user.role.name.length();
    }
    return sum;
  }

  @Override
  public long updateScoreById(long[] ids, int score) {
    List<Long> idList = Arrays.stream(ids).boxed().toList();
    return template.update(SUser.class).matching(query(where("id").in(idList)))
        .apply(Update.update("score", score)).block();
  }

  @Override
  public long loadChangeCommit(long from, long to, int delta) {
    return transaction.transactional(users(from, to).collectList()
            .flatMapMany(list -> {
              for (SUser user : list) {
                user.score += delta;
              }
              return Flux.fromIterable(list).concatMap(template::update);
            }))
        .count().block();
  }

  @Override
  public long articlesWithTags(long from, long to) {
    List<SArticle> articles = template.select(SArticle.class)
        .matching(query(where("id").between(from, to))).all().collectList()
        .flatMap(list -> {
          Map<Long, SArticle> byId = new HashMap<>();
          for (SArticle article : list) {
            byId.put(article.id, article);
          }
          return template.select(SArticleTag.class)
              .matching(query(where("articleId").in(byId.keySet()))).all().collectList()
              .flatMap(links -> {
                Set<Long> tagIds = new LinkedHashSet<>();
                for (SArticleTag link : links) {
                  tagIds.add(link.tagId);
                }
                return template.select(STag.class).matching(query(where("id").in(tagIds)))
                    .all().collectMap(tag -> tag.id)
                    .map(tags -> {
                      for (SArticleTag link : links) {
                        byId.get(link.articleId).tags.add(tags.get(link.tagId));
                      }
                      return list;
                    });
              });
        })
        .block();
    long sum = 0;
    for (SArticle article : articles) {
      for (STag tag : article.tags) {
        sum += tag.id;
      }
    }
    return sum;
  }

  @Override
  public long rolesWithUsers(long from, long to) {
    List<SRole> roles = template.select(SRole.class)
        .matching(query(where("id").between(from, to))).all().collectList()
        .flatMap(list -> {
          Map<Long, SRole> byId = new HashMap<>();
          for (SRole role : list) {
            byId.put(role.id, role);
          }
          return template.select(SUser.class).matching(query(where("roleId").in(byId.keySet())))
              .all()
              .doOnNext(user -> byId.get(user.roleId).users.add(user))
              .then(Mono.just(list));
        })
        .block();
    long sum = 0;
    for (SRole role : roles) {
      for (SUser user : role.users) {
        sum += user.id;
      }
    }
    return sum;
  }

  @Override
  public long naiveRoleLoop(long from, long to) {
    return users(from, to)
        .concatMap(user -> template.selectOne(query(where("id").is(user.roleId)), SRole.class))
        .reduce(0L, (sum, role) -> sum + role.id + role.name.length())
        .block();
  }

  @Override
  public long streamEvents() {
    return template.select(SEvent.class).all()
        .reduce(0L, (sum, event) -> sum + event.amount)
        .block();
  }

  @Override
  public long findUsersWithRole(long[] ids, int concurrency) {
    return Flux.range(0, ids.length)
        .flatMap(i -> template.selectOne(query(where("id").is(ids[i])), SUser.class)
            .flatMap(user -> template.selectOne(query(where("id").is(user.roleId)), SRole.class)
                .map(role -> {
                  user.role = role;
                  return user;
                })), concurrency)
        .reduce(0L, (sum, user) -> sum + user.role.id)
        .block();
  }

  @Override
  public void close() {
    pool.dispose();
  }
}
