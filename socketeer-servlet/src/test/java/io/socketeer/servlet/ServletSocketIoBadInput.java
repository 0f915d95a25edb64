package io.socketeer.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import io.socketeer.runtimetests.AbstractSocketIoBadInput;
import io.socketeer.runtimetests.RunningServer;
import io.socketeer.server.ServerOptions;
import io.socketeer.server.SocketIoServer;
import org.junit.jupiter.api.Test;

/** The shared Socket.IO bad-input suite on a Servlet container, plus closing a mount twice. */
abstract class ServletSocketIoBadInput extends AbstractSocketIoBadInput {
  /** The container under test. */
  abstract Container container();

  @Override
  protected RunningServer start(SocketIoServer io) throws Exception {
    return container().start(io, SocketIoServer.defaultEngineOptions());
  }

  @Test
  void closingAMountTwiceIsHarmless() throws Exception {
    SocketIoServer otherIo = SocketIoServer.create(ServerOptions.defaults());
    ServletMount[] mount = new ServletMount[1];
    try (Container.Host other = container().start(
        context -> mount[0] = SocketIoServletInstaller.builder(otherIo).serveClient(false).install(context))) {
      mount[0].close();
      mount[0].close();
      assertThat(otherIo.connectionCount()).isZero();
      assertThat(mount[0].engine().sessionCount()).isZero();
    }
  }
}
