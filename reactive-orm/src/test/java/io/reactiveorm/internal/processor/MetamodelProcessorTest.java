package io.reactiveorm.internal.processor;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.reactiveorm.internal.meta.GeneratedAccess;
import io.reactiveorm.query.Column;
import io.reactiveorm.query.ComparableColumn;
import io.reactiveorm.query.NumberColumn;
import io.reactiveorm.query.StringColumn;
import io.reactiveorm.relation.Relation;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Compiles small entities in memory with the {@link MetamodelProcessor}, then loads the generated
 * metamodel to check what the compiler and the query DSL will actually see.
 */
class MetamodelProcessorTest {

  private static final Source STATUS = new Source("com.acme.Status", """
      package com.acme;

      public enum Status { ACTIVE, BLOCKED }
      """);

  private static final Source USER = new Source("com.acme.User", """
      package com.acme;

      import jakarta.persistence.Entity;
      import jakarta.persistence.Id;
      import jakarta.persistence.Transient;
      import jakarta.validation.constraints.NotNull;
      import java.math.BigDecimal;
      import java.time.LocalDate;
      import java.util.List;
      import java.util.UUID;

      @Entity
      public class User {
        @Id long id;
        String name;
        int age;
        @NotNull Integer score; // a type-use annotation must not leak into the generated type
        BigDecimal balance;
        boolean active;
        LocalDate birthday;
        UUID externalId;
        Status status;
        byte[] avatar;
        List<String> tags;

        static int instances;
        transient String sessionToken;
        @Transient String displayName;
      }
      """);

  /** Entities related to each other: User has a Role and Posts, a Post has Tags. */
  private static final Source ROLE = new Source("com.acme.Role", """
      package com.acme;

      import io.reactiveorm.relation.RefList;
      import jakarta.persistence.Entity;
      import jakarta.persistence.OneToMany;

      @Entity
      public class Role {
        String name;
        @OneToMany(mappedBy = "role") RefList<Member> members = RefList.empty();
      }
      """);

  private static final Source MEMBER = new Source("com.acme.Member", """
      package com.acme;

      import io.reactiveorm.relation.Ref;
      import io.reactiveorm.relation.RefList;
      import jakarta.persistence.Entity;
      import jakarta.persistence.ManyToOne;
      import jakarta.persistence.OneToMany;

      @Entity
      public class Member {
        String name;
        @ManyToOne Ref<Role> role = Ref.empty();
        @OneToMany(mappedBy = "author") RefList<Post> posts = RefList.empty();
      }
      """);

  private static final Source POST = new Source("com.acme.Post", """
      package com.acme;

      import io.reactiveorm.relation.Ref;
      import io.reactiveorm.relation.RefList;
      import jakarta.persistence.Entity;
      import jakarta.persistence.ManyToMany;
      import jakarta.persistence.ManyToOne;

      @Entity
      public class Post {
        String title;
        @ManyToOne Ref<Member> author = Ref.empty();
        @ManyToMany RefList<Tag> tags = RefList.empty();
      }
      """);

  private static final Source TAG = new Source("com.acme.Tag", """
      package com.acme;

      @jakarta.persistence.Entity
      public class Tag {
        String label;
      }
      """);

  @TempDir
  Path output;

