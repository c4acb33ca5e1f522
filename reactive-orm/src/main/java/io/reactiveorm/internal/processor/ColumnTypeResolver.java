package io.reactiveorm.internal.processor;

import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.PrimitiveType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.WildcardType;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * Decides which column class of {@code io.reactiveorm.query} represents a field in the metamodel,
 * and spells the field's type, or the related entity type of a relation field, as Java source.
 */
final class ColumnTypeResolver {

  /** The column classes the metamodel uses, each with the query operations its values allow. */
  enum ColumnKind {
    /** Equality and null checks only: booleans, enums, arrays, generic and custom types. */
    COLUMN("Column", true),
    /** Adds ranges: dates, times, UUIDs and any other type comparable to itself. */
    COMPARABLE("ComparableColumn", false),
    /** Adds {@code sum} and {@code avg}. */
    NUMBER("NumberColumn", false),
    /** Adds {@code like}; its factory needs no value class. */
    STRING("StringColumn", true);

    private final String simpleName;
    private final boolean hasFactory;

    ColumnKind(String simpleName, boolean hasFactory) {
      this.simpleName = simpleName;
      this.hasFactory = hasFactory;
    }

    String simpleName() {
      return simpleName;
    }

    /**
     * Whether the class has a static {@code of} factory. {@code ComparableColumn} and {@code
     * NumberColumn} cannot: their {@code of(Class, String, Class)} would have the erasure of the
     * inherited {@code Column.of} without hiding it, a name clash; they have public constructors.
     */
    boolean hasFactory() {
      return hasFactory;
    }

    String qualifiedName() {
      return "io.reactiveorm.query." + simpleName;
    }
  }

  /**
   * How one field appears in the metamodel.
   *
   * @param kind the column class
   * @param valueType the field's type as source, primitives boxed ({@code java.util.List<java.lang.String>})
   * @param erasedValueType the same type without type arguments, usable in a class literal
   */
  record ColumnType(ColumnKind kind, String valueType, String erasedValueType) {

    /** A parameterized type has no class literal of its own, so the raw one must be cast. */
    boolean needsUncheckedCast() {
      return !valueType.equals(erasedValueType);
    }
  }

  /**
   * The related entity type of a relation field ({@code Role} of {@code Ref<Role> role}).
   *
   * @param type the type as source ({@code com.acme.Role})
   * @param erasedType the same type without type arguments, usable in a class literal
   */
  record RelationTarget(String type, String erasedType) {

    /** A parameterized type has no class literal of its own, so the raw one must be cast. */
    boolean needsUncheckedCast() {
      return !type.equals(erasedType);
    }
  }

  /** The numeric types {@code NumberColumn} accepts: boxes of the primitives, plus the big ones. */
  private static final Set<String> NUMBER_TYPES = Set.of(
      "java.lang.Byte", "java.lang.Short", "java.lang.Integer", "java.lang.Long",
      "java.lang.Float", "java.lang.Double", "java.math.BigDecimal", "java.math.BigInteger");

  private final Types types;
  private final TypeElement comparable;

  ColumnTypeResolver(Types types, Elements elements) {
    this.types = types;
    this.comparable = elements.getTypeElement("java.lang.Comparable");
  }

  /** The column of a field whose (fully resolved) type is {@code fieldType}. */
  ColumnType resolve(TypeMirror fieldType) {
    TypeMirror valueType = fieldType.getKind().isPrimitive()
        ? types.boxedClass((PrimitiveType) fieldType).asType()
        : fieldType;
    return new ColumnType(
        kindOf(valueType), sourceName(valueType), sourceName(types.erasure(valueType)));
  }

  /** The related entity type of a relation field, {@code target} being its type argument. */
  RelationTarget resolveTarget(DeclaredType target) {
    return new RelationTarget(sourceName(target), sourceName(types.erasure(target)));
  }

