package io.reactiveorm.test;

import reactor.blockhound.BlockHound;
import reactor.blockhound.integration.BlockHoundIntegration;

/**
 * Teaches BlockHound about the few places where the supported R2DBC drivers do blocking work of
 * their own on a reactive thread, so that tests fail for blocking in your code and ours, not in
 * the drivers'. Loaded by BlockHound through {@code ServiceLoader} when the test kit is on the
 * test classpath.
 *
 * <ul>
 *   <li>r2dbc-mariadb loads its authentication plugins with {@code ServiceLoader} (reading jar
 *       files) during the handshake of every new connection, and reads its version from a
 *       properties file the first time it connects.
 *   <li>r2dbc-mariadb guards each connection's command and reply queues with a {@code
 *       ReentrantLock}, held for a few instructions; a thread that finds it taken parks briefly.
 *       The lambdas are named as compiled in r2dbc-mariadb 1.4.
 *   <li>Netty 4.2's adaptive buffer allocator, which both network drivers read with, takes a
 *       {@code StampedLock} when it frees a buffer magazine, which it does when it grows the
 *       magazines under contention; Netty's own BlockHound integration does not list it yet.
 *       Seen on an event loop of r2dbc-mariadb reading pages on two connections at once.
 *   <li>r2dbc-h2 runs the embedded database in the calling thread; its storage engine takes locks
 *       and may touch files. H2 is in-process by design, so this is not I/O on the network path.
 * </ul>
 */
public final class DriverBlockHoundIntegration implements BlockHoundIntegration {

  @Override
  public void applyTo(BlockHound.Builder builder) {
    builder.allowBlockingCallsInside(
        "org.mariadb.r2dbc.authentication.AuthenticationFlowPluginLoader", "get");
    builder.allowBlockingCallsInside("org.mariadb.r2dbc.util.VersionFactory", "getInstance");
    for (String method : new String[] {"executeWhenNotInTransaction", "executeWhenTransaction",
        "setAutoCommit", "sendCommandWithoutResult", "lambda$receive$15", "lambda$sendCommand$17",
        "lambda$sendCommand$20"}) {
      builder.allowBlockingCallsInside("org.mariadb.r2dbc.client.SimpleClient", method);
    }
    builder.allowBlockingCallsInside(
        "org.mariadb.r2dbc.client.SimpleClient$ServerMessageSubscriber", "tryDrainQueue");
    builder.allowBlockingCallsInside("io.netty.buffer.AdaptivePoolingAllocator$Magazine", "free");
    builder.allowBlockingCallsInside("io.netty.buffer.AdaptivePoolingAllocator$MagazineGroup",
        "free");
    builder.allowBlockingCallsInside("org.h2.engine.SessionLocal", "executeQuery");
    builder.allowBlockingCallsInside("org.h2.command.Command", "executeQuery");
    builder.allowBlockingCallsInside("org.h2.command.Command", "executeUpdate");
    builder.allowBlockingCallsInside("org.h2.engine.Engine", "createSession");
  }
}
