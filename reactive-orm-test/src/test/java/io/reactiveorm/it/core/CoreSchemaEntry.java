package io.reactiveorm.it.core;

import io.reactiveorm.relation.Ref;
import io.reactiveorm.relation.RefList;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.ManyToMany;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

/**
 * Every kind of schema object {@code Schema.create()} makes: a unique constraint, a named index,
 * an unnamed unique index over two columns, a foreign key with its index and a join table.
 */
@Entity
@Table(name = "core_schema_entries", indexes = {
    @Index(name = "ix_core_schema_entries_by_label", columnList = "label"),
    @Index(columnList = "region, label", unique = true)})
public class CoreSchemaEntry {

  @Id @GeneratedValue Long id;
  @Column(unique = true, length = 100) String email;
  @Column(length = 20) String region;
  @Column(length = 50) String label;
  @ManyToOne Ref<CoreSchemaOwner> owner = Ref.empty();
  @ManyToMany RefList<CoreSchemaOwner> watchers = RefList.empty();

  CoreSchemaEntry() {}

  CoreSchemaEntry(String email, String region, String label, CoreSchemaOwner owner) {
    this.email = email;
    this.region = region;
    this.label = label;
    this.owner.set(owner);
  }
}
