package io.reactiveorm.internal.meta;

import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.UUID;

/**
 * Random (version 4) UUIDs for {@code @GeneratedValue UUID} ids, without I/O on the calling
 * thread. {@code UUID.randomUUID()} draws from the platform's default {@code SecureRandom}, which
 * on Linux refills its buffer from {@code /dev/urandom} now and then: a blocking file read on
 * whichever reactive thread happens to insert. A DRBG reads its seed once, when the first model
 * with a generated UUID id is read (at {@code Orm} build time), and only computes afterwards.
 */
public final class UuidGenerator {

  private static final SecureRandom RANDOM = seeded();

  private UuidGenerator() {}

  /** Seeds the generator now, on the caller's thread, if that has not happened yet. */
  static void prepare() {
    // loading the class ran the static initializer, which did the seeding
  }

  /** A new random UUID. */
  public static UUID next() {
    byte[] bytes = new byte[16];
    RANDOM.nextBytes(bytes);
    bytes[6] = (byte) ((bytes[6] & 0x0f) | 0x40); // version 4
    bytes[8] = (byte) ((bytes[8] & 0x3f) | 0x80); // IETF variant
    long high = 0;
    long low = 0;
    for (int i = 0; i < 8; i++) {
      high = (high << 8) | (bytes[i] & 0xff);
      low = (low << 8) | (bytes[i + 8] & 0xff);
    }
    return new UUID(high, low);
  }

  private static SecureRandom seeded() {
    SecureRandom random;
    try {
      random = SecureRandom.getInstance("DRBG");
    } catch (NoSuchAlgorithmException e) {
      random = new SecureRandom();
    }
    random.nextBytes(new byte[16]); // a DRBG seeds itself lazily, on first use
    return random;
  }
}
