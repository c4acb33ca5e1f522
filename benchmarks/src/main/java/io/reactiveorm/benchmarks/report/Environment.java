package io.reactiveorm.benchmarks.report;

import io.reactiveorm.benchmarks.BenchConfig;
import io.reactiveorm.benchmarks.Fixture;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/** The machine, the JVM, the database and the library versions, for the report. */
final class Environment {

  private Environment() {}

  /** Label to value, in report order. */
  static Map<String, String> machine(BenchConfig config) {
    Map<String, String> facts = new LinkedHashMap<>();
    facts.put("CPU", cpuModel() + ", " + Runtime.getRuntime().availableProcessors()
        + " cores available to the JVM");
    if (ManagementFactory.getOperatingSystemMXBean()
        instanceof com.sun.management.OperatingSystemMXBean os) {
      facts.put("Memory", String.format("%.1f GiB", os.getTotalMemorySize() / (1024.0 * 1024 * 1024)));
    }
    facts.put("Load average at start", loadAverage());
    facts.put("OS", System.getProperty("os.name") + " " + System.getProperty("os.version") + " ("
        + System.getProperty("os.arch") + ")");
    facts.put("JVM", System.getProperty("java.vm.name") + " " + System.getProperty(
        "java.runtime.version") + " (" + System.getProperty("java.vm.vendor") + ")");
    facts.put("Database", postgresVersion(config) + " at " + config.describe());
    return facts;
  }

  /** Library to version, read from the Maven metadata inside the jar. */
  static Map<String, String> versions() {
    Map<String, String> versions = new LinkedHashMap<>();
    versions.put("reactive-orm", version("io.reactiveorm", "reactive-orm"));
    versions.put("r2dbc-postgresql", version("org.postgresql", "r2dbc-postgresql"));
    versions.put("r2dbc-pool", version("io.r2dbc", "r2dbc-pool"));
    versions.put("reactor-core", version("io.projectreactor", "reactor-core"));
    versions.put("spring-data-r2dbc", version("org.springframework.data", "spring-data-r2dbc"));
    versions.put("hibernate-reactive-core",
        version("org.hibernate.reactive", "hibernate-reactive-core"));
    versions.put("hibernate-core", version("org.hibernate.orm", "hibernate-core"));
    versions.put("vertx-pg-client", version("io.vertx", "vertx-pg-client"));
    versions.put("pgjdbc (org.postgresql:postgresql)", version("org.postgresql", "postgresql"));
    versions.put("HikariCP", version("com.zaxxer", "HikariCP"));
    versions.put("netty", version("io.netty", "netty-common"));
    versions.put("JMH", version("org.openjdk.jmh", "jmh-core"));
    return versions;
  }

  private static String version(String group, String artifact) {
    String resource = "/META-INF/maven/" + group + "/" + artifact + "/pom.properties";
    String version = property(resource, "version");
    if (version == null && artifact.equals("hibernate-core")) {
      version = org.hibernate.Version.getVersionString();
    }
    if (version == null) {
      // jars built without Maven metadata: the version the build asked for
      version = property("/bench-versions.properties", group + ":" + artifact);
    }
    return version == null ? "?" : version;
  }

  private static String property(String resource, String key) {
    try (InputStream in = Environment.class.getResourceAsStream(resource)) {
      if (in == null) {
        return null;
      }
      Properties properties = new Properties();
      properties.load(in);
      return properties.getProperty(key);
    } catch (IOException e) {
      return null;
    }
  }

  private static String cpuModel() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
        if (line.startsWith("model name")) {
          return line.substring(line.indexOf(':') + 1).trim();
        }
      }
    } catch (IOException | RuntimeException e) {
      // not Linux
    }
    return System.getProperty("os.arch");
  }

  private static String loadAverage() {
    try {
      String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split(" ");
      return parts[0] + " / " + parts[1] + " / " + parts[2] + " (1 / 5 / 15 min)";
    } catch (IOException | RuntimeException e) {
      return String.format("%.2f", ManagementFactory.getOperatingSystemMXBean()
          .getSystemLoadAverage());
    }
  }

  private static String postgresVersion(BenchConfig config) {
    try (Connection connection = new Fixture(config).connect();
        Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery("SHOW server_version")) {
      rs.next();
      return "PostgreSQL " + rs.getString(1);
    } catch (Exception e) {
      return "PostgreSQL (version unknown: " + e.getMessage() + ")";
    }
  }
}
