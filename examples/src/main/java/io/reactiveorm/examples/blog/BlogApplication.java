package io.reactiveorm.examples.blog;

import java.time.Clock;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * A blog API on reactive-orm and Spring WebFlux: users, posts, tags and comments. There is no
 * wiring code for the database: the reactive-orm auto-configuration builds the {@code Orm} from
 * {@code spring.r2dbc.*} with the entities of this package (see {@code application.properties}).
 *
 * <pre>
 * mvn -q -pl examples -am -Pblog -DskipTests verify          # embedded H2, port 8080
 * mvn -q -pl examples -am -Pblog -DskipTests verify \
 *     -Dspring.r2dbc.url=r2dbc:postgresql://postgres@127.0.0.1:5432/test
 * </pre>
 */
@SpringBootApplication
public class BlogApplication {

  /**
   * Hibernate Validator asks jakarta.persistence for a JPA provider, finds none (reactive-orm is
   * not one) and warns through java.util.logging; held here so the level set stays.
   */
  private static final Logger JPA_SPI_LOG = Logger.getLogger("jakarta.persistence.spi");

  public static void main(String[] args) {
    JPA_SPI_LOG.setLevel(Level.SEVERE);
    SpringApplication.run(BlogApplication.class, args);
  }

  /** The routes; every failure goes through {@link ApiErrors}. */
  @Bean
  RouterFunction<ServerResponse> blogRoutes(BlogHandlers blog) {
    return RouterFunctions.route()
        .GET("/posts", blog::listPosts)
        .POST("/posts", blog::createPost)
        .GET("/posts/{id}", blog::getPost)
        .PUT("/posts/{id}", blog::updatePost)
        .DELETE("/posts/{id}", blog::deletePost)
        .POST("/users", blog::createUser)
        .GET("/users/{id}", blog::getUser)
        .filter(new ApiErrors())
        .build();
  }

  @Bean
  Clock clock() {
    return Clock.systemUTC();
  }
}
