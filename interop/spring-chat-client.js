'use strict';
// Drives a Socketeer server set up by Spring Boot with the official socket.io-client and prints
// the observations as one JSON line, for the Java tests to check.
//
//   node spring-chat-client.js <scenario> <url> [transports]
//
// chat:   two clients join a room of the chat controller (join/chat events, acks, users list)
//         and exchange messages, each acknowledged by the server.
// extras: the starter's argument binding: @Payload indexes, binary, dates through the
//         application's ObjectMapper, a late CompletableFuture, and a failing handler (no ack).
const { io } = require('socket.io-client');

const [scenario, url, transportsArg] = process.argv.slice(2);
const transports = (transportsArg || 'polling,websocket').split(',');
const options = { transports, reconnection: false, forceNew: true, timeout: 5000 };

function done(result) {
  process.stdout.write(JSON.stringify(result) + '\n');
  // Let the disconnections reach the server before exiting.
  setTimeout(() => process.exit(0), 300);
}
setTimeout(() => done({ error: 'scenario timed out' }), 20000).unref();

const connect = (opts = {}) => new Promise((resolve, reject) => {
  const socket = io(url, { ...options, ...opts });
  socket.once('connect', () => resolve(socket));
  socket.once('connect_error', reject);
});
const next = (socket, event) => new Promise((resolve) => socket.once(event, (...a) => resolve(a.length > 1 ? a : a[0])));
const upgraded = (socket) => (transports.length > 1 && socket.io.engine.transport.name !== 'websocket'
  ? new Promise((resolve) => socket.io.engine.once('upgrade', resolve)) : Promise.resolve());

const scenarios = {
  async chat() {
    const alice = await connect();
    const bob = await connect();
    await Promise.all([upgraded(alice), upgraded(bob)]);
    const aliceJoined = await alice.timeout(5000).emitWithAck('join', { name: 'alice', room: 'lobby' });
    const aliceSeesBob = next(alice, 'system');
    const usersOfTwo = new Promise((resolve) => alice.on('users', (u) => u.length === 2 && resolve(u)));
    const bobJoined = await bob.timeout(5000).emitWithAck('join', { name: 'bob', room: 'lobby' });
    const refused = await bob.timeout(5000).emitWithAck('join', { name: '', room: 'lobby' });
    const bobGets = next(bob, 'chat');
    const aliceAck = await alice.timeout(5000).emitWithAck('chat', 'hello bob');
    const aliceGets = next(alice, 'chat');
    const bobAck = await bob.timeout(5000).emitWithAck('chat', 'hi alice');
    const result = {
      transports: [alice.io.engine.transport.name, bob.io.engine.transport.name],
      aliceJoined, bobJoined, refused,
      system: await aliceSeesBob,
      users: await usersOfTwo,
      aliceAck, bobAck,
      bobGot: await bobGets,
      aliceGot: await aliceGets,
    };
    const bobLeft = next(alice, 'system');
    bob.disconnect();
    result.left = await bobLeft;
    alice.disconnect();
    done(result);
  },

  async extras() {
    const socket = await connect();
    await upgraded(socket);
    const sum = await socket.timeout(5000).emitWithAck('digits', 2, 3);
    const reversed = await socket.timeout(5000).emitWithAck('reverse', Buffer.from([1, 2, 3]));
    const meeting = await socket.timeout(5000).emitWithAck('meeting', { title: 'plan', at: '2024-01-02T03:04:05Z' });
    const late = await socket.timeout(5000).emitWithAck('late', 'x');
    let failed;
    try {
      await socket.timeout(1000).emitWithAck('fail');
      failed = 'acked';
    } catch (e) {
      failed = e.message;
    }
    const stillConnected = socket.connected;
    const transport = socket.io.engine.transport.name;
    socket.disconnect();
    done({ sum, reversed: Buffer.from(reversed).toString('hex'), meeting, late, failed, stillConnected, transport });
  },
};

scenarios[scenario]().catch((e) => done({ error: String(e && e.stack || e) }));
