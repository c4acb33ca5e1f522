package io.reactiveorm.it.relations;

import io.reactiveorm.relation.RefList;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.ManyToMany;
import jakarta.persistence.Table;

@Entity
@Table(name = "rel_tags")
public class Tag {
  @Id @GeneratedValue Long id;
  String label;
  @ManyToMany(mappedBy = "tags") RefList<Article> articles = RefList.empty();

  protected Tag() {}

  public Tag(String label) {
    this.label = label;
  }
}
