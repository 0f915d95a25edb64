package io.socketeer.adminui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.socketeer.protocol.engineio.EngineCodec;
import io.socketeer.protocol.engineio.EnginePacket;
import io.socketeer.protocol.engineio.EngineVersion;
import io.socketeer.protocol.spi.Scheduler;
import io.socketeer.server.ServerOptions;
import io.socketeer.server.SocketIoServer;
import io.socketeer.server.spi.ConnectionRequest;
import io.socketeer.server.spi.EngineConnection;
import io.socketeer.server.spi.EngineConnectionHandler;
import io.socketeer.testkit.FakeScheduler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The Admin UI against fake connections in virtual time: timer edges, modes, read-only. */
class AdminUiTest {
  private final FakeScheduler scheduler = new FakeScheduler();
  private final SocketIoServer io = SocketIoServer.create(ServerOptions.defaults(), scheduler);

  private AdminUiOptions.Builder options() {
    return AdminUiOptions.builder().auth(AdminUiOptions.Auth.none()).serverId("s1").scheduler(scheduler);
  }

  /** Connects to the admin namespace and returns the connection (what it received so far is in {@code sent}). */
  private Conn admin() {
    Conn c = new Conn(scheduler);
    c.handler = io.accept(c);
    c.handler.onMessage("0/admin,");
    return c;
  }

  private static List<String> events(List<String> sent) {
    List<String> names = new ArrayList<>();
    for (String s : sent) {
      int open = s.indexOf("[\"");
      if (s.startsWith("2") && open > 0) {
        names.add(s.substring(open + 2, s.indexOf('"', open + 2)));
      }
    }
    return names;
  }

  @Test
  void serverStatsAtEachIntervalAndNotBefore() {
    AdminUi.instrument(io, options().serverStatsInterval(Duration.ofSeconds(3)).build());
    Conn c = admin();
    assertThat(events(c.take())).containsExactly("room_joined", "socket_connected", "config", "all_sockets");

    scheduler.advanceBy(Duration.ofMillis(2999));
    assertThat(events(c.take())).isEmpty();
    scheduler.advanceBy(Duration.ofMillis(1));
    List<String> sent = c.take();
    assertThat(events(sent)).containsExactly("server_stats");
    assertThat(sent.get(0)).contains("\"serverId\":\"s1\"", "\"clientsCount\":1", "\"pollingClientsCount\":0",
        "{\"name\":\"/\",\"socketsCount\":0}", "{\"name\":\"/admin\",\"socketsCount\":1}");
    scheduler.advanceBy(Duration.ofMillis(2999));
    assertThat(events(c.take())).isEmpty();
    scheduler.advanceBy(Duration.ofMillis(1));
    assertThat(events(c.take())).containsExactly("server_stats");
  }

  @Test
  void closeStopsTheStats() {
    AdminUi ui = AdminUi.instrument(io, options().build());
    Conn c = admin();
    c.take();
    ui.close();
    scheduler.advanceBy(Duration.ofSeconds(10));
    assertThat(events(c.take())).isEmpty();
  }

  @Test
  void productionModeSendsOnlyConfigAndStats() {
    AdminUi.instrument(io, options().mode(AdminUiOptions.Mode.PRODUCTION).build());
    Conn c = admin();
    List<String> sent = c.take();
    assertThat(events(sent)).containsExactly("config");
    assertThat(sent.get(sent.size() - 1)).contains(
        "[\"EMIT\",\"JOIN\",\"LEAVE\",\"DISCONNECT\",\"MJOIN\",\"MLEAVE\",\"MDISCONNECT\",\"AGGREGATED_EVENTS\"]");
    Conn other = new Conn(scheduler);
    other.handler = io.accept(other);
    other.handler.onMessage("0");
    assertThat(events(c.take())).isEmpty();
    scheduler.advanceBy(Duration.ofSeconds(2));
    assertThat(events(c.take())).containsExactly("server_stats");
  }

  @Test
  void readonlyOffersNoCommandsAndIgnoresThem() {
    AdminUi.instrument(io, options().readonly(true).build());
    Conn c = admin();
    List<String> sent = c.take();
    assertThat(sent).anySatisfy(s -> assertThat(s).contains("{\"supportedFeatures\":[\"AGGREGATED_EVENTS\",\"ALL_EVENTS\"]}"));
    Conn user = new Conn(scheduler);
    user.handler = io.accept(user);
    user.handler.onMessage("0");
    user.take();
    c.take();
    c.handler.onMessage("2/admin,[\"_disconnect\",\"/\",false]");
    c.handler.onMessage("2/admin,[\"join\",\"/\",\"room1\"]");
    assertThat(user.take()).isEmpty();
    assertThat(events(c.take())).isEmpty();
    assertThat(io.of("/").sockets()).hasSize(1);
  }

  @Test
  void commandsActOnTheNamedNamespaceWhenWritable() {
    AdminUi.instrument(io, options().build());
    Conn c = admin();
    Conn user = new Conn(scheduler);
    user.handler = io.accept(user);
    user.handler.onMessage("0");
    user.take();
    c.take();
    c.handler.onMessage("2/admin,[\"join\",\"/\",\"room1\"]");
    assertThat(events(c.take())).containsExactly("room_joined");
    c.handler.onMessage("2/admin,[\"emit\",\"/\",\"room1\",\"hi\",1]");
    assertThat(user.take()).containsExactly("2[\"hi\",1]");
    assertThat(events(c.take())).containsExactly("event_sent");
    c.handler.onMessage("2/admin,[\"_disconnect\",\"/\",false]");
    assertThat(user.take()).containsExactly("1");
    assertThat(events(c.take())).contains("socket_disconnected");
  }

  @Test
  void optionsRequireAnAuthChoiceAndABcryptHash() {
    assertThatThrownBy(() -> AdminUiOptions.builder().build()).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> AdminUiOptions.Auth.basic("admin", "changeit")).isInstanceOf(IllegalArgumentException.class);
    assertThat(AdminUiOptions.Auth.basic("admin", AdminUiIT.HASH).isBasic()).isTrue();
  }

  /** An Engine.IO connection without a network that records the Socket.IO text sent to it. */
  private static final class Conn implements EngineConnection {
    private static int counter;
    final String id = "engine-sid-number-" + (counter++);
    final Scheduler scheduler;
    final List<String> sent = new ArrayList<>();
    EngineConnectionHandler handler;

    Conn(Scheduler scheduler) {
      this.scheduler = scheduler;
    }

    List<String> take() {
      List<String> copy = List.copyOf(sent);
      sent.clear();
      return copy;
    }

    @Override
    public String id() {
      return id;
    }

    @Override
    public EngineVersion protocolVersion() {
      return EngineVersion.V4;
    }

    @Override
    public ConnectionRequest request() {
      return new ConnectionRequest(Map.of("user-agent", List.of("test")), Map.of("EIO", List.of("4")),
          "127.0.0.1", "/socket.io/?EIO=4&transport=websocket", false, 1_700_000_000_000L);
    }

    @Override
    public Scheduler scheduler() {
      return scheduler;
    }

    @Override
    public String transport() {
      return "websocket";
    }

    @Override
    public boolean isWritable() {
      return true;
    }

    @Override
    public boolean send(List<EnginePacket> packets, boolean compress) {
      for (EnginePacket p : packets) {
        if (!p.isBinary()) {
          sent.add(EngineCodec.encodeToString(p, EngineVersion.V4).substring(1));
        }
      }
      return true;
    }

    @Override
    public void close() {
      handler.onClose("forced close");
    }
  }
}
