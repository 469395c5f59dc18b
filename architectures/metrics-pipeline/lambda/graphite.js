// metrics-pipeline Graphite output: writes the run's data points to a Carbon receiver with the plaintext
// protocol, one "path value timestamp" line each, over one TCP connection. Carbon keeps the last value
// per path and timestamp, so a retry or rerun overwrites instead of doubling.
/* eslint-disable @typescript-eslint/no-require-imports -- Lambda runs inline code as CommonJS */
const net = require('node:net');

const E = process.env;
// Graphite path components: letters, digits, _ and -; anything else, such as a dot in a tag value, becomes _.
const part = (s) => s.replace(/[^A-Za-z0-9_-]/g, '_');

exports.handler = async (input) => {
  const ts = Math.floor(Date.parse(input.runAt) / 1000);
  const lines = input.points.map(
    (p) => `${E.GRAPHITE_PREFIX}.${p.series.split('/').map(part).join('.')} ${p.value} ${ts}\n`,
  );
  await new Promise((resolve, reject) => {
    const socket = net.createConnection({ host: E.GRAPHITE_HOST, port: Number(E.GRAPHITE_PORT) });
    socket.setTimeout(10000, () => socket.destroy(new Error(`no answer from ${E.GRAPHITE_HOST}:${E.GRAPHITE_PORT}`)));
    socket.on('error', reject);
    socket.on('connect', () => socket.end(lines.join('')));
    // Carbon closes its side once it has read everything up to our end of stream.
    socket.on('close', (failed) => failed || resolve());
  });
  console.log(JSON.stringify({ msg: 'sent to graphite', host: E.GRAPHITE_HOST, lines: lines.length }));
  return { sent: lines.length };
};
