'use strict';
// A mixed cluster on Redis sharded pub/sub: an official Node server (socket.io with
// createShardedAdapter of @socket.io/redis-adapter) beside a Socketeer server (URL given), official
// clients on both; broadcasts (all, room, except) and cluster-wide requests from each side. Prints
// what every client received, and the requests' results, as one JSON line.
//
//   node redis-sharded-scenario.js <socketeer url> <redis port>
const http = require('http');
const { Server } = require('socket.io');
const { createShardedAdapter } = require('@socket.io/redis-adapter');
const { createClient } = require('redis');
const { io: connect } = require('socket.io-client');

const [javaUrl, redisPort] = process.argv.slice(2);
const pause = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function done(result, code = 0) {
  process.stdout.write(JSON.stringify(result) + '\n');
  setTimeout(() => process.exit(code), 200);
}
setTimeout(() => done({ error: 'scenario timed out' }, 1), 40000).unref();

async function nodeServer() {
  const pub = createClient({ url: `redis://127.0.0.1:${redisPort}` });
  const sub = pub.duplicate();
  await Promise.all([pub.connect(), sub.connect()]);
  const httpServer = http.createServer();
  const io = new Server(httpServer, { adapter: createShardedAdapter(pub, sub) });
  io.on('hello-node', (msg, ack) => ack('node says hi to ' + msg));
  io.on('connection', (socket) => {
    socket.on('join', (room, ack) => { socket.join(room); ack(); });
    socket.on('to-all', (...args) => { const ack = args.pop(); io.emit('news', ...args); ack(); });
    socket.on('to-room', (room, msg, ack) => { io.to(room).emit('news', msg); ack(); });
    socket.on('to-all-but', (room, msg, ack) => { io.except(room).emit('news', msg); ack(); });
  });
  await new Promise((resolve) => httpServer.listen(0, '127.0.0.1', resolve));
  return { io, url: `http://127.0.0.1:${httpServer.address().port}/`, close: () => { io.close(); pub.quit(); sub.quit(); } };
}

const show = (v) => JSON.parse(JSON.stringify(v, (k, x) =>
  x && x.type === 'Buffer' && Array.isArray(x.data) ? { $bin: Buffer.from(x.data).toString('hex') } : x));

(async () => {
  const node = await nodeServer();
  const options = { transports: ['websocket'], forceNew: true, reconnection: false };
  const clients = { onJava: connect(javaUrl, options), onNode: connect(node.url, options), onNodeToo: connect(node.url, options) };
  const got = { onJava: [], onNode: [], onNodeToo: [] };
  await Promise.all(Object.entries(clients).map(([name, c]) => new Promise((resolve) => {
    c.on('news', (...args) => got[name].push(show(args)));
    c.once('connect', resolve);
  })));
  await clients.onJava.timeout(5000).emitWithAck('join', 'r');
  await clients.onNodeToo.timeout(5000).emitWithAck('join', 'n');
  await pause(300); // subscriptions settle
  const step = async (client, ...args) => { await client.timeout(5000).emitWithAck(...args); await pause(400); };

  await step(clients.onNode, 'to-all', 'from node', Buffer.from([1, 2]));
  await step(clients.onJava, 'to-all', 'from java', Buffer.from([3]));
  await step(clients.onNode, 'to-room', 'r', 'node to room r');
  await step(clients.onJava, 'to-room', 'n', 'java to room n');
  await step(clients.onNodeToo, 'to-all-but', 'r', 'node to all but r');
  await step(clients.onJava, 'to-all-but', 'n', 'java to all but n');

  // Cluster-wide requests, both ways.
  const fetchedByNode = (await node.io.fetchSockets()).map((s) => ({ id: s.id, address: s.handshake.address, rooms: s.rooms }));
  const fetchedByJava = await clients.onJava.timeout(8000).emitWithAck('fetch');
  node.io.in(clients.onJava.id).socketsJoin('node-made');
  await pause(300);
  await step(clients.onNodeToo, 'to-room', 'node-made', 'to a room joined from node');
  Object.entries(clients).forEach(([name, c]) => c.on('ping', (ack) => ack('pong from ' + name)));
  const pongs = await node.io.timeout(3000).emitWithAck('ping');
  const pongsForJava = await clients.onJava.timeout(8000).emitWithAck('ping-all');
  const javaReplies = await node.io.serverSideEmitWithAck('hello-java', 'node');
  const nodeReplies = await clients.onJava.timeout(8000).emitWithAck('hello-nodes');
  const serverCountOnNode = await node.io.of('/').adapter.serverCount();
  const serverCountOnJava = await clients.onJava.timeout(5000).emitWithAck('server-count');
  const ids = Object.fromEntries(Object.entries(clients).map(([name, c]) => [name, c.id]));

  Object.values(clients).forEach((c) => c.disconnect());
  node.close();
  done({ got, ids, fetchedByNode, fetchedByJava, pongs: pongs.sort(), pongsForJava, javaReplies, nodeReplies, serverCountOnNode, serverCountOnJava });
})().catch((e) => done({ error: String(e && e.stack || e) }, 1));
