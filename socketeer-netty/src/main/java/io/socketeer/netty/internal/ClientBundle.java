package io.socketeer.netty.internal;

import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The official browser client ({@code socket.io-client}'s published {@code dist/} files), packed
 * into this module's jar by the build, served under the Socket.IO path as the reference server does:
 * {@code socket.io.js}, {@code .min.js}, {@code .esm.min.js}, {@code .msgpack.min.js} and their
 * source maps, with the client version as ETag.
 */
public final class ClientBundle {
  /** Where the build puts the files. */
  static final String RESOURCE_DIR = "io/socketeer/netty/client/";

  private static final String[] FILES = {
    "socket.io.js", "socket.io.min.js", "socket.io.esm.min.js", "socket.io.msgpack.min.js"
  };
  private static final Pattern VERSION = Pattern.compile("Socket\\.IO v(\\d+\\.\\d+\\.\\d+)");

  private ClientBundle() {}

  /**
   * Adds the bundle's files under {@code path} (e.g. {@code /socket.io/}).
   *
   * @throws IllegalStateException if the jar was built without the bundle
   */
  public static void addTo(StaticFiles.Builder files, String path) {
    ClassLoader loader = ClientBundle.class.getClassLoader();
    byte[] main = StaticFiles.read(loader, RESOURCE_DIR + FILES[0]);
    if (main == null) {
      throw new IllegalStateException("the socket.io-client bundle is missing from the classpath ("
          + RESOURCE_DIR + "); build socketeer-netty with Node available, or turn serveClient off");
    }
    String head = new String(main, 0, Math.min(main.length, 200), StandardCharsets.UTF_8);
    Matcher m = VERSION.matcher(head);
    String version = m.find() ? m.group(1) : Integer.toHexString(java.util.Arrays.hashCode(main));
    for (String name : FILES) {
      byte[] source = StaticFiles.read(loader, RESOURCE_DIR + name);
      if (source != null) {
        files.add(path + name, source, "application/javascript; charset=utf-8", version);
      }
      byte[] map = StaticFiles.read(loader, RESOURCE_DIR + name + ".map");
      if (map != null) {
        files.add(path + name + ".map", map, "application/json; charset=utf-8", version);
      }
    }
  }
}
