package io.reactiveorm.it.crud;

import io.reactiveorm.annotation.Json;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.UUID;

/** One field of every type reactive-orm maps; everything but the primitives may be null. */
@Entity
@Table(name = "crud_all_types")
class CrudAllTypes {

  @Id @GeneratedValue Long id;

  String text;
  int intValue;
  Integer boxedInt;
  long longValue;
  Long boxedLong;
  short shortValue;
  Short boxedShort;
  byte byteValue;
  Byte boxedByte;
  boolean flag;
  Boolean boxedFlag;
  double doubleValue;
  Double boxedDouble;
  float floatValue;
  Float boxedFloat;
  @Column(precision = 12, scale = 2) BigDecimal amount;
  LocalDate birthDate;
  LocalTime alarmTime;
  LocalDateTime createdAt;
  OffsetDateTime scheduledAt;
  Instant happenedAt;
  UUID reference;
  byte[] payload;
  Color color;
  @Enumerated(EnumType.ORDINAL) Priority priority;
  @Json String settings;
  @Convert(converter = MoneyConverter.class) Money price;

  CrudAllTypes() {}
}
