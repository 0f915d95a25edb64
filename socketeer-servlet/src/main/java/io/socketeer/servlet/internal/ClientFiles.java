package io.socketeer.servlet.internal;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The official browser client ({@code socket.io-client}'s published {@code dist/} files, packed
 * into this module's jar by the build), served from memory under the Socket.IO path as the
 * reference server does: {@code socket.io.js}, {@code .min.js}, {@code .esm.min.js}, {@code
 * .msgpack.min.js} and their source maps, with the client version as ETag. Immutable; thread-safe.
 */
public final class ClientFiles {
  private static final String RESOURCE_DIR = "io/socketeer/servlet/client/";
  private static final String[] FILES = {
    "socket.io.js", "socket.io.min.js", "socket.io.esm.min.js", "socket.io.msgpack.min.js"
  };
  private static final Pattern VERSION = Pattern.compile("Socket\\.IO v(\\d+\\.\\d+\\.\\d+)");

  /** One file: its bytes, content type and quoted ETag. */
  private record Entry(byte[] body, String contentType, String etag) {}

  private final Map<String, Entry> files;

  private ClientFiles(Map<String, Entry> files) {
    this.files = Map.copyOf(files);
  }

  /**
   * Loads the bundle for the Socket.IO path {@code path} (e.g. {@code /socket.io/}).
   *
   * @throws IllegalStateException if the jar was built without the bundle
   */
  public static ClientFiles load(String path) {
    ClassLoader loader = ClientFiles.class.getClassLoader();
    byte[] main = read(loader, RESOURCE_DIR + FILES[0]);
    if (main == null) {
      throw new IllegalStateException("the socket.io-client bundle is missing from the classpath ("
          + RESOURCE_DIR + "); build socketeer-servlet with Node available, or turn serveClient off");
    }
    String head = new String(main, 0, Math.min(main.length, 200), StandardCharsets.UTF_8);
    Matcher m = VERSION.matcher(head);
    String etag = '"' + (m.find() ? m.group(1) : Integer.toHexString(java.util.Arrays.hashCode(main))) + '"';
    Map<String, Entry> files = new HashMap<>();
    for (String name : FILES) {
      byte[] source = read(loader, RESOURCE_DIR + name);
      if (source != null) {
        files.put(path + name, new Entry(source, "application/javascript; charset=utf-8", etag));
      }
      byte[] map = read(loader, RESOURCE_DIR + name + ".map");
      if (map != null) {
        files.put(path + name + ".map", new Entry(map, "application/json; charset=utf-8", etag));
      }
    }
    return new ClientFiles(files);
  }

  /** Answers a request for {@code path} (context-relative), or returns false when no file has it. */
  boolean serve(String path, HttpServletRequest request, HttpServletResponse response) throws IOException {
    Entry entry = files.get(path);
    if (entry == null) {
      return false;
    }
    String method = request.getMethod();
    boolean head = "HEAD".equals(method);
    if (!head && !"GET".equals(method)) {
      response.setStatus(405);
      response.setHeader("Allow", "GET, HEAD");
      response.setContentLength(0);
      return true;
    }
    response.setHeader("ETag", entry.etag());
    response.setHeader("Cache-Control", "public, max-age=0");
    String ifNoneMatch = request.getHeader("If-None-Match");
    if (entry.etag().equals(ifNoneMatch) || ("W/" + entry.etag()).equals(ifNoneMatch)) {
      response.setStatus(304);
      return true;
    }
    response.setStatus(200);
    response.setContentType(entry.contentType());
    response.setContentLength(entry.body().length);
    if (!head) {
      response.getOutputStream().write(entry.body());
    }
    return true;
  }

  private static byte[] read(ClassLoader loader, String resource) {
    try (InputStream in = loader.getResourceAsStream(resource)) {
      return in == null ? null : in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + resource, e);
    }
  }
}
