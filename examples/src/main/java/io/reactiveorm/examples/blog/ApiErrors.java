package io.reactiveorm.examples.blog;

import io.reactiveorm.ForeignKeyViolationException;
import io.reactiveorm.InvalidQueryException;
import io.reactiveorm.NotFoundException;
import io.reactiveorm.OptimisticLockException;
import io.reactiveorm.UniqueViolationException;
import io.reactiveorm.ValidationException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.codec.DecodingException;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.web.reactive.function.server.HandlerFilterFunction;
import org.springframework.web.reactive.function.server.HandlerFunction;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebInputException;
import reactor.core.publisher.Mono;

/**
 * Turns failures into HTTP answers with a JSON body {@code {"status", "error", "message"}}:
 * validation failures 400 with the fields, malformed JSON or parameters 400, a duplicate value or
 * a concurrent change 409, a missing entity 404, anything else 500 (logged, not shown). By the
 * time a failure gets here its transaction has rolled back: nothing was written.
 */
public final class ApiErrors implements HandlerFilterFunction<ServerResponse, ServerResponse> {

  private static final Logger LOG = LoggerFactory.getLogger(ApiErrors.class);

  /** One field that failed validation. */
  public record FieldError(String entity, String field, String message) {}

  @Override
  public Mono<ServerResponse> filter(ServerRequest request, HandlerFunction<ServerResponse> next) {
    Mono<ServerResponse> response;
    try {
      response = next.handle(request);
    } catch (RuntimeException thrown) {
      response = Mono.error(thrown);
    }
    return response.onErrorResume(error -> answer(request, error));
  }

  Mono<ServerResponse> answer(ServerRequest request, Throwable error) {
    if (error instanceof ValidationException invalid) {
      Map<String, Object> body = body(HttpStatus.BAD_REQUEST, "validation failed",
          "Some fields are invalid; nothing was written");
      body.put("fields", invalid.violations().stream()
          .map(v -> new FieldError(v.entity(), v.field(), v.message())).toList());
      return respond(HttpStatus.BAD_REQUEST, body);
    }
    if (error instanceof UniqueViolationException duplicate) {
      Map<String, Object> body = body(HttpStatus.CONFLICT, "duplicate",
          "A value that must be unique is taken; nothing was written");
      body.put("constraint", duplicate.constraintName());
      return respond(HttpStatus.CONFLICT, body);
    }
    if (error instanceof OptimisticLockException) {
      return respond(HttpStatus.CONFLICT, body(HttpStatus.CONFLICT, "concurrent change",
          "Someone changed it meanwhile; read it again and retry"));
    }
    if (error instanceof ForeignKeyViolationException) {
      return respond(HttpStatus.CONFLICT, body(HttpStatus.CONFLICT, "reference",
          "It refers to something missing, or is referred to; nothing was written"));
    }
    if (error instanceof NotFoundException missing) {
      return respond(HttpStatus.NOT_FOUND, body(HttpStatus.NOT_FOUND, "not found",
          missing.entityType().getSimpleName() + " " + missing.id() + " does not exist"));
    }
    if (error instanceof InvalidQueryException invalidQuery) {
      return respond(HttpStatus.BAD_REQUEST, body(HttpStatus.BAD_REQUEST, "bad request",
          invalidQuery.getMessage()));
    }
    if (error instanceof ServerWebInputException input) {
      boolean json = hasCause(input, DecodingException.class);
      return respond(HttpStatus.BAD_REQUEST, body(HttpStatus.BAD_REQUEST,
          json ? "malformed JSON" : "bad request",
          json ? "The body is not valid JSON for this request" : input.getReason()));
    }
    if (error instanceof ResponseStatusException status) {
      HttpStatusCode code = status.getStatusCode();
      return respond(code, body(code, "error", status.getReason()));
    }
    LOG.error("{} {} failed", request.method(), request.path(), error);
    return respond(HttpStatus.INTERNAL_SERVER_ERROR, body(HttpStatus.INTERNAL_SERVER_ERROR,
        "internal error", "Something went wrong on our side"));
  }

  private static Map<String, Object> body(HttpStatusCode status, String error, String message) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("status", status.value());
    body.put("error", error);
    body.put("message", message);
    return body;
  }

  private static Mono<ServerResponse> respond(HttpStatusCode status, Map<String, Object> body) {
    return ServerResponse.status(status).bodyValue(body);
  }

  private static boolean hasCause(Throwable error, Class<? extends Throwable> type) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return true;
      }
    }
    return false;
  }
}
