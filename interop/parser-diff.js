'use strict';
// Differential harness for Socketeer's codecs: reads cases written by the Java test, encodes each
// packet with the official parsers, decodes the Java encoding with them, and writes both results.
//
//   node parser-diff.js <cases.json> <results.json>
//
// Binary values travel in the JSON files as {"$bin": "<base64>"}.
const fs = require('fs');
const sioParser = require('socket.io-parser');
const eioParser = require('engine.io-parser');
const path = require('path');
// The v3 parser ships inside engine.io but is not in its package exports: load it by file path.
const eioParserV3 = require(path.join(path.dirname(require.resolve('engine.io')), 'parser-v3', 'index.js'));

const [casesFile, resultsFile] = process.argv.slice(2);
const cases = JSON.parse(fs.readFileSync(casesFile, 'utf8'));

const isBin = (v) => v !== null && typeof v === 'object' && !Array.isArray(v) && typeof v.$bin === 'string' && Object.keys(v).length === 1;

function fromNeutral(v) {
  if (Array.isArray(v)) return v.map(fromNeutral);
  if (isBin(v)) return Buffer.from(v.$bin, 'base64');
  if (v !== null && typeof v === 'object') {
    const out = {};
    for (const k of Object.keys(v)) out[k] = fromNeutral(v[k]);
    return out;
  }
  return v;
}

function toNeutral(v) {
  if (Buffer.isBuffer(v)) return { $bin: v.toString('base64') };
  if (v instanceof ArrayBuffer) return { $bin: Buffer.from(v).toString('base64') };
  if (Array.isArray(v)) return v.map(toNeutral);
  if (v !== null && typeof v === 'object') {
    const out = {};
    for (const k of Object.keys(v)) out[k] = toNeutral(v[k]);
    return out;
  }
  return v;
}

function sioCase(c) {
  const packet = { type: c.packet.type, nsp: c.packet.nsp };
  if (c.packet.id !== undefined) packet.id = c.packet.id;
  if (c.packet.data !== undefined) packet.data = fromNeutral(c.packet.data);
  const parts = new sioParser.Encoder().encode(packet);
  const encoded = {
    text: parts[0],
    attachments: parts.slice(1).map((b) => Buffer.from(b).toString('base64')),
  };
  let decoded;
  try {
    const decoder = new sioParser.Decoder();
    let result;
    decoder.on('decoded', (p) => { result = p; });
    decoder.add(c.java.text);
    for (const a of c.java.attachments) decoder.add(Buffer.from(a, 'base64'));
    if (!result) throw new Error('incomplete packet');
    decoded = { type: result.type, nsp: result.nsp };
    if (result.id !== undefined) decoded.id = result.id;
    if (result.data !== undefined) decoded.data = toNeutral(result.data);
  } catch (e) {
    decoded = { error: String(e.message) };
  }
  return { encoded, decoded };
}

function eioPacketFromNeutral(p) {
  const packet = { type: p.type };
  if (p.data !== undefined) packet.data = fromNeutral(p.data);
  return packet;
}

function eioPacketToNeutral(p) {
  const out = { type: p.type };
  if (p.data !== undefined) out.data = toNeutral(p.data);
  return out;
}

function eio4Case(c) {
  let encoded;
  eioParser.encodePayload(c.packets.map(eioPacketFromNeutral), (s) => { encoded = s; });
  let decoded;
  const packets = eioParser.decodePayload(c.java.payload, 'nodebuffer');
  if (packets.some((p) => p.type === 'error')) decoded = { error: 'parser error' };
  else decoded = packets.map(eioPacketToNeutral);
  return { encoded, decoded };
}

function eio3Case(c) {
  let encoded;
  eioParserV3.encodePayload(c.packets.map(eioPacketFromNeutral), c.supportsBinary, (data) => {
    encoded = Buffer.isBuffer(data) ? { $bin: data.toString('base64') } : data;
  });
  const decodedPackets = [];
  let failed = false;
  const onPacket = (p) => {
    if (p.type === 'error') { failed = true; return false; }
    decodedPackets.push(eioPacketToNeutral(p));
  };
  if (typeof c.java.payload === 'string') {
    eioParserV3.decodePayload(c.java.payload, 'nodebuffer', onPacket);
  } else {
    eioParserV3.decodePayloadAsBinary(Buffer.from(c.java.payload.$bin, 'base64'), 'nodebuffer', onPacket);
  }
  return { encoded, decoded: failed ? { error: 'parser error' } : decodedPackets };
}

function jsonCase(text) {
  try {
    return { ok: true, value: JSON.stringify(JSON.parse(text)) };
  } catch (e) {
    return { ok: false };
  }
}

const results = {
  json: (cases.json || []).map(jsonCase),
  sio: (cases.sio || []).map(sioCase),
  eio4: (cases.eio4 || []).map(eio4Case),
  eio3: (cases.eio3 || []).map(eio3Case),
};
fs.writeFileSync(resultsFile, JSON.stringify(results));
