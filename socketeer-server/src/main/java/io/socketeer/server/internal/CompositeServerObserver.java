package io.socketeer.server.internal;

import io.socketeer.server.DisconnectReason;
import io.socketeer.server.Namespace;
import io.socketeer.server.ServerObserver;
import io.socketeer.server.Socket;

/** Two observers called in turn; made by {@link ServerObserver#compose}. Immutable. */
public final class CompositeServerObserver implements ServerObserver {
  private final ServerObserver first;
  private final ServerObserver second;

  /** Calls {@code first}, then {@code second}; neither may be null. */
  public CompositeServerObserver(ServerObserver first, ServerObserver second) {
    this.first = first;
    this.second = second;
  }

  @Override
  public void onConnect(Socket socket) {
    try {
      first.onConnect(socket);
    } finally {
      second.onConnect(socket);
    }
  }

  @Override
  public void onDisconnect(Socket socket, DisconnectReason reason) {
    try {
      first.onDisconnect(socket, reason);
    } finally {
      second.onDisconnect(socket, reason);
    }
  }

  @Override
  public void onRoomJoined(Namespace namespace, String room, String socketId) {
    try {
      first.onRoomJoined(namespace, room, socketId);
    } finally {
      second.onRoomJoined(namespace, room, socketId);
    }
  }

  @Override
  public void onRoomLeft(Namespace namespace, String room, String socketId) {
    try {
      first.onRoomLeft(namespace, room, socketId);
    } finally {
      second.onRoomLeft(namespace, room, socketId);
    }
  }

  @Override
  public void onBroadcast(Namespace namespace, int recipients) {
    try {
      first.onBroadcast(namespace, recipients);
    } finally {
      second.onBroadcast(namespace, recipients);
    }
  }

  @Override
  public void onAckReceived(Namespace namespace, long latencyNanos) {
    try {
      first.onAckReceived(namespace, latencyNanos);
    } finally {
      second.onAckReceived(namespace, latencyNanos);
    }
  }

  @Override
  public void onAckTimeout(Namespace namespace) {
    try {
      first.onAckTimeout(namespace);
    } finally {
      second.onAckTimeout(namespace);
    }
  }
}
