package io.socketeer.server.internal;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * Makes socket ids and private session ids: 20 URL-safe base64 characters from 15 bytes of a
 * secure random source (120 bits), the same shape as the reference's ids and never derived from
 * the secret Engine.IO session id.
 */
public final class Ids {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

  private Ids() {}

  /** Returns a new random id. */
  public static String next() {
    byte[] bytes = new byte[15];
    RANDOM.nextBytes(bytes);
    return ENCODER.encodeToString(bytes);
  }
}
