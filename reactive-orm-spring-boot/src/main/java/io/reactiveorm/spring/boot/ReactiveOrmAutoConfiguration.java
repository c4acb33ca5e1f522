package io.reactiveorm.spring.boot;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.r2dbc.spi.ConnectionFactory;
import io.reactiveorm.Orm;
import io.reactiveorm.spi.StatementListener;
import jakarta.persistence.Entity;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurationPackages;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.domain.EntityScanPackages;
import org.springframework.boot.autoconfigure.r2dbc.R2dbcAutoConfiguration;
import org.springframework.boot.autoconfigure.r2dbc.R2dbcProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.io.ResourceLoader;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.util.ClassUtils;
import org.springframework.util.StringUtils;

/**
 * An {@link Orm} bean whenever reactive-orm is on the classpath, so that an application needs no
 * wiring code: the database from {@code spring.r2dbc.url}, {@code username}, {@code password}
 * and {@code pool.max-size} / {@code max-acquire-time} / {@code max-idle-time}; the entities
 * found by scanning (see {@link ReactiveOrmProperties#getEntityPackages()}); the tables created
 * at startup with {@code reactive-orm.schema.create=true}. {@link StatementListener} beans hear
 * every statement, {@link ReactiveOrmBuilderCustomizer} beans adjust the builder.
 *
 * <p>The {@code Orm}'s pool is also published as the {@link ConnectionFactory} bean, so that
 * Spring's own R2DBC auto-configuration does not open a second pool to the same database.
 * Without {@code spring.r2dbc.url}, an embedded H2 database is used when r2dbc-h2 is present.
 *
 * <p>With Jackson present, {@link ReactiveOrmJacksonModule} is registered too: loaded relations
 * are written as nested objects, unloaded ones as their ids.
 */
@AutoConfiguration(before = R2dbcAutoConfiguration.class)
@ConditionalOnClass(Orm.class)
@EnableConfigurationProperties({ReactiveOrmProperties.class, R2dbcProperties.class})
public class ReactiveOrmAutoConfiguration {

  private static final Logger LOG = LoggerFactory.getLogger(ReactiveOrmAutoConfiguration.class);
  private static final Duration SCHEMA_TIMEOUT = Duration.ofMinutes(2);

  @Bean(destroyMethod = "close")
  @ConditionalOnMissingBean
  public Orm orm(R2dbcProperties r2dbc, ReactiveOrmProperties properties, BeanFactory beanFactory,
      Environment environment, ResourceLoader resourceLoader,
      ObjectProvider<StatementListener> listeners,
      ObjectProvider<ReactiveOrmBuilderCustomizer> customizers) {
    List<String> packages = entityPackages(properties, beanFactory);
    List<Class<?>> entities = scan(packages, environment, resourceLoader);
    if (entities.isEmpty()) {
      throw new IllegalStateException("reactive-orm found no @Entity class in " + packages
          + "; set reactive-orm.entity-packages to the packages of your entities");
    }
    String url = url(r2dbc);
    Orm.Builder builder = Orm.builder().url(url).entities(entities)
        .nPlusOne(properties.getNPlusOne())
        .logBindValues(properties.isLogBindValues())
        .coalesceFinds(properties.isCoalesceFinds());
    if (properties.getFetchSize() != null) {
      builder.fetchSize(atLeast(0, properties.getFetchSize(), "fetch-size"));
    }
    if (properties.getRelationChunkSize() != null) {
      builder.relationChunkSize(atLeast(1, properties.getRelationChunkSize(),
          "relation-chunk-size"));
    }
    if (StringUtils.hasText(r2dbc.getUsername())) {
      builder.username(r2dbc.getUsername());
    }
    if (r2dbc.getPassword() != null) {
      builder.password(r2dbc.getPassword());
    }
    R2dbcProperties.Pool pool = r2dbc.getPool();
    builder.poolSize(pool.getMaxSize());
    if (pool.getMaxIdleTime() != null) {
      builder.maxIdleTime(pool.getMaxIdleTime());
    }
    Duration acquireTimeout = properties.getAcquireTimeout() != null
        ? properties.getAcquireTimeout() : pool.getMaxAcquireTime();
    if (acquireTimeout != null) {
      builder.acquireTimeout(acquireTimeout);
    }
    List<StatementListener> heard = listeners.orderedStream().toList();
    if (heard.size() == 1) {
      builder.listener(heard.get(0));
    } else if (!heard.isEmpty()) {
      builder.listener(event -> heard.forEach(listener -> listener.onStatement(event)));
    }
    customizers.orderedStream().forEach(customizer -> customizer.customize(builder));
    Orm orm = builder.build();
    LOG.info("reactive-orm on {} ({}): {} entities from {}", orm.dialect().name(),
        redacted(url), entities.size(), packages);
    if (properties.getSchema().isCreate()) {
      try {
        // at startup, on the thread that builds the context: not a reactive thread
        orm.schema().create().block(SCHEMA_TIMEOUT);
      } catch (RuntimeException e) {
        orm.close();
        throw e;
      }
    }
    return orm;
  }

