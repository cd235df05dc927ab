// For check-deploy.sh: puts the real nginx site config to work on loopback.
//   serve PORT                   an upstream on 127.0.0.1:PORT that answers every request with the
//                                headers it received (JSON), and every WebSocket upgrade with 101
//                                and those headers as X-Seen-* response headers
//   probe HTTP HTTPS UPSTREAM    asks nginx on those ports and checks what reached the upstream;
//                                prints one line per failed expectation, exits 1 if any
import http from 'node:http';
import https from 'node:https';

const [mode, ...ports] = process.argv.slice(2);

if (mode === 'serve') {
  const server = http.createServer((req, res) => {
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ url: req.url, headers: req.headers }));
  });
  server.on('upgrade', (req, socket) => {
    socket.end('HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n'
      + `X-Seen-Upgrade: ${req.headers.upgrade ?? ''}\r\nX-Seen-Connection: ${req.headers.connection ?? ''}\r\n`
      + `X-Seen-Forwarded-For: ${req.headers['x-forwarded-for'] ?? ''}\r\n\r\n`);
  });
  server.listen(Number(ports[0]), '127.0.0.1');
} else if (mode === 'probe') {
  const [httpPort, httpsPort] = ports.map(Number);
  const problems = [];
  const expect = (what, actual, wanted) => { if (actual !== wanted) problems.push(`${what}: got ${JSON.stringify(actual)}, expected ${JSON.stringify(wanted)}`); };
  const request = (secure, port, path, headers) => new Promise((resolve, reject) => {
    const req = (secure ? https : http).request({ host: '127.0.0.1', port, path, headers, rejectUnauthorized: false, timeout: 5000 }, (res) => {
      let body = '';
      res.on('data', (chunk) => { body += chunk; });
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body }));
    });
    req.on('upgrade', (res, socket) => { socket.destroy(); resolve({ status: res.statusCode, headers: res.headers, body: '' }); });
    req.on('timeout', () => req.destroy(new Error('timed out')));
    req.on('error', reject);
    req.end();
  });

  // nginx was just started in the background: give it a few seconds to listen.
  let ready = false;
  for (let i = 0; i < 50 && !ready; i++) {
    try { await request(true, httpsPort, '/', { host: 'credit.example.com' }); ready = true; } catch { await new Promise((r) => setTimeout(r, 200)); }
  }
  if (!ready) { console.log(`nginx did not answer on 127.0.0.1:${httpsPort}`); process.exit(1); }

  const plain = await request(false, httpPort, '/dashboard?x=1', { host: 'credit.example.com' });
  expect('plain HTTP status', plain.status, 301);
  expect('plain HTTP redirect', plain.headers.location, 'https://credit.example.com/dashboard?x=1');

  const page = await request(true, httpsPort, '/api/tasks?x=1', { host: 'credit.example.com', 'x-forwarded-for': '198.51.100.66', 'x-forwarded-proto': 'http' });
  expect('HTTPS status', page.status, 200);
  const seen = page.status === 200 ? JSON.parse(page.body) : { headers: {} };
  expect('path at the upstream', seen.url, '/api/tasks?x=1');
  expect('X-Forwarded-For at the upstream (a forged one replaced by the address nginx saw)', seen.headers['x-forwarded-for'], '127.0.0.1');
  expect('X-Forwarded-Proto at the upstream', seen.headers['x-forwarded-proto'], 'https');
  expect('Host at the upstream', seen.headers.host, 'credit.example.com');
  expect('Connection at the upstream of a plain request (keep-alive, no upgrade)', seen.headers.connection, undefined);
  expect('HSTS header', page.headers['strict-transport-security'], 'max-age=31536000');

  const socket = await request(true, httpsPort, '/_blazor?id=1', {
    host: 'credit.example.com', connection: 'Upgrade', upgrade: 'websocket', 'sec-websocket-version': '13', 'sec-websocket-key': 'dGhlIHNhbXBsZSBub25jZQ==',
  });
  expect('WebSocket upgrade status', socket.status, 101);
  expect('Upgrade at the upstream', socket.headers['x-seen-upgrade'], 'websocket');
  expect('Connection at the upstream', socket.headers['x-seen-connection'], 'upgrade');
  expect('X-Forwarded-For of the WebSocket at the upstream', socket.headers['x-seen-forwarded-for'], '127.0.0.1');

  for (const problem of problems) console.log(problem);
  process.exit(problems.length === 0 ? 0 : 1);
} else {
  console.error('usage: nginx-echo-upstream.mjs serve PORT | probe HTTP_PORT HTTPS_PORT UPSTREAM_PORT');
  process.exit(64);
}
