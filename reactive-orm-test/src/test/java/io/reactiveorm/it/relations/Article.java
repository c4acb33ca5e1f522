package io.reactiveorm.it.relations;

import io.reactiveorm.relation.Ref;
import io.reactiveorm.relation.RefList;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.ManyToMany;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

@Entity
@Table(name = "rel_articles")
public class Article {
  @Id @GeneratedValue Long id;
  String title;
  @ManyToOne Ref<Member> author = Ref.empty();
  @ManyToMany RefList<Tag> tags = RefList.empty();

  protected Article() {}

  public Article(String title, Member author) {
    this.title = title;
    this.author.set(author);
  }
}
