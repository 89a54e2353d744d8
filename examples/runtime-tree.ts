/**
 * A small traced program: an order handled with nested `trace()` calls, two
 * lookups running side by side, and a payment that fails once and is retried.
 * The console reporter prints the trace as a tree when its root finishes.
 *
 *   npm run example
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { diagnostics, init, shutdown, trace } from 'spanweave/runtime';

init({ serviceName: 'shop', reporters: ['console'] });

class PaymentDeclined extends Error {
  override name = 'PaymentDeclined';
}

async function lookUp(what: string, ms: number): Promise<number> {
  return trace(`lookup ${what}`, async (span) => {
    span.setTag('db.statement', `SELECT ${what} FROM items WHERE sku = ?`);
    await sleep(ms);
    return ms * 10;
  });
}

async function charge(amount: number, attempt: number): Promise<string> {
  return trace('charge card', async (span) => {
    span.addTags({ amount, attempt });
    await sleep(3);
    if (attempt === 1) throw new PaymentDeclined('card declined, try again');
    return `receipt-${amount}`;
  });
}

async function handleOrder(sku: string): Promise<string> {
  return trace('POST /orders', async (span) => {
    span.setTag('order.sku', sku);
    // Started together: siblings under the order, not a chain.
    const [price, stock] = await Promise.all([lookUp('price', 8), lookUp('stock', 5)]);
    span.log({ event: 'priced', price, stock });
    try {
      return await charge(price, 1);
    } catch {
      return await charge(price, 2);
    }
  }, { kind: 'server' });
}

async function main(): Promise<void> {
  const receipt = await handleOrder('sku-42');
  await shutdown();
  const { spansStarted, spansFinished } = diagnostics();
  console.log(`\n${receipt}; ${spansStarted} spans started, ${spansFinished} finished`);
}

void main();
