'use strict';
// The Node reference server of BENCH_CONTRACT.md: the official socket.io package with its
// defaults, the contract's five events, one process, on HOST:PORT (default 127.0.0.1:3000).
// With REDIS_URL it joins a cluster through the official adapter REDIS_ADAPTER names: pubsub
// (default), sharded or streams (with connection state recovery, as Socketeer's bench app).
const http = require('http');
const { Server } = require('socket.io');

const port = Number(process.env.PORT || 3000);
const host = process.env.HOST || '127.0.0.1';
const io = new Server({
  serveClient: false,
  ...(process.env.REDIS_URL && process.env.REDIS_ADAPTER === 'streams' ? { connectionStateRecovery: {} } : {}),
});

async function joinCluster(url, variant) {
  const { createClient } = require('redis');
  const pub = createClient({ url });
  await pub.connect();
  if (variant === 'streams') {
    io.adapter(require('@socket.io/redis-streams-adapter').createAdapter(pub));
    return;
  }
  const sub = pub.duplicate();
  await sub.connect();
  const { createAdapter, createShardedAdapter } = require('@socket.io/redis-adapter');
  io.adapter(variant === 'sharded' ? createShardedAdapter(pub, sub) : createAdapter(pub, sub));
}

function takeAck(args) {
  return typeof args[args.length - 1] === 'function' ? args.pop() : null;
}

io.on('connection', (socket) => {
  socket.on('echo', (...args) => { const ack = takeAck(args); ack ? ack(...args) : socket.emit('echo', ...args); });
  socket.on('broadcast', (...args) => { const ack = takeAck(args); io.emit('tick', ...args); ack && ack(); });
  socket.on('join', (room, ack) => { socket.join(String(room)); typeof ack === 'function' && ack(); });
  socket.on('leave', (room, ack) => { socket.leave(String(room)); typeof ack === 'function' && ack(); });
  socket.on('room-broadcast', (room, ...args) => { const ack = takeAck(args); io.to(String(room)).emit('tick', ...args); ack && ack(); });
});

(async () => {
  if (process.env.REDIS_URL) {
    await joinCluster(process.env.REDIS_URL, process.env.REDIS_ADAPTER || 'pubsub');
  }
  const httpServer = http.createServer();
  io.attach(httpServer);
  httpServer.listen(port, host, () => console.log(`READY reference listening on ${host}:${port}`));
})();
