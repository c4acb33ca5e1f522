package io.reactiveorm.it.crud;

import static org.assertj.core.api.Assertions.assertThat;

import io.reactiveorm.AsyncSession;
import io.reactiveorm.Orm;
import io.reactiveorm.query.Condition;
import io.reactiveorm.test.EveryDatabase;
import io.reactiveorm.test.OrmTest;
import io.reactiveorm.test.StatementAssert;
import io.reactiveorm.test.StatementRecorder;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import reactor.test.StepVerifier;

/**
 * Every supported field type survives a round trip, as a value and as null. Rows are read back
 * through a fresh session, so that the instance the writing session holds cannot stand in for them.
 */
@OrmTest(entities = CrudAllTypes.class)
class TypesIT {

  private static final UUID REFERENCE = UUID.fromString("3f2b8c1e-9d4a-4e6f-b7a2-1c5d8e9f0a3b");

  /** Every field set, with values near the edges of their types; times at microseconds. */
  private static CrudAllTypes everyFieldSet() {
    CrudAllTypes row = new CrudAllTypes();
    row.text = "Grüße, 世界! it's \"quoted\"";
    row.intValue = Integer.MIN_VALUE;
    row.boxedInt = Integer.MAX_VALUE;
    row.longValue = Long.MIN_VALUE;
    row.boxedLong = Long.MAX_VALUE;
    row.shortValue = Short.MIN_VALUE;
    row.boxedShort = Short.MAX_VALUE;
    row.byteValue = Byte.MIN_VALUE;
    row.boxedByte = Byte.MAX_VALUE;
    row.flag = true;
    row.boxedFlag = false;
    row.doubleValue = 2.718281828459045;
    row.boxedDouble = -1.0e-300;
    row.floatValue = 3.25f;
    row.boxedFloat = -0.5f;
    row.amount = new BigDecimal("1234567890.12");
    row.birthDate = LocalDate.of(1815, 12, 10);
    row.alarmTime = LocalTime.of(23, 59, 58, 123_456_000);
    row.createdAt = LocalDateTime.of(2024, 2, 29, 13, 14, 15, 654_321_000);
    row.scheduledAt = OffsetDateTime.of(2024, 7, 1, 9, 30, 0, 111_222_000, ZoneOffset.ofHours(2));
    row.happenedAt = Instant.parse("2023-10-01T12:34:56.789012Z");
    row.reference = REFERENCE;
    row.payload = new byte[] {0, 1, 2, (byte) 0xFF, (byte) 0x80, 127, 0};
    row.color = Color.GREEN;
    row.priority = Priority.HIGH;
    row.settings = "{\"sizes\": [1, 2], \"theme\": \"dark\"}";
    row.price = new Money("EUR", 12_345);
    return row;
  }

  /** Only the primitives set: every other field is null. */
  private static CrudAllTypes nullableFieldsNull() {
    CrudAllTypes row = new CrudAllTypes();
    row.intValue = 7;
    row.longValue = 8;
    row.shortValue = 9;
    row.byteValue = 10;
    row.doubleValue = 11.5;
    row.floatValue = 12.5f;
    return row;
  }

  @EveryDatabase
  void everyTypeRoundTrips(AsyncSession session, Orm orm) {
    CrudAllTypes written = everyFieldSet();
    session.insert(written).as(StepVerifier::create).expectNextCount(1).verifyComplete();

    orm.session().get(CrudAllTypes.class, written.id).as(StepVerifier::create)
        .assertNext(read -> assertSameValues(read, written))
        .verifyComplete();
  }

  @EveryDatabase
  void readValuesOfEveryTypeAreNoChangeButABytesArrayChangedInPlaceIs(AsyncSession session,
      Orm orm, StatementRecorder statements) {
    CrudAllTypes written = everyFieldSet();
    session.insert(written).as(StepVerifier::create).expectNextCount(1).verifyComplete();
    AsyncSession reader = orm.session();
    // a list() read takes the snapshot as the row is read: enums, converted and JSON values,
    // times and numbers must all compare equal to what the entity holds afterwards
    CrudAllTypes read = reader.query(CrudAllTypes.class).where(CrudAllTypes_.id.eq(written.id))
        .list().blockLast(Duration.ofSeconds(10));
    statements.reset();
    reader.flush().as(StepVerifier::create).verifyComplete();
    StatementAssert.assertThat(statements).hasStatementCount(0);

    read.payload[0] = 42;
    reader.flush().as(StepVerifier::create).verifyComplete();
    StatementAssert.assertThat(statements).hasStatementCount(1);
    orm.session().get(CrudAllTypes.class, written.id).as(StepVerifier::create)
        .assertNext(fresh -> assertThat(fresh.payload[0]).isEqualTo((byte) 42))
        .verifyComplete();
  }

  @EveryDatabase
  void nullsRoundTrip(AsyncSession session, Orm orm) {
    CrudAllTypes written = nullableFieldsNull();
    session.insert(written).as(StepVerifier::create).expectNextCount(1).verifyComplete();

    orm.session().get(CrudAllTypes.class, written.id).as(StepVerifier::create)
        .assertNext(read -> assertSameValues(read, written))
        .verifyComplete();
  }