  /**
   * Whether javac could resolve every part of the type; an unresolved part may still be generated
   * by another processor in a later round.
   */
  boolean isResolved(TypeMirror type) {
    return switch (type.getKind()) {
      case ERROR -> false;
      case ARRAY -> isResolved(((ArrayType) type).getComponentType());
      case DECLARED -> ((DeclaredType) type).getTypeArguments().stream().allMatch(this::isResolved);
      case WILDCARD -> isResolvedBound(((WildcardType) type).getExtendsBound())
          && isResolvedBound(((WildcardType) type).getSuperBound());
      default -> true;
    };
  }

  private ColumnKind kindOf(TypeMirror valueType) {
    if (valueType.getKind() != TypeKind.DECLARED) {
      return ColumnKind.COLUMN;
    }
    DeclaredType declared = (DeclaredType) valueType;
    TypeElement element = (TypeElement) declared.asElement();
    String name = element.getQualifiedName().toString();
    if (name.equals("java.lang.String")) {
      return ColumnKind.STRING;
    }
    if (NUMBER_TYPES.contains(name)) {
      return ColumnKind.NUMBER;
    }
    // Ranges make no sense on booleans (false < true); enums are comparable only by declaration
    // order, which a database storing their names does not share; generic types would need a cast
    // the range operations cannot check.
    boolean rangeable = !name.equals("java.lang.Boolean")
        && element.getKind() != ElementKind.ENUM
        && declared.getTypeArguments().isEmpty()
        && isComparableToItself(declared);
    return rangeable ? ColumnKind.COMPARABLE : ColumnKind.COLUMN;
  }

  /**
   * Tests against {@code Comparable<? super T>}, the bound of {@code ComparableColumn}, rather than
   * {@code Comparable<T>}: {@code LocalDate} is only a {@code Comparable<ChronoLocalDate>}.
   */
  private boolean isComparableToItself(DeclaredType type) {
    DeclaredType comparableToSupertype =
        types.getDeclaredType(comparable, types.getWildcardType(null, type));
    return types.isSubtype(type, comparableToSupertype);
  }

  /**
   * The type as source, every class fully qualified. {@code TypeMirror.toString()} is not used
   * because it prints type annotations ({@code @NotNull java.lang.String}) in places where they
   * are not valid Java.
   */
  private String sourceName(TypeMirror type) {
    return switch (type.getKind()) {
      case ARRAY -> sourceName(((ArrayType) type).getComponentType()) + "[]";
      case DECLARED, ERROR -> declaredSourceName((DeclaredType) type);
      case WILDCARD -> wildcardSourceName((WildcardType) type);
      case TYPEVAR -> types.asElement(type).getSimpleName().toString();
      default -> type.getKind().name().toLowerCase(Locale.ROOT); // primitives
    };
  }

  private String declaredSourceName(DeclaredType type) {
    TypeElement element = (TypeElement) type.asElement();
    TypeMirror enclosing = type.getEnclosingType();
    // An inner class of a parameterized class keeps its owner's arguments: Outer<String>.Inner.
    String name = enclosing.getKind() == TypeKind.DECLARED
            && !((DeclaredType) enclosing).getTypeArguments().isEmpty()
        ? sourceName(enclosing) + "." + element.getSimpleName()
        : element.getQualifiedName().toString();
    if (type.getTypeArguments().isEmpty()) {
      return name;
    }
    return type.getTypeArguments().stream()
        .map(this::sourceName)
        .collect(Collectors.joining(", ", name + "<", ">"));
  }

  private String wildcardSourceName(WildcardType wildcard) {
    if (wildcard.getExtendsBound() != null) {
      return "? extends " + sourceName(wildcard.getExtendsBound());
    }
    if (wildcard.getSuperBound() != null) {
      return "? super " + sourceName(wildcard.getSuperBound());
    }
    return "?";
  }

  private boolean isResolvedBound(TypeMirror bound) {
    return bound == null || isResolved(bound);
  }
}
