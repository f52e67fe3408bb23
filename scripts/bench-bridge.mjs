// The headers a page's calls carry, for benchmarks that call the bridge as the page does: the
// launch code of a fresh link traded for a session secret, exactly as the renderer trades it.
import { request } from 'node:http';

export function bridgeHeaders(bridge) {
  const code = /#launch=([0-9a-f]+)$/.exec(bridge.launchUrl())[1];
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port: bridge.port,
        method: 'POST',
        path: '/session',
        headers: { 'x-desk-call': '1', 'x-desk-launch': code, origin: bridge.origin },
      },
      (res) => {
        let text = '';
        res.on('data', (c) => (text += c));
        res.on('end', () => {
          const { secret } = JSON.parse(text);
          if (!secret) return reject(new Error(`no session: ${text}`));
          resolve({ 'content-type': 'application/json', 'x-desk-call': '1', origin: bridge.origin, 'x-desk-session': secret });
        });
      },
    );
    req.on('error', reject);
    req.end();
  });
}
