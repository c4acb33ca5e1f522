package io.reactiveorm.internal.session;

import io.reactiveorm.InvalidQueryException;
import io.reactiveorm.internal.meta.EntityModel;
import io.reactiveorm.internal.meta.PropertyModel;
import io.reactiveorm.query.Column;
import io.reactiveorm.query.ComparableColumn;
import io.reactiveorm.query.Condition;
import io.reactiveorm.query.Order;
import io.reactiveorm.query.StringColumn;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

/**
 * Conditions and sort keys given as strings at run time (REST parameters): every name is checked
 * against the model before it can reach SQL, and every value is converted to the field's type and
 * bound.
 */
final class DynamicFilters {

  private static final List<String> OPERATORS = List.of("eq", "ne", "gt", "ge", "lt", "le",
      "like", "ilike", "notLike", "in", "notIn", "isNull", "isNotNull");

  private static final Map<Class<?>, Function<String, Object>> PARSERS = Map.ofEntries(
      Map.entry(String.class, text -> text),
      Map.entry(Integer.class, Integer::valueOf),
      Map.entry(Long.class, Long::valueOf),
      Map.entry(Short.class, Short::valueOf),
      Map.entry(Byte.class, Byte::valueOf),
      Map.entry(Double.class, Double::valueOf),
      Map.entry(Float.class, Float::valueOf),
      Map.entry(BigDecimal.class, BigDecimal::new),
      Map.entry(Boolean.class, DynamicFilters::parseBoolean),
      Map.entry(LocalDate.class, LocalDate::parse),
      Map.entry(LocalTime.class, LocalTime::parse),
      Map.entry(LocalDateTime.class, LocalDateTime::parse),
      Map.entry(OffsetDateTime.class, OffsetDateTime::parse),
      Map.entry(Instant.class, Instant::parse),
      Map.entry(UUID.class, UUID::fromString));

  private DynamicFilters() {}

  @SuppressWarnings({"unchecked", "rawtypes"})
  static Condition condition(EntityModel<?> model, String field, String operator, Object value) {
    PropertyModel property = model.property(field);
    if (!OPERATORS.contains(operator)) {
      throw new InvalidQueryException("Unknown operator '" + abbreviate(operator) + "' for "
          + model.name() + "." + field + "; use one of " + String.join(", ", OPERATORS));
    }
    Class type = property.javaType();
    switch (operator) {
      case "isNull":
        return Column.of(model.type(), field, type).isNull();
      case "isNotNull":
        return Column.of(model.type(), field, type).isNotNull();
      case "in":
        return Column.of(model.type(), field, type).in(values(model, property, value));
      case "notIn":
        return Column.of(model.type(), field, type).notIn(values(model, property, value));
      default:
        break;
    }
    Object converted = convert(model, property, value);
    if (operator.equals("eq")) {
      return Column.of(model.type(), field, type).eq(converted);
    }
    if (operator.equals("ne")) {
      return Column.of(model.type(), field, type).ne(converted);
    }
    if (operator.equals("like") || operator.equals("ilike") || operator.equals("notLike")) {
      if (type != String.class) {
        throw new InvalidQueryException("Operator '" + operator + "' needs a text field, but "
            + model.name() + "." + field + " is a " + type.getSimpleName());
      }
      StringColumn<?> column = StringColumn.of(model.type(), field);
      String pattern = (String) converted;
      return switch (operator) {
        case "like" -> column.like(pattern);
        case "ilike" -> column.ilike(pattern);
        default -> column.notLike(pattern);
      };
    }
    if (!Comparable.class.isAssignableFrom(type) || type == Boolean.class || type.isEnum()) {
      throw new InvalidQueryException("Operator '" + operator + "' needs an ordered field, but "
          + model.name() + "." + field + " is a " + type.getSimpleName());
    }
    ComparableColumn column = new ComparableColumn(model.type(), field, type);
    Comparable comparable = (Comparable) converted;
    return switch (operator) {
      case "gt" -> column.gt(comparable);
      case "ge" -> column.ge(comparable);
      case "lt" -> column.lt(comparable);
      default -> column.le(comparable);
    };
  }

  /** {@code "name,-age"}: ascending name, then descending age. */
  static List<Order> orders(EntityModel<?> model, String sort) {
    List<Order> orders = new ArrayList<>();
    for (String part : sort.split(",")) {
      String key = part.trim();
      if (key.isEmpty()) {
        continue;
      }
      boolean descending = key.startsWith("-");
      String field = descending || key.startsWith("+") ? key.substring(1) : key;
      PropertyModel property = model.property(field);
      Column<?, ?> column = Column.of(model.type(), property.field(), property.javaType());
      orders.add(descending ? column.desc() : column.asc());
    }
    return orders;
  }

  private static List<Object> values(EntityModel<?> model, PropertyModel property, Object value) {
    Collection<?> raw = value instanceof Collection<?> collection ? collection
        : value instanceof String text ? Arrays.asList(text.split(","))
        : List.of(value);
    return raw.stream().map(item -> item instanceof String text ? text.trim() : item)
        .map(item -> convert(model, property, item)).toList();
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static Object convert(EntityModel<?> model, PropertyModel property, Object value) {
    if (value == null) {
      throw new InvalidQueryException("Filter on " + model.name() + "." + property.field()
          + " has no value; use the isNull or isNotNull operator to match nulls");
    }
    Class<?> type = property.javaType();
    if (type.isInstance(value)) {
      return value;
    }
    String text = value.toString();
    try {
      if (type.isEnum()) {
        return Enum.valueOf((Class) type, text);
      }
      Function<String, Object> parser = PARSERS.get(type);
      if (parser != null) {
        return parser.apply(text);
      }
    } catch (RuntimeException e) {
      throw new InvalidQueryException("Value '" + abbreviate(text) + "' is not a valid "
          + type.getSimpleName() + " for " + model.name() + "." + property.field());
    }
    throw new InvalidQueryException("Field " + model.name() + "." + property.field() + " of type "
        + type.getSimpleName() + " cannot be filtered by a text value");
  }

  private static Object parseBoolean(String text) {
    if (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false")) {
      return Boolean.valueOf(text);
    }
    throw new IllegalArgumentException(text);
  }

  private static String abbreviate(String text) {
    return text.length() > 40 ? text.substring(0, 40) + "…" : text;
  }
}
