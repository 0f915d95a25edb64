package io.socketeer.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.socketeer.engine.EngineOptions;
import io.socketeer.micrometer.SocketeerMetrics;
import io.socketeer.server.ServerOptions;
import io.socketeer.server.Socket;
import io.socketeer.server.SocketIoServer;
import io.socketeer.spring.boot.internal.HandlerExecutorHolder;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.jackson.JacksonAutoConfiguration;
import org.springframework.boot.autoconfigure.task.TaskExecutionAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.web.servlet.ServletContextInitializer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.TaskExecutor;

/** Property binding, back-off and the choice of runtime, without starting a server. */
class SocketeerAutoConfigurationTest {
  private final ApplicationContextRunner runner = new ApplicationContextRunner()
      .withConfiguration(AutoConfigurations.of(SocketeerAutoConfiguration.class, JacksonAutoConfiguration.class,
          TaskExecutionAutoConfiguration.class));

  @Test
  void defaultsAreTheReferenceServers() {
    runner.run(context -> {
      ServerOptions server = context.getBean(SocketIoServer.class).options();
      assertThat(server.connectTimeout()).isEqualTo(Duration.ofSeconds(45));
      assertThat(server.connectionStateRecovery()).isNull();
      assertThat(server.handlerExecutor()).isNull();
      assertThat(server.observer()).isNull();
      EngineOptions engine = context.getBean(EngineOptions.class);
      assertThat(engine.path()).isEqualTo("/socket.io/");
      assertThat(engine.pingInterval()).isEqualTo(Duration.ofSeconds(25));
      assertThat(engine.pingTimeout()).isEqualTo(Duration.ofSeconds(20));
      assertThat(engine.maxHttpBufferSize()).isEqualTo(1_000_000);
      assertThat(engine.cors()).isNull();
    });
  }

  @Test
  void propertiesBindToTheServerAndEngineOptions() {
    runner.withPropertyValues(
        "socketeer.path=/realtime/",
        "socketeer.ping-interval=3s",
        "socketeer.ping-timeout=1500ms",
        "socketeer.max-http-buffer-size=64KB",
        "socketeer.connect-timeout=5s",
        "socketeer.cors.origins=https://a.example,https://b.example",
        "socketeer.cors.credentials=true",
        "socketeer.recovery.enabled=true",
        "socketeer.recovery.max-disconnection-duration=30s",
        "socketeer.recovery.skip-middlewares=false").run(context -> {
          ServerOptions server = context.getBean(SocketIoServer.class).options();
          assertThat(server.connectTimeout()).isEqualTo(Duration.ofSeconds(5));
          assertThat(server.connectionStateRecovery().maxDisconnectionDuration()).isEqualTo(Duration.ofSeconds(30));
          assertThat(server.connectionStateRecovery().skipMiddlewares()).isFalse();
          EngineOptions engine = context.getBean(EngineOptions.class);
          assertThat(engine.path()).isEqualTo("/realtime/");
          assertThat(engine.pingInterval()).isEqualTo(Duration.ofSeconds(3));
          assertThat(engine.pingTimeout()).isEqualTo(Duration.ofMillis(1500));
          assertThat(engine.maxHttpBufferSize()).isEqualTo(64 * 1024);
          assertThat(engine.cors().credentials()).isTrue();
          assertThat(engine.cors().toString()).contains("https://a.example").contains("https://b.example");
        });
  }

  @Test
  void aStarAllowsEveryOrigin() {
    runner.withPropertyValues("socketeer.cors.origins=*").run(context ->
        assertThat(context.getBean(EngineOptions.class).cors()).isEqualTo(io.socketeer.engine.CorsOptions.anyOrigin()));
  }

  @Test
  void backsOffWhenTheApplicationDefinesItsOwnServerAndEngineOptions() {
    runner.withUserConfiguration(OwnServer.class).run(context -> {
      assertThat(context).hasSingleBean(SocketIoServer.class);
      assertThat(context.getBean(SocketIoServer.class)).isSameAs(context.getBean(OwnServer.class).io);
      assertThat(context.getBean(EngineOptions.class).pingInterval()).isEqualTo(Duration.ofSeconds(7));
    });
  }

  @Test
  void metricsBindWhenARegistryExists() {
    runner.run(context -> assertThat(context).doesNotHaveBean(SocketeerMetrics.class));
    runner.withUserConfiguration(Registry.class).run(context -> {
      SocketeerMetrics metrics = context.getBean(SocketeerMetrics.class);
      assertThat(context.getBean(SocketIoServer.class).options().observer()).isSameAs(metrics);
      assertThat(context.getBean(EngineOptions.class).observer()).isSameAs(metrics);
    });
  }

  @Test
  void applicationTaskExecutorMode() {
    runner.withPropertyValues("socketeer.handler-executor=application-task-executor").run(context ->
        assertThat(context.getBean(SocketIoServer.class).options().handlerExecutor())
            .isSameAs(context.getBean("applicationTaskExecutor", TaskExecutor.class)));
  }

  @Test
  void virtualThreadsModeNeedsJava21() {
    runner.withPropertyValues("socketeer.handler-executor=virtual-threads").run(context -> {
      if (Runtime.version().feature() >= 21) {
        assertThat(context).hasNotFailed();
        assertThat(context.getBean(HandlerExecutorHolder.class).executor()).isNotNull();
      } else {
        assertThat(context).hasFailed();
        assertThat(context.getStartupFailure()).hasStackTraceContaining("virtual threads need Java 21");
      }
    });
  }

  @Test
  void theServletRuntimeIsTheDefaultInAServletApplication() {
    WebApplicationContextRunner web = new WebApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(SocketeerAutoConfiguration.class));
    web.run(context -> {
      assertThat(context).hasSingleBean(ServletContextInitializer.class);
      assertThat(context).doesNotHaveBean(SocketeerNettyServer.class);
    });
    web.withPropertyValues("socketeer.runtime=netty").run(context -> {
      assertThat(context).doesNotHaveBean(ServletContextInitializer.class);
      assertThat(context).hasSingleBean(SocketeerNettyServer.class);
    });
    runner.run(context -> assertThat(context).doesNotHaveBean(ServletContextInitializer.class));
  }

  @Test
  void aControllerMethodWithParametersThatCannotBeBoundFailsTheStartup() {
    runner.withUserConfiguration(BadController.class).run(context -> {
      assertThat(context).hasFailed();
      assertThat(context.getStartupFailure()).hasStackTraceContaining("must return void");
    });
  }

  @Configuration(proxyBeanMethods = false)
  static class OwnServer {
    final SocketIoServer io = SocketIoServer.create(ServerOptions.defaults());

    @Bean
    SocketIoServer mine() {
      return io;
    }

    @Bean
    EngineOptions myEngineOptions() {
      return SocketIoServer.defaultEngineOptions().toBuilder().pingInterval(Duration.ofSeconds(7)).build();
    }
  }

  @Configuration(proxyBeanMethods = false)
  static class Registry {
    @Bean
    MeterRegistry registry() {
      return new SimpleMeterRegistry();
    }
  }

  @Configuration(proxyBeanMethods = false)
  static class BadController {
    @Bean
    Controller controller() {
      return new Controller();
    }
  }

  @SocketIoController
  static class Controller {
    @OnEvent("x")
    String both(Socket socket, io.socketeer.server.Ack ack) {
      return "answered twice";
    }
  }
}
