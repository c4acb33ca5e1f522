package io.reactiveorm.it.core;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A bad model for MappingIT: a record annotated as an entity. */
@Entity
@Table(name = "core_bad_record_entity")
public record BadRecordEntity(@Id Long id, String name) {}
