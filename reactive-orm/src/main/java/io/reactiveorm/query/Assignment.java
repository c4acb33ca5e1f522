package io.reactiveorm.query;

import java.util.Objects;

/**
 * {@code field = value} in the {@code SET} clause of a bulk update, made by {@link Column#set}.
 *
 * <pre>{@code session.query(User.class).where(User_.age.lt(18)).update(User_.active.set(false))}</pre>
 *
 * @param column the column to set
 * @param value the new value, bound as a parameter; {@code null} sets SQL NULL
 */
public record Assignment(Column<?, ?> column, Object value) {

  public Assignment {
    Objects.requireNonNull(column, "column");
  }
}