  @Test
  void generatesOneTypedConstantPerPersistentField() throws Exception {
    Compilation compilation = compile(STATUS, USER);

    // -Xlint:all is on: the generated code must compile without a single warning.
    assertThat(compilation.problems()).isEmpty();
    try (URLClassLoader loader = compilation.classLoader()) {
      Class<?> user = loader.loadClass("com.acme.User");
      Class<?> status = loader.loadClass("com.acme.Status");
      Class<?> metamodel = loader.loadClass("com.acme.User_");

      assertThat(constantNames(metamodel)).containsExactlyInAnyOrder("id", "name", "age", "score",
          "balance", "active", "birthday", "externalId", "status", "avatar", "tags");
      assertColumn(metamodel, "id", NumberColumn.class, user, Long.class);
      assertColumn(metamodel, "name", StringColumn.class, user, String.class);
      assertColumn(metamodel, "age", NumberColumn.class, user, Integer.class);
      assertColumn(metamodel, "score", NumberColumn.class, user, Integer.class);
      assertColumn(metamodel, "balance", NumberColumn.class, user, BigDecimal.class);
      assertColumn(metamodel, "active", Column.class, user, Boolean.class);
      assertColumn(metamodel, "birthday", ComparableColumn.class, user, LocalDate.class);
      assertColumn(metamodel, "externalId", ComparableColumn.class, user, UUID.class);
      assertColumn(metamodel, "status", Column.class, user, status);
      assertColumn(metamodel, "avatar", Column.class, user, byte[].class);

      // A parameterized field keeps its full type in the constant, its raw class at run time.
      Field tags = metamodel.getDeclaredField("tags");
      assertThat(valueTypeOf(tags).getTypeName()).isEqualTo("java.util.List<java.lang.String>");
      assertThat(((Column<?, ?>) tags.get(null)).javaType()).isEqualTo(List.class);
    }
  }

  @Test
  void generatesAPublicFinalAnnotatedClassWithAPrivateConstructor() throws Exception {
    Compilation compilation = compile(STATUS, USER);

    try (URLClassLoader loader = compilation.classLoader()) {
      Class<?> metamodel = loader.loadClass("com.acme.User_");
      assertThat(Modifier.isPublic(metamodel.getModifiers())).isTrue();
      assertThat(Modifier.isFinal(metamodel.getModifiers())).isTrue();
      assertThat(metamodel.getDeclaredConstructors())
          .allSatisfy(constructor -> assertThat(Modifier.isPrivate(constructor.getModifiers()))
              .isTrue());
    }
    assertThat(compilation.generatedSource("com.acme.User_"))
        .contains("/** Type-safe metamodel of {@link User}, generated by reactive-orm. */")
        .contains("@javax.annotation.processing.Generated("
            + "\"io.reactiveorm.internal.processor.MetamodelProcessor\")");
  }

  @Test
  void constantsCarryTheFieldTypeSoTheCompilerChecksValues() throws Exception {
    Source validQuery = query("User_.age.ge(18)");
    assertThat(compile(STATUS, USER, validQuery).succeeded()).isTrue();

    Source invalidQuery = query("User_.age.ge(\"x\")");
    Compilation compilation = compile(STATUS, USER, invalidQuery);

    assertThat(compilation.succeeded()).isFalse();
    assertThat(compilation.errors()).singleElement().satisfies(error -> {
      assertThat(error.getSource().getName()).endsWith("Query.java");
      assertThat(error.getLineNumber()).isEqualTo(invalidQuery.lineOf("ge(\"x\")"));
      assertThat(error.getMessage(Locale.ENGLISH))
          .contains("java.lang.String cannot be converted to java.lang.Integer");
    });
  }

  @Test
  void includesMappedSuperclassFieldsFirstWithTheirTypeArgumentsResolved() throws Exception {
    Source plainBase = new Source("com.acme.PlainBase", """
        package com.acme;

        public abstract class PlainBase {
          String notMapped;
        }
        """);
    Source identified = new Source("com.acme.Identified", """
        package com.acme;

        @jakarta.persistence.MappedSuperclass
        public abstract class Identified<K> extends PlainBase {
          K id;
        }
        """);
    Source audited = new Source("com.acme.Audited", """
        package com.acme;

        @jakarta.persistence.MappedSuperclass
        public abstract class Audited<K> extends Identified<K> {
          java.time.Instant createdAt;
          @jakarta.persistence.Transient Object cache;
        }
        """);
    Source invoice = new Source("com.acme.Invoice", """
        package com.acme;

        @jakarta.persistence.Entity
        public class Invoice extends Audited<Long> {
          java.math.BigDecimal total;
        }
        """);

    Compilation compilation = compile(plainBase, identified, audited, invoice);

    assertThat(compilation.problems()).isEmpty();
    try (URLClassLoader loader = compilation.classLoader()) {
      Class<?> entity = loader.loadClass("com.acme.Invoice");
      Class<?> metamodel = loader.loadClass("com.acme.Invoice_");
      assertThat(constantNames(metamodel)).containsExactlyInAnyOrder("id", "createdAt", "total");
      assertColumn(metamodel, "id", NumberColumn.class, entity, Long.class);
      assertColumn(metamodel, "createdAt", ComparableColumn.class, entity, Instant.class);
      assertColumn(metamodel, "total", NumberColumn.class, entity, BigDecimal.class);
    }
    try (URLClassLoader loader = compilation.classLoader()) {
      // the generic superclass's field is reached with its erased type, and takes the Long
      GeneratedAccess access = generatedAccess(loader, "com.acme.Invoice_Access");
      Object read = access.newInstance();
      int id = access.slot("com.acme.Identified.id");
      access.set(read, id, 7L);
      assertThat(access.get(read, id)).isEqualTo(7L);
    }
    String source = compilation.generatedSource("com.acme.Invoice_");
    assertThat(source.indexOf(" id =")).isLessThan(source.indexOf(" createdAt ="));
    assertThat(source.indexOf(" createdAt =")).isLessThan(source.indexOf(" total ="));
  }

