package io.reactiveorm.benchmarks.rows;

/** A user as the hand-written contestants (raw R2DBC, JDBC) map it: plain fields. */
public final class UserRow {
  public long id;
  public String email;
  public String name;
  public int score;
  public long roleId;
  /** Set by hand when the role is loaded. */
  public RoleRow role;

  public UserRow(long id, String email, String name, int score, long roleId) {
    this.id = id;
    this.email = email;
    this.name = name;
    this.score = score;
    this.roleId = roleId;
  }
}
