package io.socketeer.runtimetests;

import io.socketeer.engine.CloseReason;
import io.socketeer.engine.EngineSession;
import io.socketeer.engine.EngineSessionListener;
import io.socketeer.protocol.engineio.EnginePacket;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Engine.IO sessions that echo every message back and record how each one ended. */
public final class EchoSessions {
  /** How each session ended, by session id. */
  public final Map<String, CloseReason> closeReasons = new ConcurrentHashMap<>();

  /** The listener for a new session: pass {@code echo::open} to {@code EngineServer.create}. */
  public EngineSessionListener open(EngineSession session) {
    return new EngineSessionListener() {
      @Override
      public void onMessage(String text) {
        session.send(EnginePacket.message(text));
      }

      @Override
      public void onBinary(byte[] data) {
        session.send(EnginePacket.binary(data));
      }

      @Override
      public void onClose(CloseReason reason, String description) {
        closeReasons.put(session.id(), reason);
      }
    };
  }
}
