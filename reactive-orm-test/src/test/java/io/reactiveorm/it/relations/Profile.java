package io.reactiveorm.it.relations;

import io.reactiveorm.relation.Ref;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.OneToOne;
import jakarta.persistence.Table;

/** The owning side of a one-to-one: rel_profiles.passport_id (unique) points at a passport. */
@Entity
@Table(name = "rel_profiles")
public class Profile {
  @Id @GeneratedValue Long id;
  String nickname;
  @OneToOne Ref<Passport> passport = Ref.empty();

  protected Profile() {}

  public Profile(String nickname, Passport passport) {
    this.nickname = nickname;
    this.passport.set(passport);
  }
}
