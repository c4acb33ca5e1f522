package io.reactiveorm.examples.blog;

import io.reactiveorm.Orm;
import io.reactiveorm.examples.blog.BlogStore.PostInput;
import io.reactiveorm.examples.blog.BlogStore.UserInput;
import java.net.URI;
import java.util.List;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.server.ServerWebInputException;
import reactor.core.publisher.Mono;

/**
 * The HTTP side: reads the request, runs the store's work in one session ({@code withSession}
 * for reads, {@code inTransaction} for writes: committed when the work completes, rolled back
 * when it fails), and writes the result. The request body is read before the transaction starts,
 * so that no pooled connection waits on a slow client. Failures become HTTP answers in
 * {@link ApiErrors}.
 */
@Component
public class BlogHandlers {

  private final Orm orm;
  private final BlogStore store;

  public BlogHandlers(Orm orm, BlogStore store) {
    this.orm = orm;
    this.store = store;
  }

  /** A page of posts, newest first; {@code next} is the {@code after} of the next page. */
  public record PostPage(List<Post> posts, Long next) {}

  /** {@code GET /posts?limit=20&after=123} */
  public Mono<ServerResponse> listPosts(ServerRequest request) {
    int limit = intParam(request, "limit", 20, 1, BlogStore.MAX_PAGE);
    Long after = request.queryParam("after").map(value -> parseId("after", value)).orElse(null);
    return orm.withSession(session -> store.posts(after, limit).collectList())
        .map(posts -> new PostPage(posts,
            posts.size() < limit ? null : posts.get(posts.size() - 1).getId()))
        .flatMap(page -> ServerResponse.ok().bodyValue(page));
  }

  /** {@code GET /posts/{id}}: with its author, tags and comments. */
  public Mono<ServerResponse> getPost(ServerRequest request) {
    long id = pathId(request);
    return orm.withSession(session -> store.post(id))
        .flatMap(post -> ServerResponse.ok().bodyValue(post));
  }

  /** {@code POST /posts}: 201 with the post and its Location. */
  public Mono<ServerResponse> createPost(ServerRequest request) {
    return body(request, PostInput.class)
        .flatMap(input -> orm.inTransaction(session -> store.createPost(input)))
        .flatMap(post -> ServerResponse.created(URI.create("/posts/" + post.getId()))
            .bodyValue(post));
  }

  /** {@code PUT /posts/{id}}: title, body and tags replaced. */
  public Mono<ServerResponse> updatePost(ServerRequest request) {
    long id = pathId(request);
    return body(request, PostInput.class)
        .flatMap(input -> orm.inTransaction(session -> store.updatePost(id, input)))
        .flatMap(post -> ServerResponse.ok().bodyValue(post));
  }

  /** {@code DELETE /posts/{id}}: 204. */
  public Mono<ServerResponse> deletePost(ServerRequest request) {
    long id = pathId(request);
    return orm.inTransaction(session -> store.deletePost(id))
        .then(ServerResponse.noContent().build());
  }

  /** {@code POST /users}: 201, or 409 when the email is taken. */
  public Mono<ServerResponse> createUser(ServerRequest request) {
    return body(request, UserInput.class)
        .flatMap(input -> orm.inTransaction(session -> store.createUser(input)))
        .flatMap(user -> ServerResponse.created(URI.create("/users/" + user.getId()))
            .bodyValue(user));
  }

  /** {@code GET /users/{id}} */
  public Mono<ServerResponse> getUser(ServerRequest request) {
    long id = pathId(request);
    return orm.withSession(session -> store.user(id))
        .flatMap(user -> ServerResponse.ok().bodyValue(user));
  }

  private static <T> Mono<T> body(ServerRequest request, Class<T> type) {
    return request.bodyToMono(type)
        .switchIfEmpty(Mono.error(() -> new ServerWebInputException("A JSON body is required")));
  }

  private static long pathId(ServerRequest request) {
    return parseId("id", request.pathVariable("id"));
  }

  private static long parseId(String name, String value) {
    try {
      return Long.parseLong(value);
    } catch (NumberFormatException e) {
      throw new ServerWebInputException(name + " must be a number, not '" + value + "'");
    }
  }

  private static int intParam(ServerRequest request, String name, int fallback, int min,
      int max) {
    String value = request.queryParam(name).orElse(null);
    if (value == null) {
      return fallback;
    }
    try {
      int number = Integer.parseInt(value);
      if (number >= min && number <= max) {
        return number;
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    throw new ServerWebInputException(name + " must be a number from " + min + " to " + max
        + ", not '" + value + "'");
  }
}
