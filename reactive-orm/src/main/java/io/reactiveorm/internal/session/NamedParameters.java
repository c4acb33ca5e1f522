package io.reactiveorm.internal.session;

import io.reactiveorm.InvalidQueryException;
import io.reactiveorm.spi.Dialect;
import java.util.ArrayList;
import java.util.List;

/**
 * Rewrites hand-written SQL with {@code :name} or {@code ?} markers into the dialect's bind
 * markers, skipping string literals, quoted identifiers, comments and PostgreSQL's {@code ::}
 * casts.
 *
 * @param sql the rewritten SQL
 * @param names for each bind position, its parameter name, or {@code ""} for a {@code ?}
 */
record NamedParameters(String sql, List<String> names) {

  static NamedParameters parse(String sql, Dialect dialect) {
    StringBuilder out = new StringBuilder(sql.length());
    List<String> names = new ArrayList<>();
    int i = 0;
    while (i < sql.length()) {
      char c = sql.charAt(i);
      if (c == '\'' || c == '"' || c == '`') {
        int end = sql.indexOf(c, i + 1);
        end = end < 0 ? sql.length() - 1 : end;
        out.append(sql, i, end + 1);
        i = end + 1;
      } else if (c == '-' && i + 1 < sql.length() && sql.charAt(i + 1) == '-') {
        int end = sql.indexOf('\n', i);
        end = end < 0 ? sql.length() : end;
        out.append(sql, i, end);
        i = end;
      } else if (c == ':' && i + 1 < sql.length() && sql.charAt(i + 1) == ':') {
        out.append("::");
        i += 2;
      } else if (c == ':' && i + 1 < sql.length()
          && Character.isJavaIdentifierStart(sql.charAt(i + 1))) {
        int end = i + 1;
        while (end < sql.length() && Character.isJavaIdentifierPart(sql.charAt(end))) {
          end++;
        }
        names.add(sql.substring(i + 1, end));
        out.append(dialect.placeholder(names.size()));
        i = end;
      } else if (c == '?') {
        names.add("");
        out.append(dialect.placeholder(names.size()));
        i++;
      } else {
        out.append(c);
        i++;
      }
    }
    boolean named = names.stream().anyMatch(name -> !name.isEmpty());
    boolean positional = names.stream().anyMatch(String::isEmpty);
    if (named && positional) {
      throw new InvalidQueryException("SQL mixes :name and ? parameters; use one style: "
          + (sql.length() > 200 ? sql.substring(0, 200) + "…" : sql));
    }
    return new NamedParameters(out.toString(), List.copyOf(names));
  }
}