  @EveryDatabase
  void updateWritesEveryTypeAndNullsOut(AsyncSession session, Orm orm) {
    CrudAllTypes row = everyFieldSet();
    orm.session().insert(row).as(StepVerifier::create).expectNextCount(1).verifyComplete();
    CrudAllTypes cleared = nullableFieldsNull();
    cleared.id = row.id;

    session.update(cleared).then(orm.session().get(CrudAllTypes.class, row.id))
        .as(StepVerifier::create)
        .assertNext(read -> assertSameValues(read, cleared))
        .verifyComplete();
  }

  @EveryDatabase
  void queriesByEnumUuidAndConvertedValues(AsyncSession session) {
    CrudAllTypes green = everyFieldSet();
    CrudAllTypes other = nullableFieldsNull();
    other.reference = UUID.randomUUID();
    other.color = Color.BLUE;
    other.priority = Priority.LOW;
    other.price = new Money("USD", 1);
    session.insertAll(List.of(green, other)).as(StepVerifier::create).expectNextCount(2)
        .verifyComplete();

    assertSingleMatch(session, CrudAllTypes_.color.eq(Color.GREEN), green);
    assertSingleMatch(session, CrudAllTypes_.color.in(Color.RED, Color.BLUE), other);
    assertSingleMatch(session, CrudAllTypes_.priority.eq(Priority.HIGH), green);
    assertSingleMatch(session, CrudAllTypes_.priority.ne(Priority.HIGH), other);
    assertSingleMatch(session, CrudAllTypes_.reference.eq(REFERENCE), green);
    assertSingleMatch(session, CrudAllTypes_.reference.in(List.of(other.reference)), other);
    assertSingleMatch(session, CrudAllTypes_.price.eq(new Money("EUR", 12_345)), green);
    assertSingleMatch(session, CrudAllTypes_.happenedAt.eq(green.happenedAt), green);
    assertSingleMatch(session,
        CrudAllTypes_.scheduledAt.eq(green.scheduledAt.withOffsetSameInstant(ZoneOffset.UTC)),
        green);
    assertSingleMatch(session, CrudAllTypes_.createdAt.lt(LocalDateTime.of(2025, 1, 1, 0, 0))
        .and(CrudAllTypes_.flag.eq(true)), green);
    assertSingleMatch(session, CrudAllTypes_.payload.isNull(), other);
    assertSingleMatch(session, CrudAllTypes_.settings.isNotNull(), green);

    session.query(CrudAllTypes.class).filter("color", "eq", "BLUE")
        .filter("reference", "eq", other.reference.toString()).count().as(StepVerifier::create)
        .expectNext(1L).verifyComplete();
  }

  @EveryDatabase
  void handWrittenSqlBindsAndMapsEveryType(AsyncSession session, Orm orm) {
    CrudAllTypes written = everyFieldSet();
    orm.session().insertAll(List.of(written, nullableFieldsNull())).as(StepVerifier::create)
        .expectNextCount(2).verifyComplete();

    session.sql("SELECT * FROM crud_all_types WHERE reference = :reference AND color = :color"
            + " AND happened_at = :happened AND scheduled_at = :scheduled"
            + " AND birth_date = :birth AND alarm_time = :alarm AND created_at = :created")
        .bind("reference", REFERENCE)
        .bind("color", Color.GREEN)
        .bind("happened", written.happenedAt)
        .bind("scheduled", written.scheduledAt)
        .bind("birth", written.birthDate)
        .bind("alarm", written.alarmTime)
        .bind("created", written.createdAt)
        .mapTo(CrudAllTypes.class).as(StepVerifier::create)
        .assertNext(read -> assertSameValues(read, written))
        .verifyComplete();
  }

  // ---- helpers ----

  private static void assertSingleMatch(AsyncSession session, Condition condition,
      CrudAllTypes expected) {
    session.query(CrudAllTypes.class).where(condition).list().map(row -> row.id)
        .collectList().as(StepVerifier::create)
        .expectNext(List.of(expected.id)).verifyComplete();
  }

  /**
   * Field by field, nulls included: numbers, text and bytes exactly, decimals by value, instants on the time line
   * (MariaDB keeps OffsetDateTime in UTC), JSON ignoring whitespace (PostgreSQL's jsonb
   * normalizes it).
   */
  private static void assertSameValues(CrudAllTypes read, CrudAllTypes written) {
    assertThat(read).usingRecursiveComparison()
        .ignoringFields("amount", "scheduledAt", "settings")
        // exact: AssertJ would otherwise allow a tolerance
        .withComparatorForType(Double::compare, Double.class)
        .withComparatorForType(Float::compare, Float.class)
        .isEqualTo(written);
    if (written.amount == null) {
      assertThat(read.amount).isNull();
    } else {
      assertThat(read.amount).isEqualByComparingTo(written.amount);
    }
    if (written.scheduledAt == null) {
      assertThat(read.scheduledAt).isNull();
    } else {
      assertThat(read.scheduledAt).isAtSameInstantAs(written.scheduledAt);
    }
    assertThat(withoutWhitespace(read.settings)).isEqualTo(withoutWhitespace(written.settings));
  }

  private static String withoutWhitespace(String json) {
    return json == null ? null : json.replaceAll("\\s", "");
  }
}
