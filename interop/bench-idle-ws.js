'use strict';
// Opens many idle Engine.IO WebSocket sessions (answering the server's pings) for the
// idle-session memory benchmark, then keeps them open until stdin closes.
//
//   node bench-idle-ws.js <base-url> <sessions>
//
// Prints "OPEN <n>" once every session has received its open packet.
const WebSocket = require('ws');

const [base, countArg] = process.argv.slice(2);
const count = Number(countArg);
const url = base.replace(/^http/, 'ws') + '/engine.io/?EIO=4&transport=websocket';
const WINDOW = 256;
let started = 0;
let opened = 0;
const sockets = [];

function startMore() {
  while (started < count && started - opened < WINDOW) {
    started++;
    const ws = new WebSocket(url);
    sockets.push(ws);
    let first = true;
    ws.on('message', (data) => {
      const text = data.toString();
      if (first) {
        first = false;
        opened++;
        if (opened === count) console.log('OPEN ' + opened);
        startMore();
      } else if (text === '2') {
        ws.send('3');
      }
    });
    ws.on('error', (e) => {
      console.error('socket error: ' + e.message);
      process.exit(1);
    });
  }
}

startMore();
process.stdin.on('end', () => {
  sockets.forEach((s) => s.terminate());
  process.exit(0);
});
process.stdin.resume();
