'use strict';
// A mixed cluster on a Redis stream: an official Node server (socket.io with
// @socket.io/redis-streams-adapter, connection state recovery on) beside a Socketeer server (URL
// given), official clients on both. Broadcasts and cluster-wide requests from each side, then
// connection state recovery across servers: a client of each server loses its connection, misses
// broadcasts, and reconnects to the other server. Prints the results as one JSON line.
//
//   node redis-streams-scenario.js <socketeer url> <redis port>
const http = require('http');
const { Server } = require('socket.io');
const { createAdapter } = require('@socket.io/redis-streams-adapter');
const { createClient } = require('redis');
const { io: connect } = require('socket.io-client');

const [javaUrl, redisPort] = process.argv.slice(2);
const pause = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function done(result, code = 0) {
  process.stdout.write(JSON.stringify(result) + '\n');
  setTimeout(() => process.exit(code), 200);
}
setTimeout(() => done({ error: 'scenario timed out' }, 1), 50000).unref();

async function nodeServer() {
  const redis = createClient({ url: `redis://127.0.0.1:${redisPort}` });
  await redis.connect();
  const httpServer = http.createServer();
  const io = new Server(httpServer, {
    adapter: createAdapter(redis),
    connectionStateRecovery: { maxDisconnectionDuration: 60000 },
  });
  io.on('hello-node', (msg, ack) => ack('node says hi to ' + msg));
  io.on('connection', (socket) => {
    socket.on('join', (room, ack) => { socket.join(room); ack(); });
    socket.on('to-all', (...args) => { const ack = args.pop(); io.emit('news', ...args); ack(); });
    socket.on('to-room', (room, msg, ack) => { io.to(room).emit('news', msg); ack(); });
    socket.on('to-all-but', (room, msg, ack) => { io.except(room).emit('news', msg); ack(); });
    socket.on('set-data', (name, ack) => { socket.data.name = name; ack(); });
    socket.on('whoami', (ack) => ack({ server: 'node', data: socket.data, rooms: [...socket.rooms].sort() }));
  });
  await new Promise((resolve) => httpServer.listen(0, '127.0.0.1', resolve));
  return { io, url: `http://127.0.0.1:${httpServer.address().port}/`, close: () => { io.close(); redis.quit(); } };
}

const show = (v) => JSON.parse(JSON.stringify(v, (k, x) =>
  x && x.type === 'Buffer' && Array.isArray(x.data) ? { $bin: Buffer.from(x.data).toString('hex') } : x));

(async () => {
  const node = await nodeServer();
  await pause(300); // the adapter's subscriptions and stream reader start
  const options = { transports: ['websocket'], forceNew: true, reconnection: false };
  const clients = { onJava: connect(javaUrl, options), onNode: connect(node.url, options), onNodeToo: connect(node.url, options) };
  // Two clients that will lose their connection and come back on the other server.
  const moving = { reconnectionDelay: 1500, reconnectionDelayMax: 1500, randomizationFactor: 0 };
  const movers = { fromJava: connect(javaUrl, { ...options, ...moving, reconnection: true }),
    fromNode: connect(node.url, { ...options, ...moving, reconnection: true }) };
  const got = { onJava: [], onNode: [], onNodeToo: [], fromJava: [], fromNode: [] };
  await Promise.all(Object.entries({ ...clients, ...movers }).map(([name, c]) => new Promise((resolve) => {
    c.on('news', (...args) => got[name].push(show(args)));
    c.once('connect', resolve);
  })));
  await clients.onJava.timeout(5000).emitWithAck('join', 'r');
  await clients.onNodeToo.timeout(5000).emitWithAck('join', 'n');
  for (const [name, m] of Object.entries(movers)) {
    await m.timeout(5000).emitWithAck('join', 'club');
    await m.timeout(5000).emitWithAck('set-data', name);
  }
  await pause(300);
  const step = async (client, ...args) => { await client.timeout(5000).emitWithAck(...args); await pause(400); };

  await step(clients.onNode, 'to-all', 'from node', Buffer.from([1, 2]));
  await step(clients.onJava, 'to-all', 'from java', Buffer.from([3]));
  await step(clients.onNode, 'to-room', 'r', 'node to room r');
  await step(clients.onJava, 'to-room', 'n', 'java to room n');
  await step(clients.onNodeToo, 'to-all-but', 'r', 'node to all but r');
  await step(clients.onJava, 'to-all-but', 'n', 'java to all but n');

  const fetchedByNode = (await node.io.fetchSockets()).map((s) => s.id).sort();
  const fetchedByJava = await clients.onJava.timeout(8000).emitWithAck('fetch');
  Object.entries({ ...clients, ...movers }).forEach(([name, c]) => c.on('ping', (ack) => ack('pong from ' + name)));
  const javaReplies = await node.io.serverSideEmitWithAck('hello-java', 'node');
  const nodeReplies = await clients.onJava.timeout(8000).emitWithAck('hello-nodes');
  const pongsForJava = await clients.onJava.timeout(8000).emitWithAck('ping-all');
  const ids = Object.fromEntries(Object.entries({ ...clients, ...movers }).map(([name, c]) => [name, c.id]));

  // Connection state recovery across servers.
  const before = {};
  for (const [name, m] of Object.entries(movers)) {
    before[name] = { id: m.id, recovered: m.recovered, offset: m._lastOffset, whoami: await m.timeout(5000).emitWithAck('whoami') };
  }
  movers.fromJava.io.uri = node.url;
  movers.fromNode.io.uri = javaUrl;
  const reconnected = Object.values(movers).map((m) => new Promise((resolve) => m.once('connect', resolve)));
  Object.values(movers).forEach((m) => m.io.engine.close()); // a lost connection, as far as both sides can tell
  const missedFrom = Object.fromEntries(Object.keys(got).map((k) => [k, got[k].length]));
  await pause(400);
  await clients.onNodeToo.timeout(5000).emitWithAck('to-room', 'club', 'missed, from node');
  await clients.onJava.timeout(5000).emitWithAck('to-room', 'club', 'missed, from java');
  await clients.onJava.timeout(5000).emitWithAck('to-all-but', 'club', 'not for the club');
  await Promise.all(reconnected);
  await pause(300);
  const after = {};
  for (const [name, m] of Object.entries(movers)) {
    after[name] = { id: m.id, recovered: m.recovered, whoami: await m.timeout(5000).emitWithAck('whoami'),
      received: got[name].slice(missedFrom[name]) };
  }

  Object.values({ ...clients, ...movers }).forEach((c) => c.disconnect());
  node.close();
  done({ got, ids, fetchedByNode, fetchedByJava, javaReplies, nodeReplies, pongsForJava, before, after });
})().catch((e) => done({ error: String(e && e.stack || e) }, 1));
