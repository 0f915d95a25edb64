'use strict';
// Measures the official JavaScript parsers on the inputs of socketeer-bench's codec-fixtures.json
// and, given JMH's JSON results for CodecBenchmark, prints both side by side with their ratio.
//
//   node codec-bench.js <codec-fixtures.json> [jmh-results.json]
const fs = require('fs');
const sioParser = require('socket.io-parser');
const eioParser = require('engine.io-parser');

const [fixturesFile, jmhFile] = process.argv.slice(2);
const fixtures = JSON.parse(fs.readFileSync(fixturesFile, 'utf8'));

function attachment(length) {
  const b = Buffer.alloc(length);
  for (let i = 0; i < length; i++) b[i] = i % 251;
  return b;
}

const encoder = new sioParser.Encoder();
const packet = (data) => ({ type: sioParser.PacketType.EVENT, nsp: '/', data });
const smallEvent = packet(fixtures.smallEvent);
const kilobyteEvent = packet(fixtures.kilobyteEvent);
const binaryEvent = packet([...fixtures.binaryEvent.args, attachment(fixtures.binaryEvent.attachmentBytes)]);
const smallText = encoder.encode(smallEvent)[0];
const kilobyteText = encoder.encode(kilobyteEvent)[0];
const binaryParts = encoder.encode(binaryEvent);
const payloadPackets = [];
for (let i = 0; i < fixtures.payload.packets; i++) {
  payloadPackets.push({ type: 'message', data: encoder.encode(packet(fixtures.payload.event))[0] });
}
let payloadText;
eioParser.encodePayload(payloadPackets, (s) => { payloadText = s; });

let sink;
const decoder = new sioParser.Decoder();
decoder.on('decoded', (p) => { sink = p; });

const benchmarks = {
  encodeSmallEvent: () => { sink = encoder.encode(smallEvent); },
  encodeKilobyteEvent: () => { sink = encoder.encode(kilobyteEvent); },
  encodeBinaryEvent: () => { sink = encoder.encode(binaryEvent); },
  decodeSmallEvent: () => { decoder.add(smallText); },
  decodeKilobyteEvent: () => { decoder.add(kilobyteText); },
  decodeBinaryEvent: () => { decoder.add(binaryParts[0]); decoder.add(binaryParts[1]); },
  encodePayload100: () => { eioParser.encodePayload(payloadPackets, (s) => { sink = s; }); },
  decodePayload100: () => { sink = eioParser.decodePayload(payloadText, 'nodebuffer'); },
};

// Same shape as the JMH run: 3 warm-up seconds, then the mean of 5 one-second iterations.
function measure(fn) {
  const run = (ms) => {
    const end = process.hrtime.bigint() + BigInt(ms) * 1000000n;
    let ops = 0;
    let now;
    const start = process.hrtime.bigint();
    do {
      for (let i = 0; i < 100; i++) fn();
      ops += 100;
      now = process.hrtime.bigint();
    } while (now < end);
    return ops / (Number(now - start) / 1e9);
  };
  run(3000);
  let total = 0;
  for (let i = 0; i < 5; i++) total += run(1000);
  return total / 5;
}

const js = {};
for (const [name, fn] of Object.entries(benchmarks)) {
  js[name] = measure(fn);
}
void sink;

const fmt = (n) => Math.round(n).toLocaleString('en-US');
const lines = [];
if (jmhFile) {
  const jmh = JSON.parse(fs.readFileSync(jmhFile, 'utf8'));
  const java = {};
  for (const r of jmh) java[r.benchmark.replace(/.*\./, '')] = r.primaryMetric.score;
  lines.push('| operation | Socketeer (ops/s) | official JS parser (ops/s) | ratio |');
  lines.push('|---|---:|---:|---:|');
  for (const name of Object.keys(benchmarks)) {
    const ratio = java[name] / js[name];
    lines.push(`| ${name} | ${fmt(java[name])} | ${fmt(js[name])} | ${ratio.toFixed(2)}x |`);
  }
} else {
  for (const name of Object.keys(benchmarks)) lines.push(`${name}\t${fmt(js[name])} ops/s`);
}
console.log(lines.join('\n'));
