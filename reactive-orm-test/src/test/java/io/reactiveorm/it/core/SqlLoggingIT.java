package io.reactiveorm.it.core;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.reactiveorm.AsyncSession;
import io.reactiveorm.Orm;
import io.reactiveorm.test.EveryDatabase;
import io.reactiveorm.test.OrmTest;
import io.reactiveorm.test.TestDatabase;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.slf4j.LoggerFactory;
import reactor.test.StepVerifier;

/**
 * Every statement is logged through SLF4J at DEBUG on {@code io.reactiveorm.sql} with its
 * duration; the bound values only with {@code logBindValues(true)}. The log is read from a
 * logback appender attached to that logger for the test.
 */
@OrmTest(entities = CoreLoggedUser.class)
class SqlLoggingIT {

  private static final Duration TIMEOUT = Duration.ofSeconds(30);
  private static final String SQL_LOGGER = "io.reactiveorm.sql";
  /** "[0.42 ms, 1 rows] INSERT ...": H2 wraps the INSERT in a SELECT, hence ".*" after it. */
  private static final String TIMED = "^\\[\\d+[.,]\\d{2} ms, 1 rows\\] ";

  @EveryDatabase
  void statementsAreLoggedAtDebugWithTheirDurationButWithoutBoundValues(AsyncSession session) {
    String email = uniqueEmail();
    List<ILoggingEvent> log = capture(Level.DEBUG, () -> insertAndFind(session, email));

    assertThat(log).allSatisfy(event -> {
      assertThat(event.getLoggerName()).isEqualTo(SQL_LOGGER);
      assertThat(event.getLevel()).isEqualTo(Level.DEBUG);
    });
    assertThat(messages(log)).as("the INSERT and the SELECT, each timed")
        .anySatisfy(message -> assertThat(message).containsPattern(TIMED + ".*INSERT INTO ")
            .contains("core_logged_users"))
        .anySatisfy(message -> assertThat(message).containsPattern(TIMED + "SELECT ")
            .contains("core_logged_users"));
    assertThat(log).allSatisfy(event -> {
      assertThat(event.getFormattedMessage()).doesNotContain(email);
      assertThat(Arrays.deepToString(event.getArgumentArray())).doesNotContain(email);
    });
  }

  @EveryDatabase
  void nothingIsLoggedWhenTheSqlLoggerIsAboveDebug(AsyncSession session) {
    List<ILoggingEvent> log = capture(Level.INFO, () -> insertAndFind(session, uniqueEmail()));

    assertThat(log).isEmpty();
  }

  @EveryDatabase
  void logBindValuesPutsTheBoundValuesInTheLog(TestDatabase database) {
    String email = uniqueEmail();
    List<ILoggingEvent> log;
    // a second Orm on the same database and tables, logging bound values
    try (Orm orm = Orm.builder().url(database.url()).entities(CoreLoggedUser.class)
        .logBindValues(true).build()) {
      log = capture(Level.DEBUG, () -> insertAndFind(orm.session(), email));
    }

    assertThat(messages(log)).as("the INSERT and the SELECT, each timed, with the value")
        .anySatisfy(message -> assertThat(message).containsPattern(TIMED + ".*INSERT INTO ")
            .contains(email))
        .anySatisfy(message -> assertThat(message).containsPattern(TIMED + "SELECT ")
            .contains(email));
  }

  @EveryDatabase
  void readsOfOneRowRunToTheirEndAndAreNotLoggedAsCancelled(AsyncSession session) {
    CoreLoggedUser user = new CoreLoggedUser(uniqueEmail());
    StepVerifier.create(session.insert(user)).expectNextCount(1).verifyComplete();

    List<ILoggingEvent> log = capture(Level.DEBUG, () -> {
      StepVerifier.create(session.refresh(user)).expectNextCount(1).verifyComplete();
      StepVerifier.create(session.query(CoreLoggedUser.class).first()).expectNextCount(1)
          .verifyComplete();
    });

    assertThat(log).map(ILoggingEvent::getFormattedMessage).hasSize(2)
        .allSatisfy(message -> assertThat(message).containsPattern(TIMED + "SELECT ")
            .doesNotContain("cancelled"));
  }

  /** An INSERT binding the email, then a SELECT that finds the row by it. */
  private static void insertAndFind(AsyncSession session, String email) {
    StepVerifier.create(session.insert(new CoreLoggedUser(email))).expectNextCount(1)
        .verifyComplete();
    StepVerifier.create(session.query(CoreLoggedUser.class)
            .where(CoreLoggedUser_.email.eq(email)).list().map(user -> user.email))
        .expectNext(email).verifyComplete();
  }

  /**
   * What {@code work} logs on the SQL logger, set to {@code level} meanwhile. The logger is kept
   * from passing the events on to the console; its level and additivity are restored after.
   */
  private static List<ILoggingEvent> capture(Level level, Runnable work) {
    Logger logger = (Logger) LoggerFactory.getLogger(SQL_LOGGER);
    Level previousLevel = logger.getLevel();
    boolean previousAdditive = logger.isAdditive();
    ListAppender<ILoggingEvent> appender = new ListAppender<>();
    appender.start();
    logger.addAppender(appender);
    logger.setLevel(level);
    logger.setAdditive(false);
    try {
      work.run();
    } finally {
      logger.detachAppender(appender);
      logger.setLevel(previousLevel);
      logger.setAdditive(previousAdditive);
      appender.stop();
    }
    synchronized (appender.list) {
      return List.copyOf(appender.list);
    }
  }

  private static List<String> messages(List<ILoggingEvent> log) {
    return log.stream().map(ILoggingEvent::getFormattedMessage).toList();
  }

  private static String uniqueEmail() {
    return "log-" + UUID.randomUUID() + "@example.com";
  }
}
