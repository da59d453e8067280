/**
 * The machine's yardstick for inbound webhooks: a bare node:http server that takes the same signed
 * requests as the service, checks their signature the way Twilio computes it and answers the same
 * empty TwiML, with no framework and no database. Measured in the same rotation as the services, it
 * shows how fast this machine (and the load generator sharing it) was in that round: the VM's speed
 * wanders by tens of percent over minutes.
 *
 * Run by bench/volume.ts as its own process: PORT, PUBLIC_BASE_URL, TWILIO_AUTH_TOKEN.
 */
import { createServer } from 'node:http';
import { twilioSignature } from '../../src/sandbox/twilio/twilio-webhook-sender';
import { EMPTY_TWIML } from '../../src/messaging/twilio/twiml';

const port = Number(process.env.PORT);
const baseUrl = process.env.PUBLIC_BASE_URL ?? '';
const authToken = process.env.TWILIO_AUTH_TOKEN ?? '';

const server = createServer((req, res) => {
  if (req.method === 'GET' && req.url === '/health') {
    res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
    return;
  }
  const chunks: Buffer[] = [];
  req.on('data', (chunk: Buffer) => chunks.push(chunk));
  req.on('end', () => {
    const params = Object.fromEntries(new URLSearchParams(Buffer.concat(chunks).toString('utf8')));
    const signed = req.headers['x-twilio-signature'] === twilioSignature(authToken, baseUrl + (req.url ?? ''), params);
    // a 403 is not counted: a request signed differently from the service's rule fails the run
    if (!signed) res.writeHead(403).end();
    else res.writeHead(200, { 'content-type': 'text/xml; charset=utf-8' }).end(EMPTY_TWIML);
  });
});
server.keepAliveTimeout = 72_000;
server.listen(port, '127.0.0.1');
process.on('SIGTERM', () => server.close(() => process.exit(0)));
