'use strict';
// Drives the chat demo in headless Chromium (Debian's chromium, through playwright-core): two
// pages join one room and exchange messages, first pinned to HTTP long-polling, then with the
// default transports once the connection has upgraded to WebSocket. Prints one JSON line.
//
//   node browser-chat.js <base url>
const { chromium } = require('playwright-core');

const base = process.argv[2];
// Pages in the background get no animation frames: poll on a timer instead.
const POLL = { polling: 100, timeout: 20000 };
const executablePath = process.env.CHROMIUM || '/usr/bin/chromium';
const args = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

async function join(page, url, name, room) {
  await page.goto(url);
  await page.waitForFunction(() => document.getElementById('status').textContent === 'connected', null, POLL);
  await page.fill('#name', name);
  await page.fill('#room', room);
  await page.click('#join');
  await page.waitForFunction(() => !document.getElementById('message').disabled, null, POLL);
}

async function say(from, to, text) {
  await from.fill('#message', text);
  await from.click('#send');
  await from.waitForFunction((t) => [...document.querySelectorAll('#messages li.own.delivered')]
    .some((li) => li.textContent === 'me: ' + t), text, POLL);
  await to.waitForFunction((t) => [...document.querySelectorAll('#messages li.incoming')]
    .some((li) => li.textContent.endsWith(': ' + t)), text, POLL);
}

async function phase(browser, query, expectTransport, room) {
  const a = await browser.newPage();
  const b = await browser.newPage();
  await join(a, base + query, 'alice', room);
  await join(b, base + query, 'bob', room);
  if (expectTransport) {
    for (const p of [a, b]) {
      await p.waitForFunction((t) => document.getElementById('transport').textContent === t, expectTransport, POLL);
    }
  }
  await a.waitForFunction(() => document.querySelectorAll('#users li').length === 2, null, POLL);
  await say(a, b, 'hello from alice');
  await say(b, a, 'hi alice, bob here');
  await b.fill('#message', 'typing…');
  await b.dispatchEvent('#message', 'input');
  await a.waitForFunction(() => document.getElementById('typing').textContent.includes('bob'), null, POLL);
  const result = {
    transports: [await a.textContent('#transport'), await b.textContent('#transport')],
    users: await a.$$eval('#users li', (lis) => lis.map((li) => li.textContent)),
    aliceSees: await a.$$eval('#messages li', (lis) => lis.map((li) => li.textContent + '|' + li.className)),
    bobSees: await b.$$eval('#messages li', (lis) => lis.map((li) => li.textContent + '|' + li.className)),
  };
  await a.close();
  await b.close();
  return result;
}

(async () => {
  const browser = await chromium.launch({ executablePath, headless: true, args });
  try {
    const polling = await phase(browser, '?transports=polling', 'polling', 'polling-room');
    const upgraded = await phase(browser, '', 'websocket', 'upgraded-room');
    console.log(JSON.stringify({ polling, upgraded }));
  } finally {
    await browser.close();
  }
})().catch((e) => {
  console.log(JSON.stringify({ error: String(e && e.stack || e) }));
  process.exit(1);
});
