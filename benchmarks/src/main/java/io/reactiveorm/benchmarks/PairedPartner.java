package io.reactiveorm.benchmarks;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The other half of a {@link PairedBenchmark} pair: one contestant in a JVM of its own, running
 * one operation each time the benchmark's JVM asks for it and answering with how long it took.
 *
 * <p>Why a JVM of its own: the two contestants share the driver, Netty and Reactor, and in one
 * JVM the JIT compiles that shared code for both callers at once (a call site that sees both
 * contestants' lambdas and subscribers may no longer be inlined), and each collects the other's
 * garbage, as in no application. Each contestant in its own JVM is compiled as it would be in
 * production; taking turns, operation by operation, still times both in the same seconds. The
 * JVM that waits for its turn blocks on its socket and uses no CPU. (On the machine where this
 * was introduced the ratios came out the same either way, within the run-to-run spread.)
 *
 * <p>The protocol, over a loopback socket: the benchmark sends the first operation's number (a
 * long) and how many to run (an int); the partner runs those operations of its workload one after
 * the other and answers with the time of each in nanoseconds, then their checksum (longs). The
 * partner exits when the benchmark closes the socket.
 */
public final class PairedPartner implements AutoCloseable {

  private final Process process;
  private final Socket socket;
  private final DataInputStream in;
  private final DataOutputStream out;
  private long[] lastNanos = new long[0];

  private PairedPartner(Process process, Socket socket) throws IOException {
    this.process = process;
    this.socket = socket;
    this.in = new DataInputStream(new BufferedInputStream(socket.getInputStream()));
    this.out = new DataOutputStream(new BufferedOutputStream(socket.getOutputStream()));
  }

  /**
   * Starts a JVM running {@code contestant}'s {@code workload}, with this JVM's heap and
   * collector options and benchmark settings, and waits until it has checked its answers.
   */
  public static PairedPartner start(String contestant, Workload workload) {
    try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      server.setSoTimeout((int) TimeUnit.MINUTES.toMillis(2));
      List<String> command = new ArrayList<>();
      command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      // the same heap and collector settings as this JVM's: they change the time per operation
      ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
          .filter(argument -> argument.startsWith("-X"))
          .forEach(command::add);
      System.getProperties().stringPropertyNames().stream()
          .filter(name -> name.startsWith("bench."))
          .forEach(name -> command.add("-D" + name + "=" + System.getProperty(name)));
      command.add("-cp");
      command.add(System.getProperty("java.class.path"));
      command.add(PairedPartner.class.getName());
      command.addAll(List.of(contestant, workload.method(),
          Integer.toString(server.getLocalPort())));
      Process process = new ProcessBuilder(command).inheritIO().start();
      Socket socket;
      try {
        socket = server.accept();
      } catch (IOException e) {
        process.destroyForcibly();
        throw new IllegalStateException("The paired " + contestant + " JVM did not connect"
            + " within 2 minutes (exit code " + exitCode(process) + "); its output is above", e);
      }
      socket.setTcpNoDelay(true);
      return new PairedPartner(process, socket);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String exitCode(Process process) {
    return process.isAlive() ? "still running" : Integer.toString(process.exitValue());
  }

  /**
   * Runs operations {@code first} to {@code first + count - 1} in the partner, one after the
   * other; returns their checksum.
   */
  public long run(long first, int count) {
    try {
      out.writeLong(first);
      out.writeInt(count);
      out.flush();
      lastNanos = new long[count];
      for (int i = 0; i < count; i++) {
        lastNanos[i] = in.readLong();
      }
      return in.readLong();
    } catch (IOException e) {
      throw new IllegalStateException("The paired JVM stopped answering (exit code "
          + exitCode(process) + "); its output is above", e);
    }
  }

  /** How long each operation of the last {@link #run} took, timed in the partner. */
  public long[] lastNanos() {
    return lastNanos;
  }

  @Override
  public void close() {
    try {
      socket.close();
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }

  /** The partner JVM: arguments contestant, workload (benchmark method name), port. */
  public static void main(String[] args) throws IOException {
    String name = args[0];
    Workload workload = Workload.ofBenchmark(args[1]);
    int port = Integer.parseInt(args[2]);
    BenchConfig config = BenchConfig.current();
    int poolSize = workload == Workload.CONCURRENT ? BenchConfig.CONCURRENT_POOL_SIZE
        : BenchConfig.POOL_SIZE;
    Workloads inputs = new Workloads();
    try (Contestant contestant = Contestants.create(name, config, poolSize)) {
      Workloads.verify(contestant, new Fixture(config), workload);
      try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
        socket.setTcpNoDelay(true);
        serve(contestant, workload, inputs, socket);
      }
    }
  }

  private static void serve(Contestant contestant, Workload workload, Workloads inputs,
      Socket socket) throws IOException {
    DataInputStream in = new DataInputStream(new BufferedInputStream(socket.getInputStream()));
    DataOutputStream out = new DataOutputStream(
        new BufferedOutputStream(socket.getOutputStream()));
    while (true) {
      long first;
      int count;
      try {
        first = in.readLong();
        count = in.readInt();
      } catch (EOFException | SocketException closed) {
        return;
      }
      long sum = 0;
      for (int i = 0; i < count; i++) {
        long start = System.nanoTime();
        sum += inputs.run(contestant, workload, first + i);
        out.writeLong(System.nanoTime() - start);
      }
      out.writeLong(sum);
      out.flush();
    }
  }
}
