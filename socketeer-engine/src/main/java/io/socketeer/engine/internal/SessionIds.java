package io.socketeer.engine.internal;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.function.Supplier;

/**
 * Makes session ids: 15 bytes (120 bits) from a {@link SecureRandom}, written as 20 characters of
 * URL-safe base64, the same shape as the reference's ids. Ids are secrets (whoever knows one can use
 * the session), so they carry no counter and no time. Thread-safe.
 */
public final class SessionIds implements Supplier<String> {
  private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

  /** The source of randomness; SecureRandom is thread-safe. */
  private final SecureRandom random = new SecureRandom();

  @Override
  public String get() {
    byte[] bytes = new byte[15];
    random.nextBytes(bytes);
    return ENCODER.encodeToString(bytes);
  }
}
