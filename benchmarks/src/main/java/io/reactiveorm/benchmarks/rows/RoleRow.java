package io.reactiveorm.benchmarks.rows;

import java.util.ArrayList;
import java.util.List;

/** A role as the hand-written contestants map it; {@code users} is filled by hand. */
public final class RoleRow {
  public final long id;
  public final String name;
  public final List<UserRow> users = new ArrayList<>();

  public RoleRow(long id, String name) {
    this.id = id;
    this.name = name;
  }
}
