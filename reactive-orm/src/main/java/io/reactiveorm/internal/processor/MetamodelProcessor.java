package io.reactiveorm.internal.processor;

import io.reactiveorm.internal.processor.MetamodelSource.ColumnConstant;
import io.reactiveorm.internal.processor.MetamodelSource.Constant;
import io.reactiveorm.internal.processor.MetamodelSource.RelationConstant;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.RoundEnvironment;
import javax.annotation.processing.SupportedAnnotationTypes;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.PrimitiveType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;

/**
 * Generates the type-safe metamodel of every {@code @jakarta.persistence.Entity}, so that the
 * compiler checks field names and value types in queries.
 *
 * <p>For the entity {@code com.acme.User} it writes {@code com.acme.User_} (for a nested {@code
 * com.acme.Outer.User}, {@code com.acme.Outer_User_}), annotated {@code @Generated}, {@code public}
 * when the entity can be used outside its package, with a private constructor and one constant per
 * persistent field, named like the field:
 *
 * <pre>{@code
 * public final class User_ {
 *   public static final StringColumn<User> name = StringColumn.of(User.class, "name");
 *   public static final NumberColumn<User, java.lang.Integer> age =
 *       new NumberColumn<>(User.class, "age", java.lang.Integer.class);
 *   public static final ComparableColumn<User, java.time.LocalDate> birthday = ...;
 *   public static final Column<User, java.lang.Boolean> active =
 *       Column.of(User.class, "active", java.lang.Boolean.class);
 *   public static final Relation<User, com.acme.Role> role =
 *       Relation.of(User.class, "role", com.acme.Role.class);
 * }
 * }</pre>
 *
 * <p>A persistent field is a non-static field that is neither {@code transient} nor annotated
 * {@code @jakarta.persistence.Transient}, declared by the entity or by one of its
 * {@code @MappedSuperclass} superclasses (whose fields come first).
 *
 * <p>A relation field, typed {@code Ref<T>} or {@code RefList<T>} of {@code
 * io.reactiveorm.relation}, gets a {@code Relation<Entity, T>} constant, which queries use to load
 * the relation ({@code with(User_.posts.then(Post_.tags))}); when {@code T} is not a class (a raw
 * {@code Ref}, a wildcard) it gets none, with a warning. Fields typed with any other class of
 * {@code io.reactiveorm.relation} are left out.
 *
 * <p>The constant's class follows what the field's type supports (see {@link ColumnTypeResolver}):
 * {@code StringColumn} for strings, {@code NumberColumn} for numbers, {@code ComparableColumn} for
 * other types comparable to themselves (dates, times, UUIDs), {@code Column} for everything else.
 *
 * <p>The processor is registered in {@code META-INF/services}, so javac runs it for any project
 * that has reactive-orm on its processor path. It reports what it cannot generate through the
 * {@link javax.annotation.processing.Messager}, naming the class and field, rather than failing.
 */
@SupportedAnnotationTypes(MetamodelProcessor.ENTITY)
public final class MetamodelProcessor extends AbstractProcessor {

  static final String ENTITY = "jakarta.persistence.Entity";
  private static final String MAPPED_SUPERCLASS = "jakarta.persistence.MappedSuperclass";
  private static final String TRANSIENT = "jakarta.persistence.Transient";
  private static final String RELATION_PACKAGE = "io.reactiveorm.relation";
  /** The field types that make a relation, which gets a {@code Relation} constant. */
  private static final Set<String> RELATION_HANDLES =
      Set.of(RELATION_PACKAGE + ".Ref", RELATION_PACKAGE + ".RefList");

  /**
   * Entities with a field type javac has not resolved yet, by qualified name: another processor
   * may generate that type, so they are tried again in the next round.
   */
  private final Set<String> deferredEntities = new LinkedHashSet<>();

  private ColumnTypeResolver columnTypes;

  @Override
  public synchronized void init(ProcessingEnvironment processingEnvironment) {
    super.init(processingEnvironment);
    columnTypes = new ColumnTypeResolver(
        processingEnvironment.getTypeUtils(), processingEnvironment.getElementUtils());
  }

  @Override
  public SourceVersion getSupportedSourceVersion() {
    return SourceVersion.latestSupported();
  }

