package io.reactiveorm.internal.meta;

/** Default naming: Java camelCase to SQL snake_case. */
final class Names {

  private Names() {}

  /** {@code firstName} becomes {@code first_name}, {@code URLPath} becomes {@code url_path}. */
  static String snakeCase(String javaName) {
    StringBuilder out = new StringBuilder(javaName.length() + 4);
    for (int i = 0; i < javaName.length(); i++) {
      char c = javaName.charAt(i);
      if (Character.isUpperCase(c)) {
        boolean previousIsLower = i > 0 && !Character.isUpperCase(javaName.charAt(i - 1));
        boolean nextIsLower = i + 1 < javaName.length()
            && Character.isLowerCase(javaName.charAt(i + 1));
        if (i > 0 && (previousIsLower || nextIsLower) && out.charAt(out.length() - 1) != '_') {
          out.append('_');
        }
        out.append(Character.toLowerCase(c));
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  /** {@code User} becomes {@code user}: the field name a class usually gets. */
  static String camelCase(String className) {
    return className.isEmpty() ? className
        : Character.toLowerCase(className.charAt(0)) + className.substring(1);
  }
}
