'use strict';
// The official socket.io server with the official Admin UI instrumentation, for the Admin UI
// tests: the reference that admin-ui-client.js is run against beside a Socketeer server with the
// same application.
//
//   node admin-ui-server.js <bcrypt hash of the admin password> [--port N]
//
// Prints "LISTENING <port>" once it accepts connections; exits when stdin closes.
//
// The application (mirrored by the Java test):
// - a middleware on "/" stores the "name" query parameter as socket.data.user;
// - "hello" (name, ack): emits "greeting" ("hi " + name) to the sender, then acks "ok";
// - "rooms" (ack): acks the sender's rooms.
const http = require('http');
const { Server } = require('socket.io');
const { instrument } = require('@socket.io/admin-ui');

const args = process.argv.slice(2);
const hash = args[0];
const portIndex = args.indexOf('--port');
const port = portIndex >= 0 ? Number(args[portIndex + 1]) : 0;

const httpServer = http.createServer((req, res) => {
  res.writeHead(404);
  res.end();
});
const io = new Server(httpServer);

io.use((socket, next) => {
  socket.data.user = 'u-' + socket.handshake.query.name;
  next();
});
io.on('connection', (socket) => {
  socket.on('hello', (name, ack) => {
    socket.emit('greeting', 'hi ' + name);
    ack('ok');
  });
  socket.on('rooms', (ack) => ack([...socket.rooms]));
});

instrument(io, {
  auth: { type: 'basic', username: 'admin', password: hash },
  serverId: 'test-server',
  mode: 'development',
});

httpServer.listen(port, '127.0.0.1', () => {
  process.stdout.write('LISTENING ' + httpServer.address().port + '\n');
});
process.stdin.on('end', () => process.exit(0));
process.stdin.resume();