  @Test
  void namesTheMetamodelOfANestedEntityAfterItsEnclosingClasses() throws Exception {
    Source outer = new Source("com.acme.Outer", """
        package com.acme;

        public class Outer {
          @jakarta.persistence.Entity
          public static class User {
            String name;
          }
        }
        """);

    Compilation compilation = compile(outer);

    assertThat(compilation.problems()).isEmpty();
    try (URLClassLoader loader = compilation.classLoader()) {
      Class<?> entity = loader.loadClass("com.acme.Outer$User");
      Class<?> metamodel = loader.loadClass("com.acme.Outer_User_");
      assertColumn(metamodel, "name", StringColumn.class, entity, String.class);
    }
    assertThat(compilation.generatedSource("com.acme.Outer_User_"))
        .contains("{@link Outer.User}");
  }

  @Test
  void generatesAPackagePrivateMetamodelForANonPublicEntity() throws Exception {
    Source secret = new Source("com.acme.Secret", """
        package com.acme;

        @jakarta.persistence.Entity
        class Secret {
          String code;
        }
        """);

    Compilation compilation = compile(secret);

    assertThat(compilation.problems()).isEmpty();
    try (URLClassLoader loader = compilation.classLoader()) {
      Class<?> metamodel = loader.loadClass("com.acme.Secret_");
      int modifiers = metamodel.getModifiers();
      assertThat(Modifier.isPublic(modifiers) || Modifier.isProtected(modifiers)).isFalse();
      assertThat(Modifier.isFinal(modifiers)).isTrue();
    }
  }

  @Test
  void leavesOutFieldsOfRelationTypes() throws Exception {
    Source reference = new Source("io.reactiveorm.relation.TestReference", """
        package io.reactiveorm.relation;

        public class TestReference<T> {}
        """);
    Source order = new Source("com.acme.Order", """
        package com.acme;

        @jakarta.persistence.Entity
        public class Order {
          String number;
          io.reactiveorm.relation.TestReference<Order> parent;
        }
        """);

    Compilation compilation = compile(reference, order);

    try (URLClassLoader loader = compilation.classLoader()) {
      assertThat(constantNames(loader.loadClass("com.acme.Order_"))).containsExactly("number");
    }
  }

