/**
 * One suite, three servers: node:http, Express and Fastify each get a server
 * span per request with the same tags, the same error rules and the same
 * behaviour on a client that leaves, and answer exactly as they do without
 * spanweave.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { appsUnderTest, type AppUnderTest } from './support/server-apps';
import {
  disconnectMidRequest,
  errorLog,
  onlyServerSpan,
  recordSpans,
  request,
  serverSpans,
  signal,
  type SeenResponse,
} from './support/http-server-harness';

const memory = recordSpans();

async function withApp<T>(app: AppUnderTest, run: (url: string, reached: Promise<void>) => Promise<T>, instrumented = true): Promise<T> {
  memory.clear();
  const hang = signal();
  const running = await app.start(instrumented, hang.resolve);
  try {
    return await run(running.url, hang.promise);
  } finally {
    await running.close();
  }
}

/** The one part of an answer that differs by design: which span id (or null) the handler saw, and so the length. */
function withoutActiveSpan(answer: SeenResponse): SeenResponse {
  if (!answer.body.includes('"active"')) return answer;
  const { 'content-length': _length, ...headers } = answer.headers;
  return { ...answer, body: answer.body.replace(/"active":("[0-9a-f]+"|null)/, ''), headers };
}

for (const app of appsUnderTest) {
  const routeName = (template: string) => (app.namesRoutes ? `GET ${template}` : 'GET');

  describe(`server spans: ${app.component}`, () => {
    test('a successful request: name, tags, and the span active in the handler across await', async () => {
      const { response, span } = await withApp(app, async (url) => {
        const response = await request(`${url}/items/42?token=s3cret&page=2`);
        return { response, span: await onlyServerSpan(memory) };
      });
      assert.equal(response.status, 200);
      assert.equal(span.operationName, routeName('/items/:id'));
      assert.equal(span.parentId, undefined);
      assert.equal(span.tags['span.kind'], 'server');
      assert.equal(span.tags.component, app.component);
      assert.equal(span.tags['http.method'], 'GET');
      assert.equal(span.tags['http.url'], '/items/42?token=REDACTED&page=2');
      assert.equal(span.tags['http.status_code'], 200);
      assert.equal(span.tags['http.route'], app.namesRoutes ? '/items/:id' : undefined);
      assert.equal(span.tags['peer.address'], '127.0.0.1');
      assert.equal(typeof span.tags['peer.port'], 'number');
      assert.equal(span.tags.error, undefined);
      assert.equal(JSON.parse(response.body).active, span.spanId);
    });

    test('404: tagged with its status, not an error, no route', async () => {
      const span = await withApp(app, async (url) => {
        assert.equal((await request(`${url}/nowhere`)).status, 404);
        return onlyServerSpan(memory);
      });
      assert.equal(span.operationName, 'GET');
      assert.equal(span.tags['http.status_code'], 404);
      assert.equal(span.tags.error, undefined);
      assert.equal(span.tags['http.route'], undefined);
    });

    if (app.throws) {
      test('a thrown error: 500, an error with its log', async () => {
        const span = await withApp(app, async (url) => {
          assert.equal((await request(`${url}/throw`)).status, 500);
          return onlyServerSpan(memory);
        });
        assert.equal(span.operationName, routeName('/throw'));
        assert.equal(span.tags['http.status_code'], 500);
        assert.equal(span.tags.error, true);
        assert.equal(errorLog(span)?.message, 'sync failure');
      });
    }

    test('an async error: 500, an error with its log', async () => {
      const span = await withApp(app, async (url) => {
        assert.equal((await request(`${url}/async-error`)).status, 500);
        return onlyServerSpan(memory);
      });
      assert.equal(span.operationName, routeName('/async-error'));
      assert.equal(span.tags['http.status_code'], 500);
      assert.equal(span.tags.error, true);
      assert.equal(errorLog(span)?.message, 'async failure');
      assert.equal(errorLog(span)?.['error.kind'], 'Error');
    });

    test('a client that disconnects mid-request: the span is finished and tagged', async () => {
      const span = await withApp(app, async (url, reached) => {
        await disconnectMidRequest(`${url}/hang`, reached);
        return (await serverSpans(memory, 1))[0]!;
      });
      assert.equal(span.operationName, routeName('/hang'));
      assert.equal(span.tags['spanweave.aborted'], true);
      assert.equal(span.tags.error, undefined);
    });

    test('the app answers exactly as without spanweave', async () => {
      const paths = ['/items/7', '/nowhere', '/async-error', ...(app.throws ? ['/throw'] : [])];
      const answers = (instrumented: boolean) =>
        withApp(app, async (url) => {
          const seen: SeenResponse[] = [];
          for (const path of paths) seen.push(await request(url + path));
          return seen.map(withoutActiveSpan);
        }, instrumented);
      assert.deepEqual(await answers(true), await answers(false));
    });
  });
}
