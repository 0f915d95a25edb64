'use strict';
// A mixed cluster on one Redis: this script runs an official Node server (socket.io with
// @socket.io/redis-adapter) beside a Socketeer server (URL given), connects official clients to
// both, broadcasts from each side, and prints what every client received as one JSON line.
//
//   node redis-cluster-scenario.js <socketeer url> <redis port>
const http = require('http');
const { Server } = require('socket.io');
const { createAdapter } = require('@socket.io/redis-adapter');
const { createClient } = require('redis');
const { io: connect } = require('socket.io-client');

const [javaUrl, redisPort] = process.argv.slice(2);
const pause = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function done(result, code = 0) {
  process.stdout.write(JSON.stringify(result) + '\n');
  setTimeout(() => process.exit(code), 200);
}
setTimeout(() => done({ error: 'scenario timed out' }, 1), 30000).unref();

async function nodeServer() {
  const pub = createClient({ url: `redis://127.0.0.1:${redisPort}` });
  const sub = pub.duplicate();
  await Promise.all([pub.connect(), sub.connect()]);
  const httpServer = http.createServer();
  const io = new Server(httpServer, { adapter: createAdapter(pub, sub) });
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
  const clients = {
    onJava: connect(javaUrl, { transports: ['websocket'], forceNew: true, reconnection: false }),
    onNode: connect(node.url, { transports: ['websocket'], forceNew: true, reconnection: false }),
    onNodeToo: connect(node.url, { transports: ['websocket'], forceNew: true, reconnection: false }),
  };
  const got = { onJava: [], onNode: [], onNodeToo: [] };
  await Promise.all(Object.entries(clients).map(([name, c]) => new Promise((resolve) => {
    c.on('news', (...args) => got[name].push(show(args)));
    c.once('connect', resolve);
  })));
  await clients.onJava.timeout(5000).emitWithAck('join', 'r');
  await pause(300); // subscriptions settle

  await clients.onNode.timeout(5000).emitWithAck('to-all', 'from node', Buffer.from([1, 2]));
  await pause(400);
  await clients.onJava.timeout(5000).emitWithAck('to-all', 'from java', Buffer.from([3]));
  await pause(400);
  await clients.onNode.timeout(5000).emitWithAck('to-room', 'r', 'node to room r');
  await pause(400);
  await clients.onNodeToo.timeout(5000).emitWithAck('to-all-but', 'r', 'node to all but r');
  await pause(400);
  await clients.onJava.timeout(5000).emitWithAck('to-room', 'r', 'java to room r');
  await pause(400);

  Object.values(clients).forEach((c) => c.disconnect());
  node.close();
  done({ got });
})().catch((e) => done({ error: String(e && e.stack || e) }, 1));