  @Test
  void generatesARelationConstantPerRefAndRefListField() throws Exception {
    Compilation compilation = compile(ROLE, MEMBER, POST, TAG);

    // -Xlint:all is on: the generated code must compile without a single warning.
    assertThat(compilation.problems()).isEmpty();
    try (URLClassLoader loader = compilation.classLoader()) {
      Class<?> member = loader.loadClass("com.acme.Member");
      Class<?> role = loader.loadClass("com.acme.Role");
      Class<?> post = loader.loadClass("com.acme.Post");
      Class<?> tag = loader.loadClass("com.acme.Tag");

      Class<?> memberModel = loader.loadClass("com.acme.Member_");
      assertThat(constantNames(memberModel)).containsExactlyInAnyOrder("name", "role", "posts");
      assertColumn(memberModel, "name", StringColumn.class, member, String.class);
      assertRelation(memberModel, "role", member, role);
      assertRelation(memberModel, "posts", member, post);

      Class<?> postModel = loader.loadClass("com.acme.Post_");
      assertThat(constantNames(postModel)).containsExactlyInAnyOrder("title", "author", "tags");
      assertRelation(postModel, "author", post, member);
      assertRelation(postModel, "tags", post, tag);

      assertRelation(loader.loadClass("com.acme.Role_"), "members", role, member);
    }
    assertThat(compilation.generatedSource("com.acme.Member_"))
        .contains("import io.reactiveorm.relation.Relation;")
        .contains("public static final Relation<Member, com.acme.Role> role =\n"
            + "      Relation.of(Member.class, \"role\", com.acme.Role.class);");
  }

  @Test
  void relationConstantsLetTheCompilerCheckFetchPaths() throws Exception {
    Source validPaths = fetches(
        "io.reactiveorm.Query<Member> query(io.reactiveorm.Query<Member> query) {\n"
            + "    return query.with(Member_.posts.then(Post_.tags));\n"
            + "  }\n"
            + "  FetchPath<Member> path() {\n"
            + "    return Member_.posts.then(Post_.author.then(Member_.role));\n"
            + "  }");
    Compilation valid = compile(ROLE, MEMBER, POST, TAG, validPaths);
    assertThat(valid.succeeded()).isTrue();
    assertThat(valid.errors()).isEmpty();

    // Role_.members starts at Role, but Member_.posts loads Posts.
    Source wrongSource = fetches(
        "FetchPath<Member> path() {\n"
            + "    return Member_.posts.then(Role_.members);\n"
            + "  }");
    Compilation invalid = compile(ROLE, MEMBER, POST, TAG, wrongSource);

    assertThat(invalid.succeeded()).isFalse();
    assertThat(invalid.errors()).singleElement().satisfies(error -> {
      assertThat(error.getSource().getName()).endsWith("Fetches.java");
      assertThat(error.getLineNumber()).isEqualTo(wrongSource.lineOf("Role_.members"));
      assertThat(error.getMessage(Locale.ENGLISH))
          .contains("FetchPath<com.acme.Post>");
    });
  }

  @Test
  void resolvesRelationTargetsOfMappedSuperclassesAndWarnsWhenThereIsNone() throws Exception {
    Source owned = new Source("com.acme.Owned", """
        package com.acme;

        @jakarta.persistence.MappedSuperclass
        public abstract class Owned<O> {
          @jakarta.persistence.ManyToOne io.reactiveorm.relation.Ref<O> owner;
        }
        """);
    Source account = new Source("com.acme.Account", """
        package com.acme;

        import io.reactiveorm.relation.FetchPath;
        import io.reactiveorm.relation.Ref;
        import io.reactiveorm.relation.RefList;

        @jakarta.persistence.Entity
        public class Account extends Owned<Role> {
          String name;
          @SuppressWarnings("rawtypes") Ref untyped;
          RefList<? extends Tag> wildcard;
          FetchPath<Account> notARelation;
        }
        """);
    Source orphan = new Source("com.acme.Orphan", """
        package com.acme;

        @jakarta.persistence.Entity
        @SuppressWarnings("rawtypes")
        public class Orphan extends Owned {
          String name;
        }
        """);

    Compilation compilation = compile(ROLE, MEMBER, POST, TAG, owned, account, orphan);

    assertThat(compilation.succeeded()).isTrue();
    assertThat(compilation.warnings()).satisfiesExactlyInAnyOrder(
        warning -> assertThat(warning).contains("com.acme.Account", "field untyped", "raw Ref"),
        warning -> assertThat(warning)
            .contains("com.acme.Account", "field wildcard", "? extends com.acme.Tag"),
        warning -> assertThat(warning).contains("com.acme.Orphan", "field owner", "raw Ref"));
    try (URLClassLoader loader = compilation.classLoader()) {
      Class<?> accountModel = loader.loadClass("com.acme.Account_");
      assertThat(constantNames(accountModel)).containsExactlyInAnyOrder("owner", "name");
      assertRelation(accountModel, "owner", loader.loadClass("com.acme.Account"),
          loader.loadClass("com.acme.Role"));
      assertThat(constantNames(loader.loadClass("com.acme.Orphan_"))).containsExactly("name");
    }
  }

