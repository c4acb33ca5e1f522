package io.reactiveorm.it.relations;

import static org.assertj.core.api.Assertions.assertThat;

import io.reactiveorm.AsyncSession;
import io.reactiveorm.Orm;
import io.reactiveorm.test.EveryDatabase;
import io.reactiveorm.test.OrmTest;
import io.reactiveorm.test.StatementAssert;
import io.reactiveorm.test.StatementRecorder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import reactor.test.StepVerifier;

/**
 * One-to-one from both sides: the owning {@code @OneToOne Ref} (a unique foreign key) and the
 * inverse {@code @OneToOne(mappedBy)} Ref (no column; found through the other table), eager and
 * lazy, two statements each. 20 passports, 15 of them held by a profile; 3 profiles hold none.
 */
@OrmTest(entities = {Role.class, Member.class, Article.class, Tag.class, Profile.class,
    Passport.class})
class OneToOneIT {

  private static final int PASSPORTS = 20;
  private static final int HELD = 15;
  private static final int WITHOUT_PASSPORT = 3;

  @EveryDatabase
  void owningSideEagerAndLazyInTwoStatements(Orm orm, StatementRecorder statements) {
    Map<Long, Long> passportOfProfile = seed(orm);

    statements.reset();
    orm.withSessionMany(s -> s.query(Profile.class).with(Profile_.passport).list())
        .collectList()
        .as(StepVerifier::create)
        .assertNext(profiles -> {
          assertThat(profiles).hasSize(HELD + WITHOUT_PASSPORT);
          for (Profile profile : profiles) {
            Passport passport = profile.passport.get();
            assertThat(passport == null ? null : passport.id).as("passport of %d", profile.id)
                .isEqualTo(passportOfProfile.get(profile.id));
          }
        })
        .verifyComplete();
    StatementAssert.assertThat(statements).hasStatementCount(2);

    statements.reset();
    orm.withSessionMany(s -> s.query(Profile.class).list()
            .flatMap(profile -> profile.passport.load()
                .map(passport -> Map.entry(profile.id, passport.id))))
        .collectMap(Map.Entry::getKey, Map.Entry::getValue)
        .as(StepVerifier::create)
        .assertNext(loaded -> assertThat(loaded).hasSize(HELD)
            .isEqualTo(withoutNulls(passportOfProfile)))
        .verifyComplete();
    StatementAssert.assertThat(statements).hasStatementCount(2);
  }

  @EveryDatabase
  void inverseSideEagerAndLazyInTwoStatements(Orm orm, StatementRecorder statements) {
    Map<Long, Long> passportOfProfile = seed(orm);
    Map<Long, Long> profileOfPassport = new HashMap<>();
    passportOfProfile.forEach((profile, passport) -> {
      if (passport != null) {
        profileOfPassport.put(passport, profile);
      }
    });

    statements.reset();
    orm.withSessionMany(s -> s.query(Passport.class).with(Passport_.profile).list())
        .collectList()
        .as(StepVerifier::create)
        .assertNext(passports -> {
          assertThat(passports).hasSize(PASSPORTS);
          for (Passport passport : passports) {
            Profile profile = passport.profile.get();
            assertThat(profile == null ? null : profile.id).as("profile of %d", passport.id)
                .isEqualTo(profileOfPassport.get(passport.id));
          }
          assertThat(passports).filteredOn(p -> p.profile.get() == null)
              .hasSize(PASSPORTS - HELD);
        })
        .verifyComplete();
    StatementAssert.assertThat(statements).hasStatementCount(2);

    statements.reset();
    orm.withSessionMany(s -> s.query(Passport.class).list()
            .concatMap(passport -> passport.profile.load()
                .map(profile -> Map.entry(passport.id, profile.id))))
        .collectMap(Map.Entry::getKey, Map.Entry::getValue)
        .as(StepVerifier::create)
        .assertNext(loaded -> assertThat(loaded).isEqualTo(profileOfPassport))
        .verifyComplete();
    StatementAssert.assertThat(statements).hasStatementCount(2);
  }

  /** Both directions in one session: one instance per row, each side pointing at the other. */
  @EveryDatabase
  void bothSidesInOneSessionMeetTheSameInstances(Orm orm, StatementRecorder statements) {
    seed(orm);

    statements.reset();
    orm.withSession(s -> s.query(Profile.class).with(Profile_.passport).list().collectList()
            .flatMap(profiles -> s.query(Passport.class).with(Passport_.profile).list()
                .collectList()
                .map(passports -> {
                  for (Passport passport : passports) {
                    Profile holder = passport.profile.get();
                    if (holder != null) {
                      assertThat(profiles).anyMatch(p -> p == holder);
                      assertThat(holder.passport.get()).isSameAs(passport);
                    }
                  }
                  return passports.size();
                })))
        .as(StepVerifier::create)
        .expectNext(PASSPORTS)
        .verifyComplete();
    StatementAssert.assertThat(statements).hasStatementCount(4);
  }

  /** Profile id to passport id (null for a profile without one), read back with plain SQL. */
  private static Map<Long, Long> seed(Orm orm) {
    List<Passport> passports = new ArrayList<>();
    for (int i = 0; i < PASSPORTS; i++) {
      passports.add(new Passport("P-" + i));
    }
    List<Profile> profiles = new ArrayList<>();
    for (int i = 0; i < HELD + WITHOUT_PASSPORT; i++) {
      // held passports are spread out: 0, 1, 2, 4, 5, 6, 8, … so that ids differ from positions
      profiles.add(new Profile("profile-" + i, i < HELD ? passports.get(i + i / 3) : null));
    }
    orm.withSessionMany(s -> s.insertAll(passports).thenMany(s.insertAll(profiles)))
        .blockLast(RelationData.TIMEOUT);
    AsyncSession session = orm.session();
    Map<Long, Long> stored = new HashMap<>();
    for (List<Long> row : RelationData.pairs(session,
        "SELECT id, passport_id FROM rel_profiles")) {
      stored.put(row.get(0), row.get(1));
    }
    assertThat(stored).hasSize(HELD + WITHOUT_PASSPORT);
    return stored;
  }

  private static Map<Long, Long> withoutNulls(Map<Long, Long> map) {
    Map<Long, Long> copy = new HashMap<>();
    map.forEach((k, v) -> {
      if (v != null) {
        copy.put(k, v);
      }
    });
    return copy;
  }
}
