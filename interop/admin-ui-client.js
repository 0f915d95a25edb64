'use strict';
// Plays the Socket.IO Admin UI dashboard with the official socket.io-client against a server
// instrumented for it (the official @socket.io/admin-ui, or Socketeer's AdminUi), and prints one
// JSON line: a transcript of what the dashboard received, step by step, with ids, dates, ports
// and host names replaced by stable names so that two servers' transcripts can be compared.
//
//   node admin-ui-client.js <url> <admin password>
//
// The server runs the application of admin-ui-server.js, with basic authentication (user
// "admin"), serverId "test-server" and mode "development". Steps:
//   badPassword  connect to /admin with a wrong password: the connect_error
//   adminConnect connect with the right one: session, config, all_sockets, ...
//   sessionReuse a second dashboard connection with the session id instead of a password
//   clients      client A (WebSocket) and client B (polling only) connect to "/"
//   events       A emits "hello": event_received, event_sent; the server's greeting reaches A
//   join         the dashboard makes A join "room1" (command "join"): room_joined; A's rooms
//   emit         the dashboard emits "announce" to room1 (command "emit"): only A gets it
//   leave        the dashboard makes A leave "room1" (command "leave"): room_left
//   kick         the dashboard disconnects B (command "_disconnect"): B's reason, socket_disconnected
//   bye          A disconnects: socket_disconnected
// and "stats": the shape of every server_stats, and the values of the last one.
const { io } = require('socket.io-client');

const url = process.argv[2];
const password = process.argv[3];
const transcript = { steps: {} };
const names = new Map(); // id -> stable name
const allStats = [];
let current = null;
let received = [];

setTimeout(() => { transcript.error = 'timed out in step ' + current; finish(1); }, 40000).unref();

function finish(code) {
  process.stdout.write(JSON.stringify(normalize(transcript)) + '\n');
  setTimeout(() => process.exit(code), 200);
}

function name(id, label) {
  if (id) {
    names.set(id, label);
  }
}

/** Names a socket, its Engine.IO session and the dashboard's client id (the session id's first 12 characters). */
function nameSocket(socket, label) {
  name(socket.id, '<' + label + '>');
  name(socket.io.engine.id, '<' + label + '-engine>');
  name(socket.io.engine.id.substring(0, 12), '<' + label + '-client>');
}

const ISO_DATE = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;

/** Replaces known ids by their names, ISO dates by "<date>", the port by "<port>". */
function normalize(value) {
  let text = JSON.stringify(value);
  // Longest first, so that a 12-character client id never eats into a longer id.
  [...names.keys()].sort((a, b) => b.length - a.length).forEach((id) => {
    text = text.split(id).join(names.get(id));
  });
  text = text.split(new URL(url).host).join('<host>');
  return JSON.parse(text, (k, v) => (typeof v === 'string' && ISO_DATE.test(v) ? '<date>' : v));
}

/** The parts of a serialized socket that must agree between servers. */
function socketShape(s) {
  const h = s.handshake || {};
  const query = Object.assign({}, h.query);
  delete query.t;
  return {
    keys: Object.keys(s).sort(),
    id: s.id,
    clientId: s.clientId,
    transport: s.transport,
    nsp: s.nsp,
    data: s.data,
    rooms: [...(s.rooms || [])].sort(),
    handshake: {
      keys: Object.keys(h).sort(),
      address: h.address,
      headers: h.headers && typeof h.headers,
      query,
      issued: typeof h.issued,
      secure: h.secure,
      time: typeof h.time,
      url: typeof h.url === 'string' && h.url.startsWith('/socket.io/?'),
      xdomain: h.xdomain,
    },
  };
}

/** What one received event looks like in the transcript. */
function entry(event, args) {
  switch (event) {
    case 'all_sockets':
      return { event, sockets: args[0].map(socketShape).sort((a, b) => (a.id + a.nsp).localeCompare(b.id + b.nsp)) };
    case 'socket_connected':
      return { event, socket: socketShape(args[0]), date: args[1] };
    case 'session':
      return { event, sessionId: typeof args[0] === 'string' && /^[0-9a-f]{16}$/.test(args[0]) ? '<16 hex>' : args[0] };
    default:
      return { event, args };
  }
}

function attachRecorder(socket) {
  socket.onAny((event, ...args) => {
    if (event === 'server_stats') {
      allStats.push({ at: current, stats: args[0] });
    } else {
      received.push(entry(event, args));
    }
  });
}

/** Waits until {@code done()} holds (polling), then a little more for events that should not come. */
async function until(done, settleMs = 300) {
  while (!done()) {
    await sleep(20);
  }
  await sleep(settleMs);
}

function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function count(event) {
  return received.filter((e) => e.event === event).length;
}

/** Runs one step and files what the dashboard received meanwhile, sorted (delivery order across sockets may differ). */
async function step(label, body) {
  current = label;
  received = [];
  const extra = await body();
  const events = received.map((e) => JSON.stringify(normalize(e))).sort().map((e) => JSON.parse(e));
  transcript.steps[label] = Object.assign({ events }, extra || {});
}

function connected(socket) {
  return new Promise((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('connect_error', reject);
  });
}

