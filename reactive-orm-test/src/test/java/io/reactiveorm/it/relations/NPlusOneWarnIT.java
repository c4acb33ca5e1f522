package io.reactiveorm.it.relations;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.reactiveorm.Orm;
import io.reactiveorm.it.relations.RelationData.Graph;
import io.reactiveorm.test.EveryDatabase;
import io.reactiveorm.test.OrmTest;
import io.reactiveorm.test.StatementAssert;
import io.reactiveorm.test.StatementRecorder;
import java.util.List;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

/** The N+1 detector in warning mode: the same row-by-row loop completes, with one warning. */
@OrmTest(entities = {Role.class, Member.class, Article.class, Tag.class, Profile.class,
    Passport.class}, strictNPlusOne = false)
class NPlusOneWarnIT {

  @EveryDatabase
  void rowByRowLoadsOnlyWarn(Orm orm, StatementRecorder statements) {
    Graph graph = RelationData.seed(orm, 6, 6, 0, 0);
    List<Long> ids = graph.members().stream().map(m -> m.id).toList();
    Logger logger = (Logger) LoggerFactory.getLogger("io.reactiveorm.nplusone");
    ListAppender<ILoggingEvent> warnings = new ListAppender<>();
    warnings.start();
    logger.addAppender(warnings);
    try {
      statements.reset();
      orm.withSessionMany(s -> Flux.fromIterable(ids)
              .concatMap(id -> s.find(Member.class, id).flatMap(m -> m.role.load())))
          .map(role -> role.name)
          .collectList()
          .as(StepVerifier::create)
          .assertNext(names -> assertThat(names).containsExactly("role-0", "role-1", "role-2",
              "role-3", "role-4", "role-5"))
          .verifyComplete();
      StatementAssert.assertThat(statements).hasStatementCount(6 + 6);
    } finally {
      logger.detachAppender(warnings);
    }
    assertThat(warnings.list).hasSize(1);
    assertThat(warnings.list.get(0).getFormattedMessage())
        .contains("relation Member.role")
        .contains(NPlusOneWarnIT.class.getName());
  }
}
