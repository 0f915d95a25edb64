package io.socketeer.bench.broadcast;

import io.socketeer.protocol.engineio.EnginePacket;
import io.socketeer.protocol.engineio.EngineVersion;
import io.socketeer.protocol.spi.Cancellable;
import io.socketeer.protocol.spi.Scheduler;
import io.socketeer.server.ServerOptions;
import io.socketeer.server.SocketIoServer;
import io.socketeer.server.spi.ConnectionRequest;
import io.socketeer.server.spi.EngineConnection;
import io.socketeer.server.spi.EngineConnectionHandler;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The server side of a broadcast, without the network: {@code io.emit} to every socket of a
 * namespace whose connections only count what they are given. With {@code -prof gc}, the bytes
 * allocated per operation for 10 and for 1,000 recipients show what a broadcast costs per
 * recipient beyond its one encoding.
 *
 * <pre>java -jar socketeer-benchmarks.jar BroadcastBenchmark -prof gc</pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class BroadcastBenchmark {
  @Param({"10", "1000"})
  public int recipients;

  private SocketIoServer io;
  private Blackhole blackhole;
  private final String payload = "1234567890|" + "x".repeat(53);

  /** A scheduler that runs everything at once on the calling thread. */
  private static final class Inline implements Scheduler {
    @Override
    public long nanoTime() {
      return System.nanoTime();
    }

    @Override
    public Cancellable schedule(Runnable task, Duration delay) {
      return Cancellable.NONE;
    }

    @Override
    public void execute(Runnable task) {
      task.run();
    }

    @Override
    public boolean inSchedulerThread() {
      return true;
    }
  }

  @Setup
  public void setUp(Blackhole bh) {
    blackhole = bh;
    Scheduler scheduler = new Inline();
    io = SocketIoServer.create(ServerOptions.defaults(), scheduler);
    ConnectionRequest request = new ConnectionRequest(Map.of(), Map.of(), "127.0.0.1", "/socket.io/", false, 0);
    for (int i = 0; i < recipients; i++) {
      String id = "engine-" + i;
      EngineConnectionHandler handler = io.accept(new EngineConnection() {
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
          return request;
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
          blackhole.consume(packets);
          return true;
        }

        @Override
        public void close() {}
      });
      handler.onMessage("0");
    }
  }

  @Benchmark
  public boolean broadcast() {
    return io.emit("tick", payload);
  }
}
