package io.reactiveorm.it.relations;

import io.reactiveorm.relation.Ref;
import io.reactiveorm.relation.RefList;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.OneToMany;
import jakarta.persistence.Table;

@Entity
@Table(name = "rel_members")
public class Member {
  @Id @GeneratedValue Long id;
  String name;
  @ManyToOne Ref<Role> role = Ref.empty();
  @OneToMany(mappedBy = "author") RefList<Article> articles = RefList.empty();

  protected Member() {}

  public Member(String name, Role role) {
    this.name = name;
    this.role.set(role);
  }
}