  @Test
  void keepsRelationConstantsFromObscuringOrHidingTheNamesTheyUse() throws Exception {
    Source namedRelation = new Source("com.acme.Relation", """
        package com.acme;

        @jakarta.persistence.Entity
        public class Relation {
          @jakarta.persistence.ManyToOne io.reactiveorm.relation.Ref<Role> role;
        }
        """);
    Source relationField = new Source("com.acme.Grant", """
        package com.acme;

        @jakarta.persistence.Entity
        public class Grant {
          @jakarta.persistence.ManyToOne io.reactiveorm.relation.Ref<Role> Relation;
        }
        """);
    Source packageField = new Source("com.acme.Badge", """
        package com.acme;

        @jakarta.persistence.Entity
        public class Badge {
          @jakarta.persistence.ManyToOne io.reactiveorm.relation.Ref<Role> com;
        }
        """);

    Compilation compilation =
        compile(ROLE, MEMBER, POST, TAG, namedRelation, relationField, packageField);

    assertThat(compilation.succeeded()).isTrue();
    assertThat(compilation.warnings()).satisfiesExactlyInAnyOrder(
        warning -> assertThat(warning).contains("com.acme.Grant", "rename field Relation"),
        warning -> assertThat(warning).contains("com.acme.Badge", "rename field com"));
    try (URLClassLoader loader = compilation.classLoader()) {
      // The import of io.reactiveorm.relation.Relation would hide the entity: it is qualified.
      assertRelation(loader.loadClass("com.acme.Relation_"), "role",
          loader.loadClass("com.acme.Relation"), loader.loadClass("com.acme.Role"));
      assertThat(compilation.generatedSource("com.acme.Relation_"))
          .contains("Relation<com.acme.Relation, com.acme.Role> role");
    }
    assertThat(compilation.generatedFiles()).map(file -> file.getFileName().toString())
        .doesNotContain("Grant_.java", "Badge_.java");
  }

  @Test
  void generatesFieldAccessForWhatTheEntitysPackageCanReach() throws Exception {
    Source base = new Source("com.base.Stamped", """
        package com.base;

        @jakarta.persistence.MappedSuperclass
        public abstract class Stamped {
          protected Long id;
          public String code;
        }
        """);
    Source shop = new Source("com.acme.Shop", """
        package com.acme;

        @jakarta.persistence.Entity
        public class Shop extends com.base.Stamped {
          @jakarta.validation.constraints.NotNull String name; // not in the cast
          int visits;
          private String secret;
          final String fixed = "x";

          protected Shop() {}
        }
        """);

    Compilation compilation = compile(base, shop);

    assertThat(compilation.problems()).isEmpty();
    try (URLClassLoader loader = compilation.classLoader()) {
      GeneratedAccess access = generatedAccess(loader, "com.acme.Shop_Access");
      assertThat(access.constructs()).isTrue();
      Object entity = access.newInstance();
      assertThat(entity.getClass().getName()).isEqualTo("com.acme.Shop");
      int name = access.slot("com.acme.Shop.name");
      access.set(entity, name, "Corner shop");
      assertThat(access.get(entity, name)).isEqualTo("Corner shop");
      int visits = access.slot("com.acme.Shop.visits");
      access.set(entity, visits, 3);
      assertThat(access.get(entity, visits)).isEqualTo(3);
      int code = access.slot("com.base.Stamped.code");
      access.set(entity, code, "C-1");
      assertThat(access.get(entity, code)).isEqualTo("C-1");
      assertThat(access.get(entity, name)).as("each slot its own field").isEqualTo("Corner shop");
      // left to method handles: a private field, a final one, and a protected field of a
      // superclass in another package, which the generated class cannot reach
      assertThat(access.slot("com.acme.Shop.secret")).isEqualTo(-1);
      assertThat(access.slot("com.acme.Shop.fixed")).isEqualTo(-1);
      assertThat(access.slot("com.base.Stamped.id")).isEqualTo(-1);
      assertThat(access.slot("com.acme.Shop.unknown")).isEqualTo(-1);
    }
  }

