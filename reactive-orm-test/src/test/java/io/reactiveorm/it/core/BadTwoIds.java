package io.reactiveorm.it.core;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A bad model for MappingIT: two @Id fields (a composite key). */
@Entity
@Table(name = "core_bad_two_ids")
public class BadTwoIds {
  @Id Long tenantId;
  @Id Long userId;

  BadTwoIds() {}
}
