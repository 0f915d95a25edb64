'use strict';
// Drives a Socket.IO server with the official client for the metrics tests, and prints one JSON
// line with what it saw.
//
//   node metrics-client.js <url>
//
// Two clients: A connects over polling and upgrades to WebSocket, B stays on polling. A emits
// "hello" with an ack; the server asks A a "question" that A acknowledges; A joins "room1"; the
// server broadcasts "news" (seen by both); then both disconnect.
const { io } = require('socket.io-client');

const url = process.argv[2];
const result = {};
setTimeout(() => { result.error = 'timed out'; finish(); }, 15000).unref();

function finish() {
  process.stdout.write(JSON.stringify(result) + '\n');
  // Let the disconnections reach the server before exiting.
  setTimeout(() => process.exit(0), 300);
}

async function main() {
  const a = io(url, { forceNew: true, reconnection: false });
  const b = io(url, { forceNew: true, reconnection: false, transports: ['polling'], upgrade: false });
  a.on('question', (q, ack) => ack('answer to ' + q));
  // Listen for A's upgrade from the moment its engine opens: the upgrade may be over before both
  // clients have connected.
  const upgradedA = new Promise((resolve) => a.io.once('open', () => a.io.engine.once('upgrade', resolve)));
  const newsA = new Promise((resolve) => a.once('news', resolve));
  const newsB = new Promise((resolve) => b.once('news', resolve));
  await Promise.all([a, b].map((s) => new Promise((resolve) => s.once('connect', resolve))));
  await upgradedA;
  result.upgraded = a.io.engine.transport.name;
  result.hello = await a.emitWithAck('hello', 'x'.repeat(100));
  result.asked = await a.emitWithAck('ask-me');
  await a.emitWithAck('join', 'room1');
  await b.emitWithAck('broadcast');
  result.news = [await newsA, await newsB];
  a.disconnect();
  b.disconnect();
  finish();
}
main().catch((e) => { result.error = String(e); finish(); });
