package io.reactiveorm.it.relations;

import io.reactiveorm.relation.RefList;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.OneToMany;
import jakarta.persistence.Table;

@Entity
@Table(name = "rel_roles")
public class Role {
  @Id @GeneratedValue Long id;
  String name;
  @OneToMany(mappedBy = "role") RefList<Member> members = RefList.empty();

  protected Role() {}

  public Role(String name) {
    this.name = name;
  }
}
