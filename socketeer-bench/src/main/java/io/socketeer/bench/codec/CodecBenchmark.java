package io.socketeer.bench.codec;

import io.socketeer.protocol.ProtocolException;
import io.socketeer.protocol.engineio.EngineCodec;
import io.socketeer.protocol.socketio.EncodedSocketPacket;
import io.socketeer.protocol.socketio.SocketPacket;
import io.socketeer.protocol.socketio.SocketPacketDecoder;
import io.socketeer.protocol.socketio.SocketPacketEncoder;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Throughput of the codecs on the inputs of {@code codec-fixtures.json}; {@code
 * interop/bench/codec-bench.js} measures the official JavaScript parsers on the same inputs and
 * prints both side by side.
 *
 * <p>Encoding here ends in UTF-8 bytes ready for the socket; the JavaScript encoders end in a
 * string that is converted later, so the comparison is conservative for Socketeer.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class CodecBenchmark {
  private CodecFixtures fixtures;
  private String smallText;
  private String kilobyteText;
  private EncodedSocketPacket binaryEncoded;
  private String binaryText;
  private byte[] payload;
  private SocketPacketDecoder decoder;

  @Setup
  public void setUp() {
    fixtures = new CodecFixtures();
    smallText = SocketPacketEncoder.encode(fixtures.smallEvent).textString();
    kilobyteText = SocketPacketEncoder.encode(fixtures.kilobyteEvent).textString();
    binaryEncoded = SocketPacketEncoder.encode(fixtures.binaryEvent);
    binaryText = binaryEncoded.textString();
    payload = EngineCodec.encodePayload(fixtures.payloadPackets);
    decoder = SocketPacketDecoder.create();
  }

  @Benchmark
  public EncodedSocketPacket encodeSmallEvent() {
    return SocketPacketEncoder.encode(fixtures.smallEvent);
  }

  @Benchmark
  public EncodedSocketPacket encodeKilobyteEvent() {
    return SocketPacketEncoder.encode(fixtures.kilobyteEvent);
  }

  @Benchmark
  public EncodedSocketPacket encodeBinaryEvent() {
    return SocketPacketEncoder.encode(fixtures.binaryEvent);
  }

  @Benchmark
  public SocketPacket decodeSmallEvent() throws ProtocolException {
    return decoder.decode(smallText);
  }

  @Benchmark
  public SocketPacket decodeKilobyteEvent() throws ProtocolException {
    return decoder.decode(kilobyteText);
  }

  @Benchmark
  public SocketPacket decodeBinaryEvent() throws ProtocolException {
    decoder.decode(binaryText);
    return decoder.decodeBinary(binaryEncoded.attachments().get(0));
  }

  @Benchmark
  public byte[] encodePayload100() {
    return EngineCodec.encodePayload(fixtures.payloadPackets);
  }

  @Benchmark
  public void decodePayload100(Blackhole blackhole) throws ProtocolException {
    EngineCodec.decodePayload(payload, packet -> {
      blackhole.consume(packet);
      return true;
    });
  }
}
