package io.socketeer.engine.internal;

import io.socketeer.engine.spi.BodyCallback;
import io.socketeer.engine.spi.HttpExchange;
import io.socketeer.protocol.spi.Scheduler;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** An {@link HttpExchange} held in memory: a request with a body that is all there, and the recorded answer. */
final class FakeExchange implements HttpExchange {
  private final String method;
  private final Map<String, String> query;
  private final Map<String, String> headers = new LinkedHashMap<>();
  private final byte[] body;
  private final Scheduler scheduler;
  private Runnable abortTask;
  int status = -1;
  Map<String, String> responseHeaders;
  byte[] responseBody;
  int responses;

  FakeExchange(Scheduler scheduler, String method, Map<String, String> query, byte[] body) {
    this.scheduler = scheduler;
    this.method = method;
    this.query = query;
    this.body = body;
  }

  FakeExchange header(String name, String value) {
    headers.put(name.toLowerCase(java.util.Locale.ROOT), value);
    return this;
  }

  boolean responded() {
    return responses > 0;
  }

  String text() {
    return responseBody == null ? null : new String(responseBody, StandardCharsets.UTF_8);
  }

  /** The client goes away before the answer. */
  void abort() {
    if (abortTask != null && responses == 0) {
      Runnable t = abortTask;
      abortTask = null;
      t.run();
    }
  }

  @Override
  public String method() {
    return method;
  }

  @Override
  public String path() {
    return "/engine.io/";
  }

  @Override
  public String queryParam(String name) {
    return query.get(name);
  }

  @Override
  public Map<String, String> queryParams() {
    return query;
  }

  @Override
  public String header(String name) {
    return headers.get(name.toLowerCase(java.util.Locale.ROOT));
  }

  @Override
  public Map<String, String> headers() {
    return headers;
  }

  @Override
  public String remoteAddress() {
    return "test";
  }

  @Override
  public Scheduler scheduler() {
    return scheduler;
  }

  @Override
  public void readBody(int maxBytes, BodyCallback callback) {
    if (body.length > maxBytes) {
      callback.onTooLarge();
    } else {
      callback.onBody(body);
    }
  }

  @Override
  public void respond(int status, Map<String, String> headers, byte[] body) {
    responses++;
    if (responses == 1) {
      this.status = status;
      this.responseHeaders = headers;
      this.responseBody = body;
    }
  }

  @Override
  public void onAbort(Runnable task) {
    this.abortTask = task;
  }
}
