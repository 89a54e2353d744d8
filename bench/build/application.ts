/**
 * One module of the application-shaped program: an order domain written the
 * way service code is (types and interfaces, validation with early returns,
 * loops, `switch`, `try`/`catch`, generics, a repository class and a service
 * class with async methods, arrow constants, a handler object), importing the
 * previous module so the checker follows types across files.
 */

export function applicationModule(index: number): string {
  const i = index;
  const p = index - 1;
  const upstreamImport = index > 0 ? `import { orderTotal${p}, type Order${p}, InMemoryRepository${p}, OrderService${p} } from './m${p}';\n` : '';
  const upstreamTotal = index > 0 ? `orderTotal${p}(previous as unknown as Order${p})` : '0';
  const upstreamService = index > 0 ? `new OrderService${p}(new InMemoryRepository${p}(), clock)` : 'undefined';
  return `${upstreamImport}
export type Status${i} = 'draft' | 'open' | 'paid' | 'shipped' | 'cancelled';

export enum Priority${i} {
  Low,
  Normal,
  High,
  Urgent,
}

export interface Line${i} {
  sku: string;
  quantity: number;
  unitPrice: number;
  discount?: number;
}

export interface Order${i} {
  id: string;
  customerId: string;
  status: Status${i};
  priority: Priority${i};
  lines: Line${i}[];
  createdAt: Date;
  notes?: string;
  metadata: Record<string, string>;
}

export interface OrderQuery${i} {
  status?: readonly Status${i}[];
  customerId?: string;
  since?: Date;
  limit?: number;
  offset?: number;
}

export type Result${i}<T> = { ok: true; value: T } | { ok: false; errors: string[] };

export interface Repository${i}<T extends { id: string }> {
  get(id: string): Promise<T | undefined>;
  put(value: T): Promise<void>;
  list(query: OrderQuery${i}): Promise<T[]>;
}

export interface Summary${i} {
  count: number;
  total: number;
  byStatus: Map<Status${i}, number>;
  largest?: Order${i};
}

const DEFAULT_LIMIT = 50;
const TAX_RATE = 0.2;
const TRANSITIONS: Record<Status${i}, readonly Status${i}[]> = {
  draft: ['open', 'cancelled'],
  open: ['paid', 'cancelled'],
  paid: ['shipped'],
  shipped: [],
  cancelled: [],
};

export function lineTotal${i}(line: Line${i}): number {
  const gross = line.quantity * line.unitPrice;
  if (line.discount === undefined || line.discount <= 0) {
    return gross;
  }
  return Math.max(0, gross - gross * Math.min(line.discount, 1));
}

export function orderTotal${i}(order: Order${i}, withTax = true): number {
  const net = order.lines.reduce((sum, line) => sum + lineTotal${i}(line), 0);
  return withTax ? Math.round(net * (1 + TAX_RATE) * 100) / 100 : net;
}

export function validateOrder${i}(order: Partial<Order${i}>): Result${i}<Order${i}> {
  const errors: string[] = [];
  if (!order.id || order.id.length > 64) {
    errors.push('id must be 1 to 64 characters');
  }
  if (!order.customerId) {
    errors.push('customerId is required');
  }
  for (const [position, line] of (order.lines ?? []).entries()) {
    if (line.quantity <= 0 || !Number.isInteger(line.quantity)) {
      errors.push(\`line \${position}: quantity must be a positive integer\`);
    }
    if (line.unitPrice < 0) {
      errors.push(\`line \${position}: unitPrice must not be negative\`);
    }
  }
  if (errors.length > 0) {
    return { ok: false, errors };
  }
  return { ok: true, value: order as Order${i} };
}

export function canTransition${i}(from: Status${i}, to: Status${i}): boolean {
  return TRANSITIONS[from].includes(to);
}

export function matchesQuery${i}(order: Order${i}, query: OrderQuery${i}): boolean {
  if (query.status && !query.status.includes(order.status)) {
    return false;
  }
  if (query.customerId !== undefined && order.customerId !== query.customerId) {
    return false;
  }
  return query.since === undefined || order.createdAt.getTime() >= query.since.getTime();
}

export function paginate${i}<T>(items: readonly T[], query: Pick<OrderQuery${i}, 'limit' | 'offset'>): T[] {
  const offset = Math.max(0, query.offset ?? 0);
  const limit = Math.min(query.limit ?? DEFAULT_LIMIT, 500);
  return items.slice(offset, offset + limit);
}

export function describeOrder${i}(order: Order${i}): string {
  let label: string;
  switch (order.priority) {
    case Priority${i}.Urgent:
      label = 'URGENT';
      break;
    case Priority${i}.High:
      label = 'high';
      break;
    default:
      label = 'normal';
  }
  const items = order.lines.map((line) => \`\${line.quantity} x \${line.sku}\`).join(', ');
  return \`order \${order.id} (\${label}, \${order.status}): \${items || 'no lines'}\`;
}

export function parseOrder${i}(json: string): Result${i}<Order${i}> {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch (error) {
    return { ok: false, errors: [\`invalid JSON: \${(error as Error).message}\`] };
  }
  if (typeof raw !== 'object' || raw === null) {
    return { ok: false, errors: ['an order must be an object'] };
  }
  const fields = raw as Record<string, unknown>;
  const createdAt = typeof fields.createdAt === 'string' ? new Date(fields.createdAt) : new Date(0);
  return validateOrder${i}({ ...(fields as Partial<Order${i}>), createdAt, metadata: {} });
}

export function* ordersByStatus${i}(orders: Iterable<Order${i}>, status: Status${i}): Generator<Order${i}> {
  for (const order of orders) {
    if (order.status === status) yield order;
  }
}

export async function withRetry${i}<T>(attempt: () => Promise<T>, retries = 2): Promise<T> {
  let lastError: unknown;
  for (let tries = 0; tries <= retries; tries++) {
    try {
      return await attempt();
    } catch (error) {
      lastError = error;
    }
  }
  throw lastError;
}

export async function loadAll${i}(repository: Repository${i}<Order${i}>, ids: readonly string[]): Promise<Order${i}[]> {
  const found = await Promise.all(ids.map((id) => repository.get(id)));
  return found.filter((order): order is Order${i} => order !== undefined);
}

export async function summarize${i}(repository: Repository${i}<Order${i}>, query: OrderQuery${i}): Promise<Summary${i}> {
  const orders = await repository.list(query);
  const byStatus = new Map<Status${i}, number>();
  let total = 0;
  let largest: Order${i} | undefined;
  for (const order of orders) {
    const amount = orderTotal${i}(order);
    total += amount;
    byStatus.set(order.status, (byStatus.get(order.status) ?? 0) + 1);
    if (largest === undefined || amount > orderTotal${i}(largest)) largest = order;
  }
  return { count: orders.length, total, byStatus, largest };
}

export class InMemoryRepository${i} implements Repository${i}<Order${i}> {
  private readonly orders = new Map<string, Order${i}>();

  constructor(seed: readonly Order${i}[] = []) {
    for (const order of seed) this.orders.set(order.id, order);
  }

  get size(): number {
    return this.orders.size;
  }

  async get(id: string): Promise<Order${i} | undefined> {
    return this.orders.get(id);
  }

  async put(order: Order${i}): Promise<void> {
    this.orders.set(order.id, { ...order, lines: [...order.lines] });
  }

  async list(query: OrderQuery${i}): Promise<Order${i}[]> {
    const matching = [...this.orders.values()].filter((order) => matchesQuery${i}(order, query));
    matching.sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime());
    return paginate${i}(matching, query);
  }
}

export class OrderService${i} {
  private readonly upstream: unknown;

  constructor(
    private readonly repository: Repository${i}<Order${i}>,
    private readonly clock: () => Date = () => new Date(),
  ) {
    this.upstream = ${upstreamService};
  }

  async create(customerId: string, lines: Line${i}[], priority = Priority${i}.Normal): Promise<Order${i}> {
    const order: Partial<Order${i}> = {
      id: \`o\${this.clock().getTime().toString(36)}\`,
      customerId,
      status: 'draft',
      priority,
      lines,
      createdAt: this.clock(),
      metadata: { source: 'service${i}' },
    };
    const checked = validateOrder${i}(order);
    if (!checked.ok) {
      throw new Error(\`invalid order: \${checked.errors.join('; ')}\`);
    }
    await this.repository.put(checked.value);
    return checked.value;
  }

  async transition(id: string, to: Status${i}): Promise<Order${i}> {
    const order = await this.require(id);
    if (!canTransition${i}(order.status, to)) {
      throw new Error(\`cannot move order \${id} from \${order.status} to \${to}\`);
    }
    const updated = { ...order, status: to };
    await this.repository.put(updated);
    return updated;
  }

  async addLine(id: string, line: Line${i}): Promise<number> {
    const order = await this.require(id);
    if (order.status !== 'draft' && order.status !== 'open') {
      throw new Error(\`order \${id} is \${order.status}\`);
    }
    const existing = order.lines.find((candidate) => candidate.sku === line.sku);
    const lines = existing
      ? order.lines.map((candidate) => (candidate === existing ? { ...candidate, quantity: candidate.quantity + line.quantity } : candidate))
      : [...order.lines, line];
    await this.repository.put({ ...order, lines });
    return orderTotal${i}({ ...order, lines });
  }

  async search(query: OrderQuery${i}): Promise<string[]> {
    const orders = await this.repository.list(query);
    return orders.map((order) => describeOrder${i}(order));
  }

  async report(query: OrderQuery${i}): Promise<Summary${i}> {
    return summarize${i}(this.repository, query);
  }

  compare(previous: unknown): number {
    return ${upstreamTotal};
  }

  hasUpstream(): boolean {
    return this.upstream !== undefined;
  }

  private async require(id: string): Promise<Order${i}> {
    const order = await this.repository.get(id);
    if (order === undefined) {
      throw new Error(\`no order \${id}\`);
    }
    return order;
  }
}

export const isOpen${i} = (order: Order${i}): boolean => order.status === 'open' || order.status === 'draft';

export const totalsById${i} = (orders: readonly Order${i}[]): Map<string, number> =>
  new Map(orders.map((order) => [order.id, orderTotal${i}(order)] as const));

export const urgentFirst${i} = (orders: Order${i}[]): Order${i}[] =>
  [...orders].sort((a, b) => b.priority - a.priority || a.createdAt.getTime() - b.createdAt.getTime());

export const handlers${i} = {
  async createOrder(service: OrderService${i}, body: { customerId: string; lines: Line${i}[] }): Promise<{ status: number; body: unknown }> {
    try {
      const order = await service.create(body.customerId, body.lines);
      return { status: 201, body: { id: order.id, total: orderTotal${i}(order) } };
    } catch (error) {
      return { status: 400, body: { error: (error as Error).message } };
    }
  },
  async listOrders(service: OrderService${i}, params: Record<string, string | undefined>): Promise<{ status: number; body: unknown }> {
    const status = params.status?.split(',').filter((value): value is Status${i} => value in TRANSITIONS);
    const limit = params.limit === undefined ? undefined : Number(params.limit);
    return { status: 200, body: await service.search({ status, limit, customerId: params.customer }) };
  },
};

const clock = (): Date => new Date(0);
`;
}