  @Override
  public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
    List<TypeElement> entities = takeDeferredEntities();
    for (TypeElement annotation : annotations) {
      for (Element annotated : round.getElementsAnnotatedWith(annotation)) {
        if (annotated instanceof TypeElement entity) {
          entities.add(entity);
        }
      }
    }
    for (TypeElement entity : entities) {
      processSafely(entity, round.processingOver());
    }
    // Not claiming @Entity leaves it to other JPA processors (Hibernate's metamodel, for one).
    return false;
  }

  private List<TypeElement> takeDeferredEntities() {
    List<TypeElement> entities = new ArrayList<>();
    for (String name : deferredEntities) {
      TypeElement entity = processingEnv.getElementUtils().getTypeElement(name);
      if (entity != null) {
        entities.add(entity);
      }
    }
    deferredEntities.clear();
    return entities;
  }

  /** A bug here must surface as a message on the entity, not as a stack trace that stops javac. */
  private void processSafely(TypeElement entity, boolean lastRound) {
    try {
      generateMetamodel(entity, lastRound);
    } catch (RuntimeException unexpected) {
      report(Diagnostic.Kind.ERROR, entity, "Could not generate the metamodel of " + entity + ": "
          + unexpected);
    }
  }

  private void generateMetamodel(TypeElement entity, boolean lastRound) {
    Optional<String> unsupported = whyUnsupported(entity);
    if (unsupported.isPresent()) {
      report(Diagnostic.Kind.WARNING, entity,
          "No metamodel generated for " + entity + ": " + unsupported.get());
      return;
    }
    List<VariableElement> fields = persistentFields(entity);
    Optional<VariableElement> unresolved = fields.stream()
        .filter(field -> !columnTypes.isResolved(typeInEntity(entity, field)))
        .findFirst();
    if (unresolved.isPresent()) {
      deferOrGiveUp(entity, unresolved.get(), lastRound);
      return;
    }
    AccessSource access = accessOf(entity, fields);
    writeSource(entity, access.qualifiedName(), access.render(), "field access");
    List<Constant> constants = new ArrayList<>();
    List<VariableElement> fieldsWithConstants = new ArrayList<>();
    for (VariableElement field : fields) {
      Optional<Constant> constant = constantOf(entity, field);
      if (constant.isPresent()) {
        constants.add(constant.get());
        fieldsWithConstants.add(field);
      }
    }
    MetamodelSource source = new MetamodelSource(entity,
        processingEnv.getElementUtils().getPackageOf(entity), isVisibleOutsidePackage(entity),
        constants);
    if (hasNoObscuredName(entity, fieldsWithConstants, source)) {
      write(entity, source);
    }
  }

  /**
   * The generated field access of {@code entity}: its constructor and the fields that code in
   * its package can reach (neither private nor final, declared in that package or public, by a
   * class it can name).
   */
  private AccessSource accessOf(TypeElement entity, List<VariableElement> fields) {
    PackageElement entityPackage = processingEnv.getElementUtils().getPackageOf(entity);
    List<AccessSource.ReachableField> reachable = new ArrayList<>();
    for (VariableElement field : fields) {
      TypeElement declaring = (TypeElement) field.getEnclosingElement();
      Set<Modifier> modifiers = field.getModifiers();
      boolean inPackage = processingEnv.getElementUtils().getPackageOf(declaring)
          .equals(entityPackage);
      if (modifiers.contains(Modifier.PRIVATE) || modifiers.contains(Modifier.FINAL)
          || !(inPackage || modifiers.contains(Modifier.PUBLIC))
          || !isReachableFrom(declaring, inPackage)) {
        continue;
      }
      String name = field.getSimpleName().toString();
      reachable.add(new AccessSource.ReachableField(
          processingEnv.getElementUtils().getBinaryName(declaring) + "." + name,
          declaring.getQualifiedName().toString(),
          name, boxedErasure(field.asType())));
    }
    return new AccessSource(entityPackage.isUnnamed() ? ""
        : entityPackage.getQualifiedName().toString(), MetamodelSource.namesFromPackage(entity),
        canConstruct(entity), reachable);
  }

  /** Whether the package of the generated code can name {@code type} (and its outer classes). */
  private static boolean isReachableFrom(TypeElement type, boolean inPackage) {
    for (Element outer = type; outer instanceof TypeElement;
        outer = outer.getEnclosingElement()) {
      Set<Modifier> modifiers = outer.getModifiers();
      if (modifiers.contains(Modifier.PRIVATE)
          || (!inPackage && !modifiers.contains(Modifier.PUBLIC))) {
        return false;
      }
    }
    return true;
  }

  /** Whether {@code new Entity()} compiles in the entity's package. */
  private static boolean canConstruct(TypeElement entity) {
    if (entity.getKind() != ElementKind.CLASS
        || entity.getModifiers().contains(Modifier.ABSTRACT)) {
      return false;
    }
    for (Element type = entity; type.getEnclosingElement() instanceof TypeElement;
        type = type.getEnclosingElement()) {
      if (!type.getModifiers().contains(Modifier.STATIC)) {
        return false;
      }
    }
    return ElementFilter.constructorsIn(entity.getEnclosedElements()).stream()
        .anyMatch(constructor -> constructor.getParameters().isEmpty()
            && !constructor.getModifiers().contains(Modifier.PRIVATE));
  }

  private String boxedErasure(TypeMirror type) {
    if (type.getKind().isPrimitive()) {
      return processingEnv.getTypeUtils().boxedClass((PrimitiveType) type).getQualifiedName()
          .toString();
    }
    return sourceName(processingEnv.getTypeUtils().erasure(type));
  }

  /**
   * An erased type as source code, without the type-use annotations that {@code toString()}
   * would write ({@code @Email java.lang.String} cannot be a cast).
   */
  private static String sourceName(TypeMirror erased) {
    if (erased.getKind() == TypeKind.ARRAY) {
      return sourceName(((javax.lang.model.type.ArrayType) erased).getComponentType()) + "[]";
    }
    if (erased.getKind() == TypeKind.DECLARED) {
      return ((TypeElement) ((DeclaredType) erased).asElement()).getQualifiedName().toString();
    }
    return erased.getKind().name().toLowerCase(java.util.Locale.ROOT);
  }

  /** The field's column or relation constant; none, with a warning, for an unusable relation. */
  private Optional<Constant> constantOf(TypeElement entity, VariableElement field) {
    String name = field.getSimpleName().toString();
    TypeMirror type = typeInEntity(entity, field);
    if (!isRelationHandle(type)) {
      return Optional.of(new ColumnConstant(name, columnTypes.resolve(type)));
    }
    DeclaredType handle = (DeclaredType) type;
    List<? extends TypeMirror> arguments = handle.getTypeArguments();
    if (arguments.size() == 1 && arguments.get(0).getKind() == TypeKind.DECLARED) {
      return Optional.of(
          new RelationConstant(name, columnTypes.resolveTarget((DeclaredType) arguments.get(0))));
    }
    String handleName = handle.asElement().getSimpleName().toString();
    String reason = arguments.isEmpty()
        ? "a raw " + handleName + " does not name the related entity"
        : "its related type " + arguments.get(0) + " is not a class";
    report(Diagnostic.Kind.WARNING, field, "No relation constant generated for field " + name
        + " of " + entity + ": " + reason + "; declare it as " + handleName + "<TheEntity>");
    return Optional.empty();
  }

  /** Why javac could not compile a metamodel of this class, if it could not. */
  private static Optional<String> whyUnsupported(TypeElement entity) {
    if (entity.getKind() != ElementKind.CLASS && entity.getKind() != ElementKind.RECORD) {
      return Optional.of("only classes and records can be entities");
    }
    if (!entity.getTypeParameters().isEmpty()) {
      return Optional.of("generic entity classes are not supported");
    }
    for (Element type = entity; type instanceof TypeElement typeElement;
        type = type.getEnclosingElement()) {
      NestingKind nesting = typeElement.getNestingKind();
      if (nesting == NestingKind.LOCAL || nesting == NestingKind.ANONYMOUS) {
        return Optional.of("a local class cannot be referenced from another class");
      }
      if (type.getModifiers().contains(Modifier.PRIVATE)) {
        return Optional.of("the private class " + type + " cannot be referenced from its package");
      }
    }
    return Optional.empty();
  }

  /**
   * The persistent fields, those of mapped superclasses first, without the fields typed with a
   * class of {@code io.reactiveorm.relation} other than {@code Ref} and {@code RefList}.
   */
  private List<VariableElement> persistentFields(TypeElement entity) {
    List<TypeElement> declaringTypes = new ArrayList<>();
    for (TypeElement type = superclassOf(entity); type != null; type = superclassOf(type)) {
      if (hasAnnotation(type, MAPPED_SUPERCLASS)) {
        declaringTypes.add(0, type);
      }
    }
    declaringTypes.add(entity);

    List<VariableElement> fields = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (TypeElement type : declaringTypes) {
      for (VariableElement field : ElementFilter.fieldsIn(type.getEnclosedElements())) {
        TypeMirror fieldType = typeInEntity(entity, field);
        if (!isPersistent(field)
            || (isInRelationPackage(fieldType) && !isRelationHandle(fieldType))) {
          continue;
        }
        if (names.add(field.getSimpleName().toString())) {
          fields.add(field);
        } else {
          // Two constants cannot share a name; the first one declared wins.
          report(Diagnostic.Kind.WARNING, field, "Field " + field.getSimpleName() + " of " + type
              + " hides a mapped superclass field of the same name; the metamodel of " + entity
              + " keeps only the first");
        }
      }
    }
    return fields;
  }

  private TypeElement superclassOf(TypeElement type) {
    TypeMirror superclass = type.getSuperclass();
    return superclass.getKind() == TypeKind.DECLARED
        ? (TypeElement) ((DeclaredType) superclass).asElement()
        : null;
  }

  private static boolean isPersistent(VariableElement field) {
    Set<Modifier> modifiers = field.getModifiers();
    return !modifiers.contains(Modifier.STATIC)
        && !modifiers.contains(Modifier.TRANSIENT)
        && !hasAnnotation(field, TRANSIENT);
  }

  private boolean isInRelationPackage(TypeMirror type) {
    if (type.getKind() != TypeKind.DECLARED) {
      return false;
    }
    String packageName = processingEnv.getElementUtils()
        .getPackageOf(((DeclaredType) type).asElement()).getQualifiedName().toString();
    return packageName.equals(RELATION_PACKAGE) || packageName.startsWith(RELATION_PACKAGE + ".");
  }

  /** Whether the type is {@code Ref} or {@code RefList}, parameterized or raw. */
  private static boolean isRelationHandle(TypeMirror type) {
    return type.getKind() == TypeKind.DECLARED
        && RELATION_HANDLES.contains(
            ((TypeElement) ((DeclaredType) type).asElement()).getQualifiedName().toString());
  }

  /**
   * The field's type as seen from the entity, so that {@code ID id} of a {@code
   * BaseEntity<ID>} mapped superclass becomes {@code Long id} in {@code User extends
   * BaseEntity<Long>}.
   */
  private TypeMirror typeInEntity(TypeElement entity, VariableElement field) {
    return processingEnv.getTypeUtils().asMemberOf((DeclaredType) entity.asType(), field);
  }

  /** Annotations are compared by name, so that the processor never loads the Jakarta classes. */
  private static boolean hasAnnotation(Element element, String annotationName) {
    return element.getAnnotationMirrors().stream()
        .map(mirror -> (TypeElement) mirror.getAnnotationType().asElement())
        .anyMatch(annotation -> annotation.getQualifiedName().contentEquals(annotationName));
  }

  /**
   * A metamodel is public only if code outside the package can name the entity; otherwise its
   * constants could not be used there anyway.
   */
  private static boolean isVisibleOutsidePackage(TypeElement entity) {
    for (Element type = entity; type instanceof TypeElement; type = type.getEnclosingElement()) {
      if (!type.getModifiers().contains(Modifier.PUBLIC)) {
        return false;
      }
    }
    return true;
  }

  private void deferOrGiveUp(TypeElement entity, VariableElement field, boolean lastRound) {
    if (!lastRound) {
      deferredEntities.add(entity.getQualifiedName().toString());
      return;
    }
    // javac reports the missing type itself; this only explains the missing metamodel.
    report(Diagnostic.Kind.WARNING, field, "No metamodel generated for " + entity
        + ": the type of field " + field.getSimpleName() + " could not be resolved");
  }

  private boolean hasNoObscuredName(TypeElement entity, List<VariableElement> fields,
      MetamodelSource source) {
    Set<String> namesStartingExpressions = source.namesStartingExpressions();
    for (VariableElement field : fields) {
      String name = field.getSimpleName().toString();
      if (namesStartingExpressions.contains(name)) {
        report(Diagnostic.Kind.WARNING, field, "No metamodel generated for " + entity
            + ": a constant named " + name + " would hide the type or package " + name
            + " the generated code needs; rename field " + name);
        return false;
      }
    }
    return true;
  }

  private void write(TypeElement entity, MetamodelSource source) {
    writeSource(entity, source.qualifiedName(), source.render(), "metamodel");
  }

  private void writeSource(TypeElement entity, String qualifiedName, String text, String what) {
    // The mapped superclasses are origins too, so incremental builds regenerate when they change.
    List<Element> origins = new ArrayList<>();
    origins.add(entity);
    for (TypeElement type = superclassOf(entity); type != null; type = superclassOf(type)) {
      if (hasAnnotation(type, MAPPED_SUPERCLASS)) {
        origins.add(type);
      }
    }
    try {
      JavaFileObject file = processingEnv.getFiler()
          .createSourceFile(qualifiedName, origins.toArray(Element[]::new));
      try (Writer writer = file.openWriter()) {
        writer.write(text);
      }
    } catch (IOException e) {
      report(Diagnostic.Kind.ERROR, entity, "Could not write the " + what + " "
          + qualifiedName + " of " + entity + ": " + e.getMessage());
    }
  }

  private void report(Diagnostic.Kind kind, Element element, String message) {
    processingEnv.getMessager().printMessage(kind, message, element);
  }
}