  private static GeneratedAccess generatedAccess(ClassLoader loader, String name)
      throws ReflectiveOperationException {
    var constructor = loader.loadClass(name).getDeclaredConstructor();
    constructor.setAccessible(true);
    return (GeneratedAccess) constructor.newInstance();
  }

  @Test
  void reportsWhatItCannotGenerateInsteadOfFailing() throws Exception {
    Source outer = new Source("com.acme.Holder", """
        package com.acme;

        public class Holder {
          @jakarta.persistence.Entity
          private static class Hidden {
            String name;
          }
        }
        """);
    Source clash = new Source("com.acme.Clash", """
        package com.acme;

        @jakarta.persistence.Entity
        public class Clash {
          Integer java;
        }
        """);

    Compilation compilation = compile(outer, clash);

    assertThat(compilation.succeeded()).isTrue();
    assertThat(compilation.warnings()).satisfiesExactlyInAnyOrder(
        warning -> assertThat(warning).contains("com.acme.Holder.Hidden", "private"),
        warning -> assertThat(warning).contains("com.acme.Clash", "java"));
    // the field access names no type after a field, so the clash does not concern it
    assertThat(compilation.generatedFiles()).map(file -> file.getFileName().toString())
        .containsExactly("Clash_Access.java");
  }

  private static void assertColumn(Class<?> metamodel, String name, Class<?> columnClass,
      Class<?> entity, Class<?> valueType) throws ReflectiveOperationException {
    Field constant = metamodel.getDeclaredField(name);
    int modifiers = constant.getModifiers();
    assertThat(Modifier.isPublic(modifiers) && Modifier.isStatic(modifiers)
        && Modifier.isFinal(modifiers)).as("%s is public static final", name).isTrue();

    // The declared type is what the compiler checks queries against.
    ParameterizedType declaredType = (ParameterizedType) constant.getGenericType();
    List<Type> expectedArguments =
        columnClass == StringColumn.class ? List.of(entity) : List.of(entity, valueType);
    assertThat(declaredType.getRawType()).as("column class of %s", name).isEqualTo(columnClass);
    assertThat(declaredType.getActualTypeArguments()).as("type arguments of %s", name)
        .containsExactlyElementsOf(expectedArguments);

    Column<?, ?> column = (Column<?, ?>) constant.get(null);
    assertThat(column).isInstanceOf(columnClass);
    assertThat(column.field()).isEqualTo(name);
    assertThat(column.entityType()).isEqualTo(entity);
    assertThat(column.javaType()).isEqualTo(valueType);
  }

  private static void assertRelation(Class<?> metamodel, String name, Class<?> entity,
      Class<?> target) throws ReflectiveOperationException {
    Field constant = metamodel.getDeclaredField(name);
    int modifiers = constant.getModifiers();
    assertThat(Modifier.isPublic(modifiers) && Modifier.isStatic(modifiers)
        && Modifier.isFinal(modifiers)).as("%s is public static final", name).isTrue();

    // The declared type is what the compiler checks fetch paths against.
    ParameterizedType declaredType = (ParameterizedType) constant.getGenericType();
    assertThat(declaredType.getRawType()).as("class of %s", name).isEqualTo(Relation.class);
    assertThat(declaredType.getActualTypeArguments()).as("type arguments of %s", name)
        .containsExactly(entity, target);

    Relation<?, ?> relation = (Relation<?, ?>) constant.get(null);
    assertThat(relation.field()).isEqualTo(name);
    assertThat(relation.entityType()).isEqualTo(entity);
    assertThat(relation.targetType()).isEqualTo(target);
  }

  private static Type valueTypeOf(Field constant) {
    return ((ParameterizedType) constant.getGenericType()).getActualTypeArguments()[1];
  }

