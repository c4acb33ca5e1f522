package io.reactiveorm.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * What Linux's {@code /proc} tells about this JVM's threads and the database's processes, for
 * {@link ProfileWorkload}: how often this JVM's threads were switched out (each a thread that
 * went to sleep waiting for another, or was preempted), and the CPU the PostgreSQL processes on
 * this machine used. Zero where {@code /proc} is not there to read.
 */
final class ProcStats {

  /** Clock ticks per second of {@code /proc/[pid]/stat}'s times: 100 on Linux (USER_HZ). */
  private static final long TICK_NANOS = 10_000_000L;

  private ProcStats() {}

  /** Voluntary and involuntary context switches of every thread of this JVM, summed. */
  static long contextSwitches() {
    long total = 0;
    try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
      for (Path task : tasks.toList()) {
        for (String line : readLines(task.resolve("status"))) {
          if (line.startsWith("voluntary_ctxt_switches:")
              || line.startsWith("nonvoluntary_ctxt_switches:")) {
            total += Long.parseLong(line.substring(line.indexOf(':') + 1).trim());
          }
        }
      }
    } catch (IOException | RuntimeException notLinux) {
      return 0;
    }
    return total;
  }

  /** User and system CPU of every process named {@code postgres} on this machine. */
  static long databaseCpuNanos() {
    long ticks = 0;
    try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
      for (Path process : processes.toList()) {
        if (!process.getFileName().toString().chars().allMatch(Character::isDigit)) {
          continue;
        }
        List<String> stat = readLines(process.resolve("stat"));
        if (stat.isEmpty() || !stat.get(0).contains("(postgres)")) {
          continue;
        }
        String line = stat.get(0);
        // fields after the command's closing parenthesis; utime and stime are the 14th and 15th
        String[] fields = line.substring(line.lastIndexOf(')') + 2).split(" ");
        ticks += Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
      }
    } catch (IOException | RuntimeException notLinux) {
      return 0;
    }
    return ticks * TICK_NANOS;
  }

  /** The file's lines, or none if it went away (a thread or process that just ended). */
  private static List<String> readLines(Path file) {
    try {
      return Files.readAllLines(file);
    } catch (IOException gone) {
      return List.of();
    }
  }
}
