package io.socketeer.spring.boot.internal;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.socketeer.server.Ack;
import io.socketeer.server.Arguments;
import io.socketeer.server.DisconnectReason;
import io.socketeer.server.Socket;
import io.socketeer.spring.boot.Payload;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One annotated controller method, with its parameters resolved once at startup: each parameter
 * becomes a {@link Resolver} that picks its value from the invocation's {@link Call}. Immutable
 * and thread-safe; invoked wherever the server runs handlers.
 */
public final class HandlerMethod {
  private static final Logger log = LoggerFactory.getLogger(HandlerMethod.class);

  /** What one invocation offers the parameters. */
  record Call(Socket socket, Arguments args, Ack ack, DisconnectReason reason) {}

  /** Produces one parameter's value for a call. */
  private interface Resolver {
    Object resolve(Call call);
  }

  private final Object bean;
  private final Method method;
  private final ObjectMapper mapper;
  private final Resolver[] resolvers;
  /** Whether the method answers through an {@code Ack} parameter itself. */
  private final boolean takesAck;

  private HandlerMethod(Object bean, Method method, ObjectMapper mapper, Resolver[] resolvers, boolean takesAck) {
    this.bean = bean;
    this.method = method;
    this.mapper = mapper;
    this.resolvers = resolvers;
    this.takesAck = takesAck;
  }

  /**
   * Resolves the parameters of {@code method} for an {@link io.socketeer.spring.boot.OnEvent}
   * ({@code event} true) or a connect/disconnect handler.
   *
   * @throws IllegalStateException if a parameter cannot be resolved in that role
   */
  public static HandlerMethod create(Object bean, Method method, ObjectMapper mapper, boolean event) {
    method.trySetAccessible();
    Parameter[] parameters = method.getParameters();
    Resolver[] resolvers = new Resolver[parameters.length];
    boolean takesAck = false;
    int nextArgument = 0;
    for (int i = 0; i < parameters.length; i++) {
      Parameter p = parameters[i];
      Class<?> type = p.getType();
      Payload payload = p.getAnnotation(Payload.class);
      if (payload == null && type == Socket.class) {
        resolvers[i] = Call::socket;
      } else if (payload == null && type == DisconnectReason.class && !event) {
        resolvers[i] = Call::reason;
      } else if (!event) {
        throw invalid(method, "parameter " + i + " (" + type.getSimpleName()
            + "): connect and disconnect handlers take a Socket and, on disconnect, a DisconnectReason");
      } else if (payload == null && type == Ack.class) {
        resolvers[i] = Call::ack;
        takesAck = true;
      } else if (payload == null && type == Arguments.class) {
        resolvers[i] = Call::args;
      } else {
        int index = payload != null ? payload.value() : nextArgument++;
        if (index < 0) {
          throw invalid(method, "@Payload index must not be negative");
        }
        JavaType javaType = mapper.constructType(p.getParameterizedType());
        resolvers[i] = call -> argument(mapper, call.args(), index, javaType);
      }
    }
    if (takesAck && method.getReturnType() != void.class) {
      throw invalid(method, "a method that takes an Ack answers through it and must return void");
    }
    return new HandlerMethod(bean, method, mapper, resolvers, takesAck);
  }

  private static IllegalStateException invalid(Method method, String why) {
    return new IllegalStateException("cannot bind " + method.toGenericString() + ": " + why);
  }

  private static Object argument(ObjectMapper mapper, Arguments args, int index, JavaType type) {
    JsonNode node = args.get(index);
    if (node.isMissingNode()) {
      node = null;
    }
    if (type.isPrimitive() && (node == null || node.isNull())) {
      throw new IllegalArgumentException("argument " + index + " is missing for a parameter of type " + type);
    }
    if (node == null) {
      return null;
    }
    if (type.getRawClass() == JsonNode.class || type.getRawClass().isInstance(node)) {
      return node;
    }
    try {
      return mapper.treeToValue(node, type);
    } catch (java.io.IOException e) {
      throw new IllegalArgumentException("argument " + index + " does not map to " + type + ": " + e.getMessage(), e);
    }
  }

  /** Runs a connect or disconnect handler; failures are logged. */
  public void invokeLifecycle(Socket socket, DisconnectReason reason) {
    try {
      call(new Call(socket, Arguments.empty(), Ack.NONE, reason));
    } catch (Throwable e) {
      log.error("{} failed for socket {}", describe(), socket.id(), e);
    }
  }

  /**
   * Runs an event handler and sends its result as the acknowledgement when the client asked for
   * one; failures are logged and acknowledge nothing.
   */
  public void invokeEvent(Socket socket, Arguments args, Ack ack) {
    Object result;
    try {
      result = call(new Call(socket, args, ack, null));
    } catch (Throwable e) {
      log.error("{} failed for socket {}", describe(), socket.id(), e);
      return;
    }
    if (takesAck || !ack.isRequested()) {
      return;
    }
    if (result instanceof CompletionStage<?> stage) {
      stage.whenComplete((value, error) -> {
        if (error != null) {
          log.error("{} completed exceptionally for socket {}", describe(), socket.id(), error);
        } else {
          sendAck(socket, ack, value);
        }
      });
    } else {
      sendAck(socket, ack, result);
    }
  }

  private void sendAck(Socket socket, Ack ack, Object value) {
    if (value == null) {
      ack.send();
      return;
    }
    JsonNode json;
    try {
      // The application's mapper decides the JSON (its modules, naming); byte[] stays binary.
      json = mapper.valueToTree(value);
    } catch (IllegalArgumentException e) {
      log.error("{} returned a value that does not map to JSON, for socket {}", describe(), socket.id(), e);
      return;
    }
    ack.send(json);
  }

  private Object call(Call call) throws Throwable {
    Object[] values = new Object[resolvers.length];
    for (int i = 0; i < values.length; i++) {
      values[i] = resolvers[i].resolve(call);
    }
    try {
      return method.invoke(bean, values);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }

  /** Returns {@code Class.method} for log lines. */
  public String describe() {
    return method.getDeclaringClass().getSimpleName() + "." + method.getName();
  }

  @Override
  public String toString() {
    return "HandlerMethod{" + describe() + "}";
  }
}
