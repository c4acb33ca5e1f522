package io.reactiveorm.internal.processor;

import io.reactiveorm.internal.processor.ColumnTypeResolver.ColumnKind;
import io.reactiveorm.internal.processor.ColumnTypeResolver.ColumnType;
import io.reactiveorm.internal.processor.ColumnTypeResolver.RelationTarget;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;

/**
 * The Java source of one metamodel class, built as plain text.
 *
 * <p>Column classes and {@code Relation} are imported; every other type is written fully
 * qualified, so the source compiles whatever the entity imports. The entity itself is named
 * relative to its package ({@code User}, {@code Outer.User}), which is where the metamodel lives.
 */
final class MetamodelSource {

  private static final String RELATION_CLASS = "Relation";
  private static final String RELATION_QUALIFIED_NAME = "io.reactiveorm.relation.Relation";
  private static final String GENERATOR = MetamodelProcessor.class.getName();

  /** One {@code public static final} constant, named after its field. */
  sealed interface Constant permits ColumnConstant, RelationConstant {

    String name();

    /** The qualified name of the constant's class, which the source imports. */
    String importedClass();

    /** Whether the initializer casts a raw class literal to a parameterized class. */
    boolean needsUncheckedCast();

    /** {@code StringColumn<User>}, with the entity written as {@code entityReference}. */
    String declaredType(String entityReference);

    /** {@code StringColumn.of(User.class, "name")}. */
    String initializer(String entityReference);

    /**
     * The simple names the initializer starts an expression with, besides the entity's (see
     * {@link MetamodelSource#namesStartingExpressions()}).
     */
    List<String> namesStartingExpressions();
  }

  /** A column: {@code NumberColumn<User, java.lang.Integer> age}. */
  record ColumnConstant(String name, ColumnType type) implements Constant {

    @Override
    public String importedClass() {
      return type.kind().qualifiedName();
    }

    @Override
    public boolean needsUncheckedCast() {
      return type.needsUncheckedCast();
    }

    /** {@code StringColumn<User>}, {@code NumberColumn<User, java.lang.Integer>}. */
    @Override
    public String declaredType(String entityReference) {
      String typeArguments = type.kind() == ColumnKind.STRING
          ? entityReference
          : entityReference + ", " + type.valueType();
      return type.kind().simpleName() + "<" + typeArguments + ">";
    }

    /**
     * {@code StringColumn.of(User.class, "name")}, {@code new NumberColumn<>(User.class, "age",
     * java.lang.Integer.class)}.
     */
    @Override
    public String initializer(String entityReference) {
      String arguments = entityReference + ".class, \"" + name + "\"";
      if (type.kind() != ColumnKind.STRING) {
        arguments += ", " + classLiteral(type.valueType(), type.erasedValueType());
      }
      return type.kind().hasFactory()
          ? type.kind().simpleName() + ".of(" + arguments + ")"
          : "new " + type.kind().simpleName() + "<>(" + arguments + ")";
    }

    @Override
    public List<String> namesStartingExpressions() {
      List<String> names = new ArrayList<>();
      // After "new" a class name is read as a type, so only factory calls can be obscured.
      if (type.kind().hasFactory()) {
        names.add(type.kind().simpleName());
      }
      if (type.kind() != ColumnKind.STRING) {
        names.add(firstSegment(type.erasedValueType()));
      }
      return names;
    }
  }

  /** A relation: {@code Relation<User, com.acme.Role> role}. */
  record RelationConstant(String name, RelationTarget target) implements Constant {

    @Override
    public String importedClass() {
      return RELATION_QUALIFIED_NAME;
    }

    @Override
    public boolean needsUncheckedCast() {
      return target.needsUncheckedCast();
    }

    /** {@code Relation<User, com.acme.Role>}. */
    @Override
    public String declaredType(String entityReference) {
      return RELATION_CLASS + "<" + entityReference + ", " + target.type() + ">";
    }

    /** {@code Relation.of(User.class, "role", com.acme.Role.class)}. */
    @Override
    public String initializer(String entityReference) {
      return RELATION_CLASS + ".of(" + entityReference + ".class, \"" + name + "\", "
          + classLiteral(target.type(), target.erasedType()) + ")";
    }

    @Override
    public List<String> namesStartingExpressions() {
      return List.of(RELATION_CLASS, firstSegment(target.erasedType()));
    }
  }

  private final String packageName;
  private final String simpleName;
  private final String entityName;
  private final String entityReference;
  private final boolean isPublic;
  private final List<Constant> constants;

