package io.reactiveorm.it.core;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A row for streaming tests: an assigned id and a payload of about a hundred characters. */
@Entity
@Table(name = "core_stream_rows")
public class CoreStreamRow {

  @Id Long id;
  @Column(nullable = false, length = 200) String payload;

  CoreStreamRow() {}

  CoreStreamRow(Long id, String payload) {
    this.id = id;
    this.payload = payload;
  }
}
