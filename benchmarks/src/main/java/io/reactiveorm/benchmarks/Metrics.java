package io.reactiveorm.benchmarks;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.Properties;

/**
 * What a JMH fork measured besides time and allocation (statements per operation, peak heap),
 * left in a file per benchmark and contestant for the report, which runs in another JVM.
 */
public final class Metrics {

  public static final String STATEMENTS_PER_OP = "statementsPerOp";
  public static final String PEAK_HEAP_BYTES = "peakHeapBytes";
  public static final String PEAK_LIVE_HEAP_BYTES = "peakLiveHeapBytes";

  private Metrics() {}

  private static Path file(Path dir, Workload workload, String contestant) {
    return dir.resolve(workload.method() + "." + contestant + ".properties");
  }

  public static void write(Workload workload, String contestant, Map<String, ?> values) {
    Path dir = BenchConfig.metricsDir();
    Properties properties = new Properties();
    values.forEach((key, value) -> properties.setProperty(key, String.valueOf(value)));
    try {
      Files.createDirectories(dir);
      try (Writer writer = Files.newBufferedWriter(file(dir, workload, contestant))) {
        properties.store(writer, null);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Forgets what an earlier run left, so that a fork that fails leaves nothing to misread. */
  public static void delete(Path dir, Workload workload, String contestant) {
    try {
      Files.deleteIfExists(file(dir, workload, contestant));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Keeps a copy of what a fork left under {@code contestant}, as {@code contestant-tag}, where
   * the next fork will not delete it: a run stopped before its report still leaves each pair of
   * JVMs' times behind.
   */
  public static void keep(Path dir, Workload workload, String contestant, String tag) {
    Path file = file(dir, workload, contestant);
    try {
      if (Files.exists(file)) {
        Files.copy(file, file(dir, workload, contestant + "-" + tag),
            StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The values a fork left, empty when it left none. */
  public static Properties read(Path dir, Workload workload, String contestant) {
    Properties properties = new Properties();
    Path file = file(dir, workload, contestant);
    if (Files.exists(file)) {
      try (Reader reader = Files.newBufferedReader(file)) {
        properties.load(reader);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return properties;
  }
}
