package io.socketeer.netty.internal;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;

/**
 * Fixed files served from memory by exact path (the Socket.IO client bundle, a demo page), with
 * an ETag so that browsers revalidate cheaply ({@code 304}). Immutable once built; thread-safe.
 */
public final class StaticFiles {
  /** One file: its bytes, content type and quoted ETag. */
  private static final class Entry {
    final byte[] body;
    final String contentType;
    final String etag;

    Entry(byte[] body, String contentType, String etag) {
      this.body = body;
      this.contentType = contentType;
      this.etag = etag;
    }
  }

  private final Map<String, Entry> files;

  private StaticFiles(Map<String, Entry> files) {
    this.files = Map.copyOf(files);
  }

  /** Returns a builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** Returns true when {@code path} names a file here. */
  public boolean has(String path) {
    return files.containsKey(path);
  }

  /**
   * Answers a request for {@code path} and closes the connection afterwards, or returns false when
   * no file has that path.
   */
  public boolean serve(ChannelHandlerContext ctx, HttpRequest request, String path) {
    Entry entry = files.get(path);
    if (entry == null) {
      return false;
    }
    FullHttpResponse response;
    boolean head = request.method().equals(HttpMethod.HEAD);
    if (!head && !request.method().equals(HttpMethod.GET)) {
      response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.METHOD_NOT_ALLOWED);
      response.headers().set(HttpHeaderNames.ALLOW, "GET, HEAD");
      response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, 0);
    } else {
      String ifNoneMatch = request.headers().get(HttpHeaderNames.IF_NONE_MATCH);
      if (entry.etag.equals(ifNoneMatch) || ("W/" + entry.etag).equals(ifNoneMatch)) {
        response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.NOT_MODIFIED);
      } else {
        response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK,
            head ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(entry.body));
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, entry.contentType);
        response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, entry.body.length);
      }
      response.headers().set(HttpHeaderNames.ETAG, entry.etag);
      response.headers().set(HttpHeaderNames.CACHE_CONTROL, "public, max-age=0");
    }
    response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
    ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
    return true;
  }

  /** Builds {@link StaticFiles}. */
  public static final class Builder {
    private final Map<String, Entry> files = new HashMap<>();

    private Builder() {}

    /** Adds a file at {@code path} (exact match, e.g. {@code /socket.io/socket.io.js}). */
    public Builder add(String path, byte[] body, String contentType, String etag) {
      files.put(path, new Entry(body.clone(), contentType, '"' + etag + '"'));
      return this;
    }

    /**
     * Adds a classpath resource at {@code path}; the ETag is derived from the content.
     *
     * @return false when the resource does not exist
     */
    public boolean addResource(String path, ClassLoader loader, String resource, String contentType) {
      byte[] body = read(loader, resource);
      if (body == null) {
        return false;
      }
      add(path, body, contentType, Integer.toHexString(java.util.Arrays.hashCode(body)) + "-" + body.length);
      return true;
    }

    /** Returns the files. */
    public StaticFiles build() {
      return new StaticFiles(files);
    }
  }

  /** Reads a classpath resource, or returns null when it does not exist. */
  public static byte[] read(ClassLoader loader, String resource) {
    try (InputStream in = loader.getResourceAsStream(resource)) {
      return in == null ? null : in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + resource, e);
    }
  }
}
