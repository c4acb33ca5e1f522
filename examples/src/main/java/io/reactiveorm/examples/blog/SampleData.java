package io.reactiveorm.examples.blog;

import io.reactiveorm.AsyncSession;
import io.reactiveorm.Orm;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Seeds an empty database with sample users, tags, posts and comments at startup, in one
 * transaction; {@code blog.seed.enabled=false} turns it off, {@code blog.seed.posts} sets how
 * many posts.
 */
@Component
@ConditionalOnProperty(name = "blog.seed.enabled", havingValue = "true", matchIfMissing = true)
public class SampleData implements ApplicationRunner {

  private static final Logger LOG = LoggerFactory.getLogger(SampleData.class);
  private static final String[] TAGS = {"java", "reactive", "r2dbc", "postgresql", "mariadb",
      "h2", "spring", "testing"};
  private static final String[][] USERS = {{"ada@example.com", "Ada Lovelace"},
      {"grace@example.com", "Grace Hopper"}, {"linus@example.com", "Linus Torvalds"},
      {"barbara@example.com", "Barbara Liskov"}};

  private final Orm orm;
  private final Clock clock;
  private final int posts;

  public SampleData(Orm orm, Clock clock, Environment environment) {
    this.orm = orm;
    this.clock = clock;
    this.posts = environment.getProperty("blog.seed.posts", Integer.class, 40);
  }

  @Override
  public void run(ApplicationArguments args) {
    // startup runs on the main thread, where waiting is allowed
    Integer seeded = seed(orm, clock.instant(), posts).block(Duration.ofMinutes(2));
    if (seeded != null && seeded > 0) {
      LOG.info("Seeded {} sample posts", seeded);
    }
  }

  /** Seeds when there is no user yet; emits the number of posts written. */
  public static Mono<Integer> seed(Orm orm, Instant now, int postCount) {
    return orm.inTransaction(session -> session.query(BlogUser.class).exists()
        .flatMap(exists -> exists ? Mono.just(0) : write(session, now, postCount)));
  }

  private static Mono<Integer> write(AsyncSession session, Instant now, int postCount) {
    Random random = new Random(7);
    List<BlogUser> users = new ArrayList<>();
    for (String[] user : USERS) {
      users.add(new BlogUser(user[0], user[1]));
    }
    List<Tag> tags = new ArrayList<>();
    for (String tag : TAGS) {
      tags.add(new Tag(tag));
    }
    return session.insertAll(users).collectList()
        .zipWith(session.insertAll(tags).collectList())
        .flatMap(saved -> {
          List<BlogUser> authors = saved.getT1();
          List<Tag> labels = saved.getT2();
          List<Post> posts = new ArrayList<>();
          for (int i = 1; i <= postCount; i++) {
            posts.add(new Post("Post number " + i, "Sample text of post " + i + ".",
                authors.get(random.nextInt(authors.size())),
                now.minus(Duration.ofHours(postCount - i))));
          }
          return session.insertAll(posts).collectList().flatMap(written -> {
            List<Comment> comments = new ArrayList<>();
            List<Mono<Void>> links = new ArrayList<>();
            for (Post post : written) {
              List<Tag> some = new ArrayList<>(labels);
              Collections.shuffle(some, random);
              links.add(session.link(post, Post_.tags, some.subList(0, 1 + random.nextInt(3))));
              for (int c = random.nextInt(4); c > 0; c--) {
                comments.add(new Comment(post, authors.get(random.nextInt(authors.size())),
                    "A comment on " + post.getTitle(), post.getCreatedAt().plusSeconds(60L * c)));
              }
            }
            return Flux.concat(links).then(session.insertAll(comments).then())
                .thenReturn(written.size());
          });
        });
  }
}
