'use strict';
// Drives the official engine.io-client over WebSocket only, with its default per-message deflate
// (it offers the extension and compresses messages from 1024 bytes), against an echo server that
// accepts the extension. Sends small and large text and binary messages and checks that every
// echo comes back once, in order, unchanged; counts the compressed frames the server sent.
//
//   node engine-client-deflate.js <base-url> <count>
//
// Prints one JSON line with the outcome; exits 0 only on success.
const path = require('path');
const { Socket } = require('engine.io-client');

// Count inflations by the ws library that engine.io-client uses in Node (one per compressed
// message from the server). The module is loaded by file from engine.io-client's own copy of ws,
// so it is the instance the client uses.
const PerMessageDeflate = require(path.join(path.dirname(require.resolve('ws', { paths: [path.dirname(require.resolve('engine.io-client'))] })), 'lib', 'permessage-deflate.js'));
let compressedFramesIn = 0;
const decompress = PerMessageDeflate.prototype.decompress;
PerMessageDeflate.prototype.decompress = function (...args) {
  compressedFramesIn++;
  return decompress.apply(this, args);
};

const [url, countArg] = process.argv.slice(2);
const count = Number(countArg);
if (!url || !(count > 0)) {
  console.error('usage: node engine-client-deflate.js <base-url> <count>');
  process.exit(2);
}

function payload(i) {
  switch (i % 3) {
    case 0:
      return `small ${i}`;
    case 1:
      return `large ${i} ` + 'é€😀 compressible text '.repeat(100);
    default: {
      const b = Buffer.alloc(3000);
      for (let k = 0; k < b.length; k++) b[k] = (k * 7 + i) % 13;
      return b;
    }
  }
}

function same(a, b) {
  if (Buffer.isBuffer(a) || a instanceof ArrayBuffer) {
    return Buffer.isBuffer(b) && Buffer.from(a).equals(b);
  }
  return a === b;
}

const socket = new Socket(url, { transports: ['websocket'] });
let received = 0;
let finished = false;

function finish(ok, detail) {
  if (finished) return;
  finished = true;
  clearTimeout(deadline);
  const ws = socket.transport && socket.transport.ws;
  console.log(JSON.stringify({
    ok, detail, count, received, compressedFramesIn, extensions: ws ? ws.extensions : null,
  }));
  socket.close();
  setTimeout(() => process.exit(ok ? 0 : 1), 50);
}

const deadline = setTimeout(() => finish(false, 'timed out'), 30000);

socket.on('open', () => {
  for (let i = 0; i < count; i++) socket.send(payload(i));
});
socket.on('message', (data) => {
  const expected = payload(received);
  const actual = Buffer.isBuffer(data) || typeof data === 'string' ? data : Buffer.from(data);
  if (!same(Buffer.isBuffer(expected) ? expected : expected, actual)) {
    finish(false, `message ${received} differs`);
    return;
  }
  received++;
  if (received === count) finish(true, 'all echoed');
});
socket.on('error', (e) => finish(false, `error: ${e && e.message}`));
socket.on('close', (reason) => finish(false, `closed: ${reason}`));
