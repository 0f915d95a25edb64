package io.socketeer.spring.boot.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.socketeer.server.Namespace;
import io.socketeer.server.SocketIoServer;
import io.socketeer.spring.boot.OnConnect;
import io.socketeer.spring.boot.OnDisconnect;
import io.socketeer.spring.boot.OnEvent;
import io.socketeer.spring.boot.SocketIoController;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.core.MethodIntrospector;
import org.springframework.core.annotation.AnnotatedElementUtils;

/**
 * Binds every {@link SocketIoController} bean to its namespace once all singletons exist, that
 * is before the runtime accepts connections (the servlet connector and the Netty lifecycle start
 * later). Bad signatures fail the application's startup.
 */
public final class ControllerRegistrar implements SmartInitializingSingleton {
  private static final Logger log = LoggerFactory.getLogger(ControllerRegistrar.class);

  private final ListableBeanFactory beans;
  private final Supplier<SocketIoServer> io;
  private final Supplier<ObjectMapper> mapper;

  /**
   * Creates the registrar; {@code mapper} maps event arguments and acknowledgements. Both are
   * asked for once, when the singletons exist.
   */
  public ControllerRegistrar(ListableBeanFactory beans, Supplier<SocketIoServer> io, Supplier<ObjectMapper> mapper) {
    this.beans = beans;
    this.io = io;
    this.mapper = mapper;
  }

  @Override
  public void afterSingletonsInstantiated() {
    Map<String, Object> controllers = beans.getBeansWithAnnotation(SocketIoController.class);
    if (controllers.isEmpty()) {
      return;
    }
    SocketIoServer server = io.get();
    ObjectMapper objectMapper = mapper.get();
    for (Map.Entry<String, Object> entry : controllers.entrySet()) {
      register(server, objectMapper, entry.getKey(), entry.getValue());
    }
  }

  private void register(SocketIoServer io, ObjectMapper mapper, String name, Object bean) {
    Class<?> type = AopUtils.getTargetClass(bean);
    SocketIoController controller = AnnotatedElementUtils.findMergedAnnotation(type, SocketIoController.class);
    if (controller == null) {
      return;
    }
    List<HandlerMethod> connects = new ArrayList<>();
    List<HandlerMethod> disconnects = new ArrayList<>();
    Map<String, HandlerMethod> events = new java.util.LinkedHashMap<>();
    Map<Method, Boolean> annotated = MethodIntrospector.selectMethods(type,
        (MethodIntrospector.MetadataLookup<Boolean>) m -> m.isAnnotationPresent(OnConnect.class)
            || m.isAnnotationPresent(OnDisconnect.class) || m.isAnnotationPresent(OnEvent.class) ? Boolean.TRUE : null);
    for (Method declared : annotated.keySet()) {
      Method method = AopUtils.selectInvocableMethod(declared, bean.getClass());
      int roles = (declared.isAnnotationPresent(OnConnect.class) ? 1 : 0)
          + (declared.isAnnotationPresent(OnDisconnect.class) ? 1 : 0)
          + (declared.isAnnotationPresent(OnEvent.class) ? 1 : 0);
      if (roles > 1) {
        throw new IllegalStateException(declared.toGenericString()
            + ": only one of @OnConnect, @OnDisconnect and @OnEvent per method");
      }
      OnEvent event = declared.getAnnotation(OnEvent.class);
      if (event != null) {
        HandlerMethod previous = events.put(event.value(), HandlerMethod.create(bean, method, mapper, true));
        if (previous != null) {
          throw new IllegalStateException(type.getName() + " handles event \"" + event.value() + "\" twice");
        }
      } else if (declared.isAnnotationPresent(OnConnect.class)) {
        connects.add(HandlerMethod.create(bean, method, mapper, false));
      } else {
        disconnects.add(HandlerMethod.create(bean, method, mapper, false));
      }
    }
    Namespace namespace = io.of(controller.namespace());
    namespace.onConnection(socket -> {
      events.forEach((event, handler) -> socket.on(event, (args, ack) -> handler.invokeEvent(socket, args, ack)));
      for (HandlerMethod handler : disconnects) {
        socket.onDisconnect(reason -> handler.invokeLifecycle(socket, reason));
      }
      for (HandlerMethod handler : connects) {
        handler.invokeLifecycle(socket, null);
      }
    });
    log.debug("controller {} bound to namespace {}: events {}", name, namespace.name(), events.keySet());
  }
}
