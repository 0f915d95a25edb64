package io.socketeer.spring.boot;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.socketeer.engine.CorsOptions;
import io.socketeer.engine.EngineObserver;
import io.socketeer.engine.EngineOptions;
import io.socketeer.micrometer.SocketeerMetrics;
import io.socketeer.server.RecoveryOptions;
import io.socketeer.server.ServerObserver;
import io.socketeer.server.ServerOptions;
import io.socketeer.server.SocketIoServer;
import io.socketeer.servlet.SocketIoServletInstaller;
import io.socketeer.spring.boot.internal.ControllerRegistrar;
import io.socketeer.spring.boot.internal.HandlerExecutorHolder;
import java.util.List;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.ServletContextInitializer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.ClassUtils;

/**
 * Auto-configuration of a Socket.IO server for Spring Boot 3.
 *
 * <ul>
 *   <li>a {@link SocketIoServer} bean from the {@code socketeer.*} {@link SocketeerProperties}
 *       (backs off when the application defines its own);
 *   <li>the engine's {@link EngineOptions} bean (path, heartbeat, buffer size, CORS), also
 *       replaceable;
 *   <li>the server mounted on the application's own port through the servlet runtime
 *       ({@code socketeer.runtime=servlet}, the default, in a servlet web application), or a
 *       standalone Netty server on {@code socketeer.netty.port} tied to the context's lifecycle
 *       ({@code socketeer.runtime=netty});
 *   <li>every {@link SocketIoController} bean bound to its namespace;
 *   <li>Micrometer meters ({@code SocketeerMetrics}) when a {@code MeterRegistry} bean exists and
 *       socketeer-micrometer is on the classpath.
 * </ul>
 */
@AutoConfiguration(afterName = {
    "org.springframework.boot.autoconfigure.jackson.JacksonAutoConfiguration",
    "org.springframework.boot.autoconfigure.task.TaskExecutionAutoConfiguration",
    "org.springframework.boot.actuate.autoconfigure.metrics.MetricsAutoConfiguration",
    "org.springframework.boot.actuate.autoconfigure.metrics.CompositeMeterRegistryAutoConfiguration",
    "org.springframework.boot.actuate.autoconfigure.metrics.export.simple.SimpleMetricsExportAutoConfiguration"})
@ConditionalOnClass(SocketIoServer.class)
@EnableConfigurationProperties(SocketeerProperties.class)
public class SocketeerAutoConfiguration {
  private static final String NETTY_RUNTIME = "io.socketeer.netty.NettySocketIoServer";

  /** Creates the auto-configuration (Spring calls it). */
  public SocketeerAutoConfiguration() {}

  /** The executor handlers run on, from {@code socketeer.handler-executor}. */
  @Bean
  @ConditionalOnMissingBean
  public HandlerExecutorHolder socketeerHandlerExecutor(SocketeerProperties properties, BeanFactory beans) {
    return HandlerExecutorHolder.create(properties.getHandlerExecutor(), beans);
  }

  /**
   * The Socket.IO server: connect timeout, recovery and handler executor from the properties, and
   * the application's only {@link ServerObserver} bean, if it has exactly one (the metrics).
   */
  @Bean
  @ConditionalOnMissingBean
  public SocketIoServer socketIoServer(SocketeerProperties properties, HandlerExecutorHolder executor,
      ObjectProvider<ServerObserver> observer) {
    ServerOptions.Builder options = ServerOptions.builder()
        .connectTimeout(properties.getConnectTimeout())
        .handlerExecutor(executor.executor())
        .observer(observer.getIfUnique());
    SocketeerProperties.Recovery recovery = properties.getRecovery();
    if (recovery.isEnabled()) {
      options.connectionStateRecovery(RecoveryOptions.defaults()
          .withMaxDisconnectionDuration(recovery.getMaxDisconnectionDuration())
          .withSkipMiddlewares(recovery.isSkipMiddlewares()));
    }
    return SocketIoServer.create(options.build());
  }

  /**
   * The engine's options: path, heartbeat, buffer size and CORS from the properties, and the
   * application's only {@link EngineObserver} bean, if it has exactly one (the metrics).
   */
  @Bean
  @ConditionalOnMissingBean
  public EngineOptions socketeerEngineOptions(SocketeerProperties properties, ObjectProvider<EngineObserver> observer) {
    EngineOptions.Builder options = SocketIoServer.defaultEngineOptions().toBuilder()
        .path(properties.getPath())
        .pingInterval(properties.getPingInterval())
        .pingTimeout(properties.getPingTimeout())
        .maxHttpBufferSize(Math.toIntExact(properties.getMaxHttpBufferSize().toBytes()));
    EngineObserver engineObserver = observer.getIfUnique();
    if (engineObserver != null) {
      options.observer(engineObserver);
    }
    List<String> origins = properties.getCors().getOrigins();
    if (!origins.isEmpty()) {
      CorsOptions cors = origins.contains("*") ? CorsOptions.anyOrigin() : CorsOptions.origins(origins.toArray(String[]::new));
      options.cors(properties.getCors().isCredentials() ? cors.withCredentials() : cors);
    }
    return options.build();
  }

  /** Binds the {@link SocketIoController} beans; their arguments and acks go through the application's mapper. */
  @Bean
  public ControllerRegistrar socketeerControllerRegistrar(ListableBeanFactory beans,
      ObjectProvider<SocketIoServer> io, ObjectProvider<ObjectMapper> mapper) {
    return new ControllerRegistrar(beans, io::getObject,
        () -> mapper.getIfUnique(() -> new ObjectMapper().findAndRegisterModules()));
  }

  /** Mounts the server on the application's own port: {@code socketeer.runtime=servlet}, the default. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
  @ConditionalOnClass({SocketIoServletInstaller.class, ServletContextInitializer.class})
  @ConditionalOnProperty(prefix = "socketeer", name = "runtime", havingValue = "servlet", matchIfMissing = true)
  static class ServletRuntimeConfiguration {
    @Bean
    ServletContextInitializer socketeerServletInitializer(SocketIoServer io, EngineOptions engineOptions,
        SocketeerProperties properties) {
      return context -> SocketIoServletInstaller.builder(io)
          .engineOptions(engineOptions)
          .serveClient(properties.isServeClient())
          .install(context);
    }
  }

  /** Runs a Netty server of its own: {@code socketeer.runtime=netty}. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnProperty(prefix = "socketeer", name = "runtime", havingValue = "netty")
  static class NettyRuntimeConfiguration {
    @Bean
    SocketeerNettyServer socketeerNettyServer(SocketIoServer io, EngineOptions engineOptions, SocketeerProperties properties) {
      if (!ClassUtils.isPresent(NETTY_RUNTIME, SocketeerAutoConfiguration.class.getClassLoader())) {
        throw new IllegalStateException("socketeer.runtime=netty needs io.socketeer:socketeer-netty on the classpath");
      }
      return new SocketeerNettyServer(io, engineOptions, properties.getNetty().getPort(), properties.isServeClient());
    }
  }

  /** Micrometer meters, when the application has a registry. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass({SocketeerMetrics.class, MeterRegistry.class})
  static class MetricsConfiguration {
    @Bean
    @ConditionalOnBean(MeterRegistry.class)
    @ConditionalOnMissingBean
    SocketeerMetrics socketeerMetrics(MeterRegistry registry) {
      return SocketeerMetrics.create(registry);
    }
  }
}
