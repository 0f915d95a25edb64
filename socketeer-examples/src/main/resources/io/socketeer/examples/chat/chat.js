// The chat page: plain DOM code on top of the official Socket.IO browser client.
(() => {
  // ?transports=polling (or websocket) pins the transports, for tests and demos of each.
  const pinned = new URLSearchParams(location.search).get('transports');
  const socket = io(pinned ? { transports: pinned.split(',') } : {});
  const $ = (id) => document.getElementById(id);
  const messages = $('messages');
  const typers = new Set();
  let typingTimer = null;

  function add(text, className) {
    const li = document.createElement('li');
    li.textContent = text;
    if (className) li.className = className;
    messages.appendChild(li);
    li.scrollIntoView({ block: 'end' });
    return li;
  }

  function showTransport() {
    $('transport').textContent = socket.io.engine ? socket.io.engine.transport.name : '';
  }

  socket.on('connect', () => {
    $('status').textContent = 'connected';
    showTransport();
    socket.io.engine.on('upgrade', showTransport);
  });
  socket.on('disconnect', (reason) => { $('status').textContent = 'disconnected (' + reason + ')'; });
  socket.on('chat', (m) => add(m.from + ': ' + m.text, 'incoming'));
  socket.on('system', (text) => add(text, 'system'));
  socket.on('users', (names) => {
    const list = $('users');
    list.replaceChildren(...names.map((n) => Object.assign(document.createElement('li'), { textContent: n })));
  });
  socket.on('typing', ({ name, typing }) => {
    if (typing) typers.add(name); else typers.delete(name);
    $('typing').textContent = typers.size ? [...typers].join(', ') + ' typing…' : '';
  });

  $('join-form').addEventListener('submit', async (e) => {
    e.preventDefault();
    const reply = await socket.timeout(5000).emitWithAck('join', { name: $('name').value, room: $('room').value });
    if (!reply.ok) { add(reply.error, 'system'); return; }
    $('room-title').textContent = '#' + reply.room;
    messages.replaceChildren();
    $('message').disabled = false;
    $('send').disabled = false;
    $('message').focus();
  });

  $('message-form').addEventListener('submit', async (e) => {
    e.preventDefault();
    const text = $('message').value;
    if (!text) return;
    $('message').value = '';
    socket.emit('typing', false);
    const li = add('me: ' + text, 'own pending');
    try {
      const reply = await socket.timeout(5000).emitWithAck('chat', text);
      li.className = reply.ok ? 'own delivered' : 'own failed';
    } catch (err) {
      li.className = 'own failed';
    }
  });

  $('message').addEventListener('input', () => {
    socket.emit('typing', true);
    clearTimeout(typingTimer);
    typingTimer = setTimeout(() => socket.emit('typing', false), 1500);
  });
})();
