package io.reactiveorm.examples.blog;

import io.reactiveorm.AsyncSession;
import io.reactiveorm.NotFoundException;
import io.reactiveorm.Query;
import io.reactiveorm.ValidationException;
import io.reactiveorm.ValidationException.Violation;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The blog's reads and writes. It takes no session parameter: each method finds the request's
 * session in the Reactor Context ({@link AsyncSession#current()}), bound by the handler with
 * {@code orm.withSession(...)} for reads or {@code orm.inTransaction(...)} for writes, which
 * commits everything the method did, or nothing.
 */
@Component
public class BlogStore {

  /** The largest page of posts a client may ask for. */
  public static final int MAX_PAGE = 100;

  private final Clock clock;

  public BlogStore(Clock clock) {
    this.clock = clock;
  }

  /** The input of a new or replaced post; {@code tags} are names, created when new. */
  public record PostInput(String title, String body, Long authorId, List<String> tags) {}

  /** The input of a new user. */
  public record UserInput(String email, String name) {}

  /**
   * A page of posts, newest first, with their authors and tags: three statements whatever the
   * page size (posts, then all their authors, then all their tags).
   */
  public Flux<Post> posts(Long after, int limit) {
    return AsyncSession.current().flatMapMany(session -> {
      Query<Post> page = session.query(Post.class)
          .with(Post_.author, Post_.tags)
          .orderBy(Post_.id.desc())
          .limit(limit);
      return (after == null ? page : page.after(after)).list();
    });
  }

  /** One post with its author, tags, and comments with their authors: five statements. */
  public Mono<Post> post(long id) {
    return AsyncSession.current().flatMap(session -> session.query(Post.class)
        .where(Post_.id.eq(id))
        .with(Post_.author, Post_.tags, Post_.comments.then(Comment_.author))
        .one())
        .switchIfEmpty(Mono.error(() -> new NotFoundException(Post.class, id)));
  }

  /** Creates a post, the tags it names that do not exist yet, and the links to them. */
  public Mono<Post> createPost(PostInput input) {
    return AsyncSession.current().flatMap(session -> author(session, input.authorId())
        .flatMap(author -> session.insert(new Post(input.title(), input.body(), author,
            clock.instant())))
        .flatMap(post -> tags(session, input.tags())
            .flatMap(tags -> session.link(post, Post_.tags, tags))
            .thenReturn(post)));
  }

  /**
   * Replaces a post's title, body and (when given) tags. The new values are written when the
   * transaction commits, as an UPDATE of the changed columns, checked against the version read.
   */
  public Mono<Post> updatePost(long id, PostInput input) {
    return AsyncSession.current().flatMap(session -> session.query(Post.class)
        .where(Post_.id.eq(id))
        .with(Post_.author, Post_.tags)
        .one()
        .switchIfEmpty(Mono.error(() -> new NotFoundException(Post.class, id)))
        .flatMap(post -> {
          post.setTitle(input.title());
          post.setBody(input.body());
          if (input.tags() == null) {
            return Mono.just(post);
          }
          return tags(session, input.tags())
              .flatMap(tags -> session.replace(post, Post_.tags, tags))
              .thenReturn(post);
        }));
  }

  /**
   * Deletes a post with its comments, at commit: children first, one statement per table. Its
   * tag links go with it (the join table's rows are deleted with either end).
   */
  public Mono<Void> deletePost(long id) {
    return AsyncSession.current().flatMap(session -> session.query(Post.class)
        .where(Post_.id.eq(id))
        .with(Post_.comments)
        .one()
        .switchIfEmpty(Mono.error(() -> new NotFoundException(Post.class, id)))
        .doOnNext(post -> {
          post.getComments().get().forEach(session::remove);
          session.remove(post);
        })
        .then());
  }

  /** Creates a user; a taken email fails with a UniqueViolationException at commit. */
  public Mono<BlogUser> createUser(UserInput input) {
    return AsyncSession.current().flatMap(session ->
        session.insert(new BlogUser(input.email(), input.name())));
  }

  /** One user. */
  public Mono<BlogUser> user(long id) {
    return AsyncSession.current().flatMap(session -> session.get(BlogUser.class, id));
  }

  /** The author a new post names, or a validation failure saying why there is none. */
  private static Mono<BlogUser> author(AsyncSession session, Long authorId) {
    if (authorId == null) {
      return Mono.error(invalid("authorId", "must not be null"));
    }
    return session.find(BlogUser.class, authorId)
        .switchIfEmpty(Mono.error(() -> invalid("authorId", "no user has id " + authorId)));
  }

  /** The tags with these names: the existing ones read in one statement, the others inserted. */
  private static Mono<List<Tag>> tags(AsyncSession session, List<String> names) {
    if (names == null || names.isEmpty()) {
      return Mono.just(List.of());
    }
    Set<String> wanted = new LinkedHashSet<>();
    for (String name : names) {
      wanted.add(name == null ? "" : name.trim().toLowerCase());
    }
    return session.query(Tag.class).where(Tag_.name.in(wanted)).list()
        .collectMap(Tag::getName, Function.identity())
        .flatMap(existing -> {
          List<Tag> missing = wanted.stream().filter(name -> !existing.containsKey(name))
              .map(Tag::new).toList();
          return session.insertAll(missing).collectList()
              .map(created -> inOrder(wanted, existing, created));
        });
  }

  private static List<Tag> inOrder(Set<String> names, Map<String, Tag> existing,
      List<Tag> created) {
    Map<String, Tag> all = created.stream()
        .collect(Collectors.toMap(Tag::getName, Function.identity()));
    all.putAll(existing);
    List<Tag> tags = new ArrayList<>();
    names.forEach(name -> tags.add(all.get(name)));
    return tags;
  }

  private static ValidationException invalid(String field, String message) {
    return new ValidationException(List.of(new Violation("Post", field, message)));
  }
}