async function main() {
  await step('badPassword', async () => {
    const bad = io(url + '/admin', {
      forceNew: true, reconnection: false, transports: ['websocket'], auth: { username: 'admin', password: 'wrong' },
    });
    const err = await new Promise((resolve) => bad.once('connect_error', resolve));
    bad.close();
    return { connectError: { message: err.message, data: err.data === undefined ? '<none>' : err.data } };
  });

  const admin = io(url + '/admin', {
    forceNew: true, reconnection: false, transports: ['websocket'], auth: { username: 'admin', password },
  });
  attachRecorder(admin);
  let sessionId;
  admin.on('session', (id) => { sessionId = id; });
  await step('adminConnect', async () => {
    await connected(admin);
    nameSocket(admin, 'admin');
    await until(() => count('all_sockets') === 1);
    // Event totals are compared from the first server_stats on: what happened before it may have
    // gone out (to nobody) in an earlier one, depending on the timer, on either server.
    await until(() => allStats.length >= 1, 0);
    return { sessionReceived: typeof sessionId === 'string' };
  });

  await step('sessionReuse', async () => {
    const again = io(url + '/admin', {
      forceNew: true, reconnection: false, transports: ['websocket'], auth: { sessionId },
    });
    await connected(again);
    nameSocket(again, 'admin2');
    await until(() => count('socket_connected') === 1);
    again.disconnect();
    await until(() => count('socket_disconnected') === 1);
  });

  const a = io(url + '?name=a', { forceNew: true, reconnection: false, transports: ['websocket'] });
  const b = io(url + '?name=b', { forceNew: true, reconnection: false, transports: ['polling'], upgrade: false });
  const toA = [];
  a.onAny((event, ...args) => toA.push([event, ...args]));
  const toB = [];
  b.onAny((event, ...args) => toB.push([event, ...args]));
  await step('clients', async () => {
    await connected(a);
    nameSocket(a, 'A');
    await connected(b);
    nameSocket(b, 'B');
    await until(() => count('socket_connected') === 2 && count('room_joined') === 2);
  });

  await step('events', async () => {
    const ack = await a.emitWithAck('hello', 'world');
    await until(() => count('event_received') === 1 && count('event_sent') === 1 && toA.length === 1);
    return { ack, toA: toA.splice(0) };
  });

  await step('join', async () => {
    admin.emit('join', '/', 'room1', a.id);
    await until(() => count('room_joined') === 1);
    const rooms = await a.emitWithAck('rooms');
    await until(() => count('event_received') === 1);
    return { roomsOfA: normalize(rooms).sort() };
  });

  await step('emit', async () => {
    admin.emit('emit', '/', 'room1', 'announce', 'news', 42);
    await until(() => toA.length === 1);
    return { toA: toA.splice(0), toB: toB.splice(0) };
  });

  await step('leave', async () => {
    admin.emit('leave', '/', 'room1', a.id);
    await until(() => count('room_left') === 1);
    const rooms = await a.emitWithAck('rooms');
    await until(() => count('event_received') === 1);
    return { roomsOfA: normalize(rooms).sort() };
  });

  await step('kick', async () => {
    const reason = new Promise((resolve) => b.once('disconnect', resolve));
    admin.emit('_disconnect', '/', false, b.id);
    const why = await reason;
    await until(() => count('socket_disconnected') === 1 && count('room_left') === 1);
    return { reasonOfB: why, toB: toB.splice(0) };
  });

  await step('bye', async () => {
    a.disconnect();
    await until(() => count('socket_disconnected') === 1);
  });

  // One more server_stats once nothing happens any more: its values are compared too.
  const seen = allStats.length;
  await until(() => allStats.length > seen, 0);
  const last = allStats[allStats.length - 1].stats;
  const totals = {};
  allStats.slice(1).forEach(({ stats }) => (stats.aggregatedEvents || []).forEach((e) => {
    const key = e.type + (e.subType === undefined ? '' : ':' + e.subType);
    totals[key] = (totals[key] || 0) + e.count;
  }));
  transcript.stats = {
    count: allStats.length >= 2,
    keys: [...new Set(allStats.flatMap(({ stats }) => Object.keys(stats)))].sort(),
    eventKeys: [...new Set(allStats.flatMap(({ stats }) => (stats.aggregatedEvents || []).flatMap(Object.keys)))].sort(),
    types: {
      serverId: typeof last.serverId,
      hostname: typeof last.hostname,
      pid: typeof last.pid,
      uptime: typeof last.uptime,
    },
    serverId: last.serverId,
    clientsCount: last.clientsCount,
    pollingClientsCount: last.pollingClientsCount,
    namespaces: [...last.namespaces].sort((x, y) => x.name.localeCompare(y.name)),
    eventTotals: {
      rawConnection: totals.rawConnection,
      rawDisconnection: Object.keys(totals).filter((k) => k.startsWith('rawDisconnection')).sort()
        .map((k) => k + '=' + totals[k]),
      packetsIn: totals.packetsIn > 0,
      packetsOut: totals.packetsOut > 0,
      bytesIn: totals.bytesIn > 0,
      bytesOut: totals.bytesOut > 0,
    },
  };
  admin.close();
  finish(0);
}

main().catch((e) => { transcript.error = String(e && e.stack || e); finish(1); });
