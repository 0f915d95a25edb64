package io.socketeer.engine.internal;

import io.socketeer.engine.CloseReason;
import io.socketeer.engine.EngineObserver;
import io.socketeer.engine.EngineSession;
import io.socketeer.protocol.engineio.EnginePacketType;

/** Two observers called in turn; made by {@link EngineObserver#compose}. Immutable. */
public final class CompositeEngineObserver implements EngineObserver {
  private final EngineObserver first;
  private final EngineObserver second;

  /** Calls {@code first}, then {@code second}; neither may be null. */
  public CompositeEngineObserver(EngineObserver first, EngineObserver second) {
    this.first = first;
    this.second = second;
  }

  @Override
  public void onSessionOpened(EngineSession session) {
    try {
      first.onSessionOpened(session);
    } finally {
      second.onSessionOpened(session);
    }
  }

  @Override
  public void onSessionClosed(EngineSession session, CloseReason reason) {
    try {
      first.onSessionClosed(session, reason);
    } finally {
      second.onSessionClosed(session, reason);
    }
  }

  @Override
  public void onPacketReceived(EngineSession session, EnginePacketType type, int bytes) {
    try {
      first.onPacketReceived(session, type, bytes);
    } finally {
      second.onPacketReceived(session, type, bytes);
    }
  }

  @Override
  public void onPacketSent(EngineSession session, EnginePacketType type, int bytes) {
    try {
      first.onPacketSent(session, type, bytes);
    } finally {
      second.onPacketSent(session, type, bytes);
    }
  }

  @Override
  public void onUpgraded(EngineSession session) {
    try {
      first.onUpgraded(session);
    } finally {
      second.onUpgraded(session);
    }
  }

  @Override
  public void onUpgradeFailed(EngineSession session, String reason) {
    try {
      first.onUpgradeFailed(session, reason);
    } finally {
      second.onUpgradeFailed(session, reason);
    }
  }
}
