'use strict';
// Runs one scenario of the official socket.io-client against a Socket.IO server and prints the
// observations as one JSON line, for the Java interop tests to check.
//
//   node sio-client-scenarios.js <scenario> <url> [transports]
//
// transports: "websocket", "polling" or "polling,websocket" (the default: polling then upgrade).
const { io, Manager } = require('socket.io-client');

const [scenario, url, transportsArg] = process.argv.slice(2);
const transports = (transportsArg || 'polling,websocket').split(',');
const options = { transports, reconnection: false, forceNew: true, timeout: 5000 };

function done(result) {
  process.stdout.write(JSON.stringify(result) + '\n');
  // Let the disconnections reach the server (a close POST, a WebSocket close frame) before exiting.
  setTimeout(() => process.exit(0), 300);
}
setTimeout(() => done({ error: 'scenario timed out' }), 20000).unref();

const bin = (...bytes) => Buffer.from(bytes);
const show = (v) => JSON.parse(JSON.stringify(v, (k, x) =>
  x && x.type === 'Buffer' && Array.isArray(x.data) ? { $bin: Buffer.from(x.data).toString('hex') } : x));

const scenarios = {
  // Connect, receive auth, echo and ack with binary, then disconnect.
  async echo() {
    const socket = io(url, { ...options, auth: { token: 'abc' } });
    const auth = await new Promise((resolve) => socket.once('auth', resolve));
    const args = [1, 'two', { three: [true, null] }, bin(1, 2, 3), { nested: bin(4, 5) }];
    const back = new Promise((resolve) => socket.once('message-back', (...a) => resolve(a)));
    socket.emit('message', ...args);
    const echoed = await back;
    // The callback form receives every argument of the ack (emitWithAck resolves with the first).
    const acked = await new Promise((resolve, reject) => socket.timeout(5000).emit(
      'message-with-ack', ...args, (err, ...response) => (err ? reject(err) : resolve(response))));
    const transport = socket.io.engine.transport.name;
    const id = socket.id;
    socket.disconnect();
    done({ id, auth, echoed: show(echoed), acked: show(acked), transport });
  },

  // Many messages each way while the transport upgrades: all arrive, in order, once.
  async ordered() {
    const socket = io(url, options);
    const count = 500;
    const received = [];
    const all = new Promise((resolve) => socket.on('message-back', (n) => {
      received.push(n);
      if (received.length === count) resolve();
    }));
    for (let i = 0; i < count; i++) socket.emit('message', i);
    await all;
    const transport = socket.io.engine.transport.name;
    socket.disconnect();
    done({ received, transport });
  },

  // Two namespaces over one connection, and an unknown one.
  async namespaces() {
    const manager = new Manager(url, options);
    const main = manager.socket('/');
    const custom = manager.socket('/custom', { auth: { n: 1 } });
    const auths = await Promise.all([
      new Promise((resolve) => main.once('auth', resolve)),
      new Promise((resolve) => custom.once('auth', resolve)),
    ]);
    const unknown = manager.socket('/random');
    const error = await new Promise((resolve) => unknown.once('connect_error', (e) => resolve(e.message)));
    const shared = main.io === custom.io && custom.io === unknown.io;
    const distinctIds = main.id !== custom.id && typeof main.id === 'string' && typeof custom.id === 'string';
    const stillConnected = main.connected && custom.connected;
    main.disconnect(); custom.disconnect(); unknown.disconnect();
    done({ auths, unknownError: error, shared, distinctIds, stillConnected });
  },

  // A middleware refusal reaches the client with message and data.
  async refused() {
    const socket = io(url + 'auth', { ...options, auth: { token: 'bad' } });
    const err = await new Promise((resolve) => socket.once('connect_error', resolve));
    socket.disconnect();
    done({ message: err.message, data: err.data });
  },

  // The server asks (emit with ack) and the client answers; then the server kicks the socket.
  async serverAck() {
    const socket = io(url, options);
    socket.on('question', (n, ack) => ack(n * 2));
    await new Promise((resolve) => socket.once('auth', resolve));
    const answer = new Promise((resolve) => socket.once('answer', resolve));
    socket.emit('ask', 21);
    const got = await answer;
    const reason = new Promise((resolve) => socket.once('disconnect', resolve));
    socket.emit('kick');
    done({ answer: got, reason: await reason, active: socket.active });
  },

  // Rooms: three clients, two join a room, a broadcast to the room reaches exactly those two.
  async rooms() {
    const sockets = [0, 1, 2].map(() => io(url, options));
    await Promise.all(sockets.map((s) => new Promise((resolve) => s.once('auth', resolve))));
    await sockets[0].emitWithAck('join', 'r');
    await sockets[1].emitWithAck('join', 'r');
    const got = [[], [], []];
    sockets.forEach((s, i) => s.on('room-msg', (m) => got[i].push(m)));
    await sockets[2].emitWithAck('to-room', 'r', 'hello');
    await new Promise((resolve) => setTimeout(resolve, 300));
    sockets.forEach((s) => s.disconnect());
    done({ got });
  },
};

// Connection state recovery: the transport dies, the server emits meanwhile, the client reconnects
// by itself and gets its id back and the missed packet.
scenarios.recovery = async () => {
  const socket = io(url, { ...options, reconnection: true, reconnectionDelay: 200, reconnectionDelayMax: 200 });
  // The first event carries the offset the client will present when it reconnects.
  await new Promise((resolve) => socket.once('welcome', resolve));
  const first = { id: socket.id, recovered: socket.recovered };
  const received = [];
  socket.on('later', (...args) => received.push(args[0]));
  await socket.timeout(5000).emitWithAck('emit-later', 100);
  socket.io.engine.close(); // a lost connection, as far as both sides can tell
  await new Promise((resolve) => socket.once('connect', resolve));
  await new Promise((resolve) => setTimeout(resolve, 200));
  const second = { id: socket.id, recovered: socket.recovered };
  socket.disconnect();
  done({ first, second, received });
};

const run = scenarios[scenario];
if (!run) {
  done({ error: `unknown scenario ${scenario}` });
} else {
  run().catch((e) => done({ error: String(e && e.stack || e) }));
}