  private static List<String> constantNames(Class<?> metamodel) {
    return Arrays.stream(metamodel.getDeclaredFields())
        .filter(field -> !field.isSynthetic())
        .map(Field::getName)
        .toList();
  }

  private static Source query(String condition) {
    return new Source("com.acme.Query", """
        package com.acme;

        class Query {
          Object condition() {
            return %s;
          }
        }
        """.formatted(condition));
  }

  private static Source fetches(String members) {
    return new Source("com.acme.Fetches", """
        package com.acme;

        import io.reactiveorm.relation.FetchPath;

        class Fetches {
          %s
        }
        """.formatted(members));
  }

  /** Compiles the sources with the processor, into a fresh directory under the test's. */
  private Compilation compile(Source... sources) throws IOException {
    Path directory = Files.createTempDirectory(output, "compilation");
    Path classes = Files.createDirectory(directory.resolve("classes"));
    Path generatedSources = Files.createDirectory(directory.resolve("generated-sources"));
    JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    List<String> options = List.of(
        "-classpath", System.getProperty("java.class.path"),
        "-d", classes.toString(),
        "-s", generatedSources.toString(),
        // The project's own lint settings; "path" and "options" only concern the test classpath.
        "-Xlint:all,-processing,-serial,-options,-path");
    try (StandardJavaFileManager fileManager =
        compiler.getStandardFileManager(diagnostics, Locale.ENGLISH, UTF_8)) {
      JavaCompiler.CompilationTask task =
          compiler.getTask(null, fileManager, diagnostics, options, null, List.of(sources));
      task.setProcessors(List.of(new MetamodelProcessor()));
      boolean succeeded = task.call();
      return new Compilation(succeeded, diagnostics.getDiagnostics(), classes, generatedSources);
    }
  }

  /** A Java source file held in memory. */
  private static final class Source extends SimpleJavaFileObject {

    private final String code;

    Source(String className, String code) {
      super(URI.create("string:///" + className.replace('.', '/') + Kind.SOURCE.extension),
          Kind.SOURCE);
      this.code = code;
    }

    @Override
    public CharSequence getCharContent(boolean ignoreEncodingErrors) {
      return code;
    }

    /** The 1-based line that contains {@code text}. */
    long lineOf(String text) {
      String before = code.substring(0, code.indexOf(text));
      return before.lines().count() + (before.endsWith("\n") ? 1 : 0);
    }
  }

  /** The outcome of one compilation. */
  private record Compilation(boolean succeeded,
      List<Diagnostic<? extends JavaFileObject>> diagnostics, Path classes,
      Path generatedSources) {

    /** Everything the compiler reported beyond plain notes. */
    List<String> problems() {
      return diagnostics.stream()
          .filter(diagnostic -> diagnostic.getKind() != Diagnostic.Kind.NOTE)
          .map(diagnostic -> diagnostic.getKind() + ": " + diagnostic.getMessage(Locale.ENGLISH))
          .toList();
    }

    List<String> warnings() {
      return diagnostics.stream()
          .filter(diagnostic -> diagnostic.getKind() == Diagnostic.Kind.WARNING
              || diagnostic.getKind() == Diagnostic.Kind.MANDATORY_WARNING)
          .map(diagnostic -> diagnostic.getMessage(Locale.ENGLISH))
          .toList();
    }

    List<Diagnostic<? extends JavaFileObject>> errors() {
      return diagnostics.stream()
          .filter(diagnostic -> diagnostic.getKind() == Diagnostic.Kind.ERROR)
          .toList();
    }

    String generatedSource(String className) throws IOException {
      return Files.readString(generatedSources.resolve(className.replace('.', '/') + ".java"));
    }

    List<Path> generatedFiles() throws IOException {
      try (var files = Files.walk(generatedSources)) {
        return files.filter(Files::isRegularFile).toList();
      }
    }

    /** Loads the compiled classes; the query DSL comes from the test's own class path. */
    URLClassLoader classLoader() throws IOException {
      return new URLClassLoader(new URL[] {classes.toUri().toURL()},
          MetamodelProcessorTest.class.getClassLoader());
    }
  }
}
