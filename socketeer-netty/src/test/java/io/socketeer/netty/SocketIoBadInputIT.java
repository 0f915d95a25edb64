package io.socketeer.netty;

import static org.assertj.core.api.Assertions.assertThat;

import io.socketeer.runtimetests.AbstractSocketIoBadInput;
import io.socketeer.runtimetests.RunningServer;
import io.socketeer.server.ServerOptions;
import io.socketeer.server.SocketIoServer;
import org.junit.jupiter.api.Test;

/** Socket.IO bad input from raw WebSocket peers on the Netty runtime, plus closing a server twice. */
class SocketIoBadInputIT extends AbstractSocketIoBadInput {
  @Override
  protected RunningServer start(SocketIoServer io) {
    return NettyRunning.of(NettySocketIoServer.start(io, 0));
  }

  @Test
  void closingAServerTwiceIsHarmless() {
    NettySocketIoServer other = NettySocketIoServer.start(SocketIoServer.create(ServerOptions.defaults()), 0);
    other.close();
    other.close();
    assertThat(other.io().connectionCount()).isZero();
  }
}
