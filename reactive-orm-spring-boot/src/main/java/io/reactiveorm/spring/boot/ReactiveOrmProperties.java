package io.reactiveorm.spring.boot;

import io.reactiveorm.NPlusOneMode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * reactive-orm's own settings, under {@code reactive-orm.*}. The database itself is configured
 * with Spring's {@code spring.r2dbc.url}, {@code spring.r2dbc.username}, {@code
 * spring.r2dbc.password} and {@code spring.r2dbc.pool.*}.
 *
 * <pre>
 * reactive-orm.entity-packages=com.example.blog.model   # default: the application's package
 * reactive-orm.schema.create=true                       # create missing tables at startup
 * reactive-orm.relation-chunk-size=500                  # at most 500 keys per relation load
 * </pre>
 */
@ConfigurationProperties(prefix = "reactive-orm")
public class ReactiveOrmProperties {

  /**
   * Packages scanned, with their sub-packages, for {@code @Entity} classes. Empty by default:
   * then the packages of {@code @EntityScan}, else the package of the
   * {@code @SpringBootApplication} class.
   */
  private List<String> entityPackages = new ArrayList<>();

  /**
   * What a session does when a relation is loaded one row at a time: {@code WARN} (log once per
   * session, the default), {@code STRICT} (fail) or {@code OFF}.
   */
  private NPlusOneMode nPlusOne = NPlusOneMode.WARN;

  /**
   * How long to wait for a free connection; default {@code spring.r2dbc.pool.max-acquire-time},
   * else 5 seconds.
   */
  private Duration acquireTimeout;

  /** Logs bound values with the SQL at debug level (values may be secrets). */
  private boolean logBindValues;

  /**
   * Whether finds by id that wait for a connection at the same time share one statement
   * (default {@code true}; see {@code Orm.Builder.coalesceFinds}).
   */
  private boolean coalesceFinds = true;

  /**
   * Rows fetched per round trip by {@code Query.stream()}; 0 reads each result whole. Unset:
   * the library's default (1000).
   */
  private Integer fetchSize;

  /**
   * The most keys one relation-loading statement carries; larger key sets are split. Unset: the
   * library's default (1000).
   */
  private Integer relationChunkSize;

  private final Schema schema = new Schema();

  public List<String> getEntityPackages() {
    return entityPackages;
  }

  public void setEntityPackages(List<String> entityPackages) {
    this.entityPackages = entityPackages;
  }

  public NPlusOneMode getNPlusOne() {
    return nPlusOne;
  }

  public void setNPlusOne(NPlusOneMode nPlusOne) {
    this.nPlusOne = nPlusOne;
  }

  public Duration getAcquireTimeout() {
    return acquireTimeout;
  }

  public void setAcquireTimeout(Duration acquireTimeout) {
    this.acquireTimeout = acquireTimeout;
  }

  public boolean isLogBindValues() {
    return logBindValues;
  }

  public void setLogBindValues(boolean logBindValues) {
    this.logBindValues = logBindValues;
  }

  public boolean isCoalesceFinds() {
    return coalesceFinds;
  }

  public void setCoalesceFinds(boolean coalesceFinds) {
    this.coalesceFinds = coalesceFinds;
  }

  public Integer getFetchSize() {
    return fetchSize;
  }

  public void setFetchSize(Integer fetchSize) {
    this.fetchSize = fetchSize;
  }

  public Integer getRelationChunkSize() {
    return relationChunkSize;
  }

  public void setRelationChunkSize(Integer relationChunkSize) {
    this.relationChunkSize = relationChunkSize;
  }

  public Schema getSchema() {
    return schema;
  }

  /** {@code reactive-orm.schema.*}. */
  public static class Schema {

    /**
     * Creates the missing tables (and their constraints and indexes) of the entities at startup;
     * existing tables are left as they are. Off by default: production schemas belong to
     * migrations ({@code orm.schema().createStatements()} gives the DDL).
     */
    private boolean create;

    public boolean isCreate() {
      return create;
    }

    public void setCreate(boolean create) {
      this.create = create;
    }
  }
}
