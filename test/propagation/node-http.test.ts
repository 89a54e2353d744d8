// Extraction from what a real Node server receives: headers sent several
// times, in odd cases, read from `req.headers` (joined by Node) and
// `req.headersDistinct` (arrays), and from a fetch Request on the same wire.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { TraceContextData } from '../../runtime/model';
import { extractFrom, propagatorsByName } from '../../runtime/propagation/index';

const TRACE = '0af7651916cd43dd8448eb211c80319c';
const SPAN = 'b7ad6b7169203331';
const VALID = `00-${TRACE}-${SPAN}-01`;
const propagators = propagatorsByName(['tracecontext', 'baggage', 'b3', 'jaeger']);

let server: http.Server;
let url: string;
/** What the server extracted from the last request, from each view of its headers. */
let seen: { joined: TraceContextData | undefined; distinct: TraceContextData | undefined; rebuilt: TraceContextData | undefined };

before(async () => {
  server = http.createServer((req, res) => {
    const rebuilt = new Headers();
    for (let i = 0; i < req.rawHeaders.length; i += 2) rebuilt.append(req.rawHeaders[i]!, req.rawHeaders[i + 1]!);
    seen = {
      joined: extractFrom(propagators, req.headers),
      distinct: extractFrom(propagators, req.headersDistinct),
      rebuilt: extractFrom(propagators, rebuilt),
    };
    res.end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
});
after(() => server.close());

async function send(headers: http.OutgoingHttpHeaders): Promise<typeof seen> {
  await new Promise<void>((resolve, reject) => {
    const req = http.request(url, { headers }, (res) => {
      res.resume();
      res.on('end', resolve);
    });
    req.on('error', reject);
    req.end();
  });
  return seen;
}

test('a traceparent in any case, with tracestate and baggage split over several lines', async () => {
  const views = await send({ TraceParent: VALID, tracestate: ['foo=1,bar=2', 'baz=3'], Baggage: ['a=1', 'b=2;p'] });
  for (const [view, context] of Object.entries(views)) {
    assert.deepEqual(context, { traceId: TRACE, spanId: SPAN, traceFlags: 1, traceState: 'foo=1,bar=2,baz=3', baggage: { a: '1', b: '2' } }, view);
  }
});

test('two traceparent lines start a new trace, whatever view of the headers is read', async () => {
  const views = await send({ traceparent: [VALID, `00-${TRACE}-${SPAN}-00`] });
  assert.deepEqual(views, { joined: undefined, distinct: undefined, rebuilt: undefined });
});

test('a malformed traceparent falls through to B3, then Jaeger', async () => {
  const b3 = await send({ traceparent: `00-${TRACE}-${SPAN}-01x`, b3: `${TRACE}-${SPAN}-d` });
  assert.equal(b3.joined?.debug, true);
  const jaeger = await send({ traceparent: 'garbage', 'Uber-Trace-Id': `${TRACE}%3A${SPAN}%3A0%3A1`, 'UberCtx-User': 'alice' });
  for (const context of Object.values(jaeger)) {
    assert.deepEqual(context, { traceId: TRACE, spanId: SPAN, traceFlags: 1, baggage: { user: 'alice' } });
  }
});