  /**
   * The metamodel of {@code entity}: {@code com.acme.User_} for {@code com.acme.User}, {@code
   * com.acme.Outer_User_} for the nested {@code com.acme.Outer.User}.
   */
  MetamodelSource(TypeElement entity, PackageElement entityPackage, boolean isPublic,
      List<Constant> constants) {
    List<String> entityNames = namesFromPackage(entity);
    this.packageName = entityPackage.isUnnamed() ? "" : entityPackage.getQualifiedName().toString();
    this.simpleName = String.join("_", entityNames) + "_";
    this.entityName = String.join(".", entityNames);
    // An entity named like an imported class would be hidden by the import of that class.
    this.entityReference = isImportableClassName(entityNames.get(0))
        ? entity.getQualifiedName().toString()
        : entityName;
    this.isPublic = isPublic;
    this.constants = List.copyOf(constants);
  }

  /** {@code com.acme.User_}. */
  String qualifiedName() {
    return packageName.isEmpty() ? simpleName : packageName + "." + simpleName;
  }

  /**
   * The simple names the initializers start an expression with ({@code StringColumn} in {@code
   * StringColumn.of(...)}, {@code java} in {@code java.lang.Integer.class}, {@code User} in {@code
   * User.class}, {@code Relation} in {@code Relation.of(...)}). A constant of the same name would
   * obscure them: in an expression Java reads a name as a variable before a type or a package.
   */
  Set<String> namesStartingExpressions() {
    Set<String> names = new TreeSet<>();
    names.add(firstSegment(entityReference));
    for (Constant constant : constants) {
      names.addAll(constant.namesStartingExpressions());
    }
    return names;
  }

  /** The complete compilation unit. */
  String render() {
    StringBuilder source = new StringBuilder();
    if (!packageName.isEmpty()) {
      source.append("package ").append(packageName).append(";\n\n");
    }
    for (String importedClass : importedClasses()) {
      source.append("import ").append(importedClass).append(";\n");
    }
    if (!constants.isEmpty()) {
      source.append('\n');
    }
    source.append("/** Type-safe metamodel of {@link ").append(entityName)
        .append("}, generated by reactive-orm. */\n");
    source.append("@javax.annotation.processing.Generated(\"").append(GENERATOR).append("\")\n");
    source.append(isPublic ? "public " : "").append("final class ").append(simpleName)
        .append(" {\n");
    for (Constant constant : constants) {
      appendConstant(source, constant);
    }
    source.append('\n');
    source.append("  private ").append(simpleName).append("() {\n");
    source.append("    // holds constants only\n");
    source.append("  }\n");
    source.append("}\n");
    return source.toString();
  }

  private void appendConstant(StringBuilder source, Constant constant) {
    source.append('\n');
    if (constant.needsUncheckedCast()) {
      source.append("  @java.lang.SuppressWarnings(\"unchecked\")\n");
    }
    source.append("  public static final ").append(constant.declaredType(entityReference))
        .append(' ').append(constant.name()).append(" =\n");
    source.append("      ").append(constant.initializer(entityReference)).append(";\n");
  }

  /**
   * {@code java.lang.Integer.class}; a parameterized type has only its raw class, cast through
   * {@code Class<?>} to the parameterized one so the constant keeps the precise type.
   */
  private static String classLiteral(String type, String erasedType) {
    String rawLiteral = erasedType + ".class";
    if (type.equals(erasedType)) {
      return rawLiteral;
    }
    return "(java.lang.Class<" + type + ">) (java.lang.Class<?>) " + rawLiteral;
  }

  private Set<String> importedClasses() {
    Set<String> imports = new TreeSet<>();
    for (Constant constant : constants) {
      imports.add(constant.importedClass());
    }
    return imports;
  }

  /** {@code [Outer, User]} for {@code com.acme.Outer.User}. */
  static List<String> namesFromPackage(TypeElement type) {
    List<String> names = new ArrayList<>();
    for (Element element = type; element.getKind() != ElementKind.PACKAGE;
        element = element.getEnclosingElement()) {
      names.add(0, element.getSimpleName().toString());
    }
    return names;
  }

  /** Whether an import of the generated source could have this simple name. */
  private static boolean isImportableClassName(String name) {
    if (name.equals(RELATION_CLASS)) {
      return true;
    }
    for (ColumnKind kind : ColumnKind.values()) {
      if (kind.simpleName().equals(name)) {
        return true;
      }
    }
    return false;
  }

  private static String firstSegment(String name) {
    int end = 0;
    while (end < name.length() && Character.isJavaIdentifierPart(name.charAt(end))) {
      end++;
    }
    return name.substring(0, end);
  }
}
