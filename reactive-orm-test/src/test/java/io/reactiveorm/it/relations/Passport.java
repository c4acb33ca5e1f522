package io.reactiveorm.it.relations;

import io.reactiveorm.relation.Ref;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.OneToOne;
import jakarta.persistence.Table;

/** The inverse side of a one-to-one: no column of its own, found through rel_profiles. */
@Entity
@Table(name = "rel_passports")
public class Passport {
  @Id @GeneratedValue Long id;
  String passportNo;
  @OneToOne(mappedBy = "passport") Ref<Profile> profile = Ref.empty();

  protected Passport() {}

  public Passport(String passportNo) {
    this.passportNo = passportNo;
  }
}
