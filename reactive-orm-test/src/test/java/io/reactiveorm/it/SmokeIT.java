package io.reactiveorm.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.reactiveorm.AsyncSession;
import io.reactiveorm.test.EveryDatabase;
import io.reactiveorm.test.OrmTest;
import io.reactiveorm.test.StatementAssert;
import io.reactiveorm.test.StatementRecorder;
import java.util.ArrayList;
import java.util.List;
import reactor.test.StepVerifier;

@OrmTest(entities = Person.class)
class SmokeIT {

  @EveryDatabase
  void insertFindQueryBulk(AsyncSession session, StatementRecorder statements) {
    Person ada = new Person("Ada", "ada@example.com", 36);
    session.insert(ada).as(StepVerifier::create).expectNextCount(1).verifyComplete();
    assertThat(ada.id).isNotNull();
    session.find(Person.class, ada.id).map(Person::getName).as(StepVerifier::create)
        .expectNext("Ada").verifyComplete();
    List<Person> many = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      many.add(new Person("p" + i, "p" + i + "@x.org", i % 90));
    }
    statements.reset();
    session.insertAll(many).as(StepVerifier::create).expectNextCount(1000).verifyComplete();
    System.out.println(statements.sql());
    assertThat(many).allMatch(p -> p.id != null);
    assertThat(many.stream().map(p -> p.id).distinct().count()).isEqualTo(1000);
    session.query(Person.class).where(Person_.age.ge(80)).count().as(StepVerifier::create)
        .expectNext(many.stream().filter(p -> p.age >= 80).count()).verifyComplete();
    ada.age = 37;
    session.update(ada).then(session.get(Person.class, ada.id)).map(Person::getAge)
        .as(StepVerifier::create).expectNext(37).verifyComplete();
    for (Person p : many) { p.age = p.age + 1; }
    statements.reset();
    session.updateAll(many).as(StepVerifier::create).expectNext(1000L).verifyComplete();
    System.out.println(statements.sql());
    session.deleteAll(many).as(StepVerifier::create).expectNext(1000L).verifyComplete();
    session.query(Person.class).count().as(StepVerifier::create).expectNext(1L).verifyComplete();
  }
}
