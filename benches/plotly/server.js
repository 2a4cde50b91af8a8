// A static server on loopback that serves gzip (as a real host would), for the throttled runs.
const http = require('http'), fs = require('fs'), path = require('path'), zlib = require('zlib');
const types = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml', '.json': 'application/json', '.csv': 'text/csv' };
const cache = new Map();
module.exports = function serve(root, port) {
  const server = http.createServer((req, res) => {
    let p = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    let file = path.join(root, p);
    if (!file.startsWith(root)) { res.writeHead(403); return res.end(); }
    if (fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, 'index.html');
    if (p === '/' && !fs.existsSync(file)) {
      res.writeHead(200, { 'Content-Type': types['.html'] });
      return res.end('<!doctype html><title>blank</title>');
    }
    if (!fs.existsSync(file)) { res.writeHead(404); return res.end(); }
    let body = cache.get(file);
    if (!body) { body = zlib.gzipSync(fs.readFileSync(file), { level: 9 }); cache.set(file, body); }
    res.writeHead(200, { 'Content-Type': types[path.extname(file)] || 'application/octet-stream', 'Content-Encoding': 'gzip', 'Cache-Control': 'no-store' });
    res.end(body);
  });
  return new Promise(r => server.listen(port, '127.0.0.1', () => r(server)));
};
