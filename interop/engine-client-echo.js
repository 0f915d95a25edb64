'use strict';
// Drives the official engine.io-client against an echo server and checks that every message comes
// back once, in order, unchanged.
//
//   node engine-client-echo.js <base-url> <polling|websocket|upgrade> <count>
//
// Messages are sent in bursts of 100, one burst per timer tick, from the moment the session opens,
// so that in "upgrade" mode many are sent (and echoed) while the upgrade to WebSocket happens.
// Every third message is binary. Prints one JSON line with the outcome; exits 0 only on success.
const { Socket } = require('engine.io-client');

const [url, mode, countArg] = process.argv.slice(2);
const count = Number(countArg);
const transports = { polling: ['polling'], websocket: ['websocket'], upgrade: ['polling', 'websocket'] }[mode];
if (!transports || !(count > 0)) {
  console.error('usage: node engine-client-echo.js <base-url> <polling|websocket|upgrade> <count>');
  process.exit(2);
}

function payload(i) {
  if (i % 3 === 0) {
    return Buffer.from([i & 0xff, (i >> 8) & 0xff, (i >> 16) & 0xff, 0x1e, 0x00, 0xff]);
  }
  return `m${i} é€😀`;
}

const socket = new Socket(url, { transports });
let sent = 0;
let sentBeforeUpgrade = 0;
let received = 0;
let receivedBeforeUpgrade = 0;
let upgraded = false;
let finished = false;
const started = Date.now();

function finish(ok, detail) {
  if (finished) return;
  finished = true;
  clearTimeout(deadline);
  const result = {
    ok, detail, mode, count, sent, received, sentBeforeUpgrade, receivedBeforeUpgrade, upgraded,
    transport: socket.transport ? socket.transport.name : null, millis: Date.now() - started,
  };
  console.log(JSON.stringify(result));
  socket.close();
  setTimeout(() => process.exit(ok ? 0 : 1), 50);
}

const deadline = setTimeout(() => finish(false, 'timed out'), 40000);

function burst() {
  const end = Math.min(sent + 100, count);
  for (; sent < end; sent++) {
    socket.send(payload(sent));
    if (!upgraded) sentBeforeUpgrade++;
  }
  if (sent < count) setTimeout(burst, 2);
}

socket.on('open', burst);
socket.on('upgrade', () => { upgraded = true; });
socket.on('upgradeError', (e) => finish(false, 'upgrade error: ' + e.message));
socket.on('message', (data) => {
  const expected = payload(received);
  let same;
  if (typeof expected === 'string') {
    same = data === expected;
  } else {
    same = typeof data !== 'string' && Buffer.from(data).equals(expected);
  }
  if (!same) {
    finish(false, `message ${received} differs: ${JSON.stringify(typeof data === 'string' ? data : Buffer.from(data).toString('hex'))}`);
    return;
  }
  received++;
  if (!upgraded) receivedBeforeUpgrade++;
  if (received === count) finish(true, null);
});
socket.on('close', (reason, description) => finish(false, 'closed: ' + reason + ' ' + (description ? description.message || description : '')));
socket.on('error', (e) => finish(false, 'error: ' + (e && e.message)));