  /**
   * The {@code Orm}'s pool, for the tools that look for a ConnectionFactory bean; its lifecycle
   * is the {@code Orm}'s.
   */
  @Bean(destroyMethod = "")
  @ConditionalOnMissingBean(ConnectionFactory.class)
  public ConnectionFactory reactiveOrmConnectionFactory(Orm orm) {
    return orm.connectionFactory();
  }

  /** Registered with Spring Boot's ObjectMapper, as every Jackson Module bean is. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(ObjectMapper.class)
  static class JacksonConfiguration {

    @Bean
    @ConditionalOnMissingBean
    ReactiveOrmJacksonModule reactiveOrmJacksonModule() {
      return new ReactiveOrmJacksonModule();
    }
  }

  static List<String> entityPackages(ReactiveOrmProperties properties, BeanFactory beanFactory) {
    if (!properties.getEntityPackages().isEmpty()) {
      return List.copyOf(properties.getEntityPackages());
    }
    List<String> scanned = EntityScanPackages.get(beanFactory).getPackageNames();
    if (!scanned.isEmpty()) {
      return scanned;
    }
    if (AutoConfigurationPackages.has(beanFactory)) {
      return AutoConfigurationPackages.get(beanFactory);
    }
    throw new IllegalStateException("reactive-orm does not know where your entities are: set"
        + " reactive-orm.entity-packages, or use @SpringBootApplication or @EntityScan");
  }

  static List<Class<?>> scan(List<String> packages, Environment environment,
      ResourceLoader resourceLoader) {
    ClassPathScanningCandidateComponentProvider scanner =
        new ClassPathScanningCandidateComponentProvider(false, environment);
    scanner.setResourceLoader(resourceLoader);
    scanner.addIncludeFilter(new AnnotationTypeFilter(Entity.class));
    Set<Class<?>> found = new LinkedHashSet<>();
    for (String basePackage : packages) {
      for (var candidate : scanner.findCandidateComponents(basePackage)) {
        try {
          found.add(ClassUtils.forName(candidate.getBeanClassName(),
              resourceLoader.getClassLoader()));
        } catch (ClassNotFoundException e) {
          throw new IllegalStateException("Cannot load entity " + candidate.getBeanClassName(),
              e);
        }
      }
    }
    List<Class<?>> sorted = new ArrayList<>(found);
    sorted.sort(Comparator.comparing(Class::getName));
    return sorted;
  }

  /** The builder checks the same, but names its method; a Spring user set a property. */
  private static int atLeast(int least, int value, String property) {
    if (value < least) {
      throw new IllegalStateException("reactive-orm." + property + " must be at least " + least
          + ", was " + value);
    }
    return value;
  }

  /** {@code spring.r2dbc.url}, or an embedded H2 database when the H2 driver is present. */
  static String url(R2dbcProperties r2dbc) {
    if (StringUtils.hasText(r2dbc.getUrl())) {
      return r2dbc.getUrl().trim();
    }
    if (ClassUtils.isPresent("io.r2dbc.h2.H2ConnectionFactoryProvider",
        ReactiveOrmAutoConfiguration.class.getClassLoader())) {
      String name = StringUtils.hasText(r2dbc.getName()) && !r2dbc.isGenerateUniqueName()
          ? r2dbc.getName() : "reactive-orm-" + UUID.randomUUID();
      return "r2dbc:h2:mem:///" + name;
    }
    throw new IllegalStateException("reactive-orm needs a database: set spring.r2dbc.url, e.g."
        + " r2dbc:postgresql://localhost:5432/app (or add r2dbc-h2 for an embedded database)");
  }

  static String redacted(String url) {
    return url.replaceAll("//([^:/@]+):[^@/]*@", "//$1:***@")
        .replaceAll("(?i)(password=)[^&]*", "$1***");
  }
}
