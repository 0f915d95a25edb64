'use strict';
// A Socket.IO v2 client (socket.io-client 2.5.0: Engine.IO v3, Socket.IO protocol v4) against a
// server that allows EIO=3: implicit main namespace, a custom namespace with a query, binary both
// ways, acks. Prints one JSON line.
//
//   node sio-v2-client-scenarios.js <url> [transports]
const io = require('socket.io-client-v2');

const [url, transportsArg] = process.argv.slice(2);
const transports = (transportsArg || 'polling,websocket').split(',');
const options = { transports, reconnection: false, forceNew: true };

function done(result) {
  process.stdout.write(JSON.stringify(result) + '\n');
  setTimeout(() => process.exit(0), 300);
}
setTimeout(() => done({ error: 'scenario timed out' }), 20000).unref();
const show = (v) => JSON.parse(JSON.stringify(v, (k, x) =>
  x && x.type === 'Buffer' && Array.isArray(x.data) ? { $bin: Buffer.from(x.data).toString('hex') } : x));

(async () => {
  const main = io(url, options);
  const auth = await new Promise((resolve) => main.once('auth', resolve));
  const args = [1, 'two', Buffer.from([1, 2, 3])];
  const back = new Promise((resolve) => main.once('message-back', (...a) => resolve(a)));
  main.emit('message', ...args);
  const echoed = await back;
  const acked = await new Promise((resolve) => main.emit('message-with-ack', ...args, (...a) => resolve(a)));
  const custom = io(url + 'custom?token=v2', { ...options, forceNew: false });
  const customAuth = await new Promise((resolve) => custom.once('auth', resolve));
  const refused = io(url + 'auth?token=bad', { ...options, forceNew: false });
  const refusal = await new Promise((resolve) => refused.once('error', resolve));
  const transport = main.io.engine.transport.name;
  const id = main.id;
  const engineId = main.io.engine.id;
  main.disconnect(); custom.disconnect(); refused.disconnect();
  done({ auth, echoed: show(echoed), acked: show(acked), customAuth, refusal, transport, idIsEngineId: id === engineId });
})().catch((e) => done({ error: String(e && e.stack || e) }));
