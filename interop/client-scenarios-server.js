'use strict';
// Scenario server for the Java client's interop tests, built on the official socket.io package.
//
//   node client-scenarios-server.js [--port N] [--ping-interval ms] [--ping-timeout ms]
//                                   [--tls key.pem cert.pem]
//
// Prints "LISTENING <port>" on stdout once it accepts connections. Every scenario is driven by
// events the client emits; see the handlers below. The server exits when stdin closes, so that a
// killed test never leaves it behind.
const http = require('http');
const https = require('https');
const fs = require('fs');
const { Server } = require('socket.io');

const args = process.argv.slice(2);
function opt(name, dflt) {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : dflt;
}
const port = Number(opt('--port', '0'));
const pingInterval = Number(opt('--ping-interval', '25000'));
const pingTimeout = Number(opt('--ping-timeout', '20000'));
const tlsIndex = args.indexOf('--tls');

const handler = (req, res) => {
  res.writeHead(404);
  res.end();
};
const httpServer = tlsIndex >= 0
  ? https.createServer({ key: fs.readFileSync(args[tlsIndex + 1]), cert: fs.readFileSync(args[tlsIndex + 2]) }, handler)
  : http.createServer(handler);

const io = new Server(httpServer, {
  pingInterval,
  pingTimeout,
  cookie: { name: 'io', httpOnly: true, path: '/' },
  connectionStateRecovery: { maxDisconnectionDuration: 60000, skipMiddlewares: true },
});

// Cookie check (sticky sessions): every handshake sets "lb=node-a"; the server counts, per
// Engine.IO session, the later requests (polling and WebSocket upgrade) that carry it back.
io.engine.on('initial_headers', (headers) => {
  headers['set-cookie'] = [].concat(headers['set-cookie'] || [], 'lb=node-a; Path=/');
});
const cookieCounts = {};
function countCookie(req) {
  const sid = new URL(req.url, 'http://x').searchParams.get('sid');
  if (!sid) return;
  const c = (cookieCounts[sid] = cookieCounts[sid] || { with: 0, without: 0 });
  if ((req.headers.cookie || '').includes('lb=node-a')) c.with++;
  else c.without++;
}
httpServer.prependListener('request', countCookie);
httpServer.prependListener('upgrade', countCookie);

const retrySeen = [];

function install(nsp) {
  nsp.on('connection', (socket) => {
    const received = [];
    socket.onAny((event, ...rest) => {
      if (typeof rest[rest.length - 1] === 'function') rest.pop();
      received.push([event, ...rest]);
    });
    // Gives the client an offset to recover from.
    socket.emit('welcome', socket.id, socket.recovered);

    socket.on('echo', (...a) => {
      const ack = typeof a[a.length - 1] === 'function' ? a.pop() : null;
      if (ack) ack(...a);
      else socket.emit('echo', ...a);
    });
    socket.on('received', (ack) => ack(received.filter((e) => e[0] !== 'received')));
    socket.on('handshake', (ack) => ack({
      auth: socket.handshake.auth,
      query: socket.handshake.query,
      headers: socket.handshake.headers,
      transport: socket.conn.transport.name,
    }));
    socket.on('engine-count', (ack) => ack(io.engine.clientsCount));
    socket.on('engine-id', (ack) => ack(socket.conn.id));
    socket.on('cookies', (ack) => ack(cookieCounts[socket.conn.id] || { with: 0, without: 0 }));
    socket.on('ask', (question) => {
      socket.timeout(5000).emit('question', question, (err, answer) => {
        socket.emit('answer', err ? 'timeout' : answer);
      });
    });
    socket.on('binary', () => {
      socket.emit('binary-back', Buffer.from([1, 2, 3]), { nested: { buf: Buffer.from([4, 5]) }, n: 1 });
    });
    socket.on('kick', () => socket.disconnect());
    socket.on('drop-engine', () => socket.conn.close());
    socket.on('drop-and-miss', (count) => {
      const id = socket.id;
      socket.conn.close();
      setTimeout(() => {
        for (let i = 0; i < count; i++) io.of(nsp.name).to(id).emit('missed', i);
      }, 50);
    });
    // Retries: the first ack of every even value is "lost" (never sent).
    socket.on('retry', (n, ack) => {
      retrySeen.push(n);
      const times = retrySeen.filter((x) => x === n).length;
      if (n % 2 === 0 && times === 1) return;
      ack('ok-' + n);
    });
    socket.on('retry-seen', (ack) => ack(retrySeen.splice(0)));
  });
}

install(io.of('/'));
install(io.of('/admin'));
const priv = io.of('/private');
priv.use((socket, next) => {
  if (socket.handshake.auth && socket.handshake.auth.token === 'secret') return next();
  const err = new Error('not authorized');
  err.data = { reason: 'no token' };
  next(err);
});
install(priv);

httpServer.listen(port, '127.0.0.1', () => {
  process.stdout.write('LISTENING ' + httpServer.address().port + '\n');
});

process.stdin.on('end', () => process.exit(0));
process.stdin.resume();
