/**
 * NestJS's `HttpService` (`@nestjs/axios`): its methods return cold
 * Observables, and the axios request is made only when one is subscribed to,
 * inside @nestjs/axios, which spanweave does not compile. So the service's
 * axios instance gets two interceptors, once: the request interceptor starts
 * the client span (under the span active where the request is made) and adds
 * the trace headers to the request's own headers; the response interceptors
 * finish it, with the status, or with the error when there is no response.
 * The response and the error pass through unchanged.
 */
import { FORMAT_HTTP_HEADERS } from 'opentracing';
import { safely } from '../safe';
import { activeSpan } from '../scope';
import { currentTracer, tracing } from '../tracing';
import { headerIn } from './http-client-headers';
import { CLIENT_FAULTS, ClientCall } from './http-client-span';
import { axiosCallShape, axiosTarget } from './http-client-target';

interface AxiosConfigLike {
  headers?: unknown;
  signal?: unknown;
}
interface AxiosResponseLike {
  status?: unknown;
  headers?: unknown;
  config?: AxiosConfigLike;
}
interface InterceptorManagerLike {
  use(onFulfilled?: (value: never) => unknown, onRejected?: (error: unknown) => unknown): unknown;
}
interface AxiosInstanceLike {
  interceptors: { request: InterceptorManagerLike; response: InterceptorManagerLike };
}

const instrumented = new WeakSet<object>();
/** The span of each request in flight, by the request's own config object (axios passes the same one to the response and to the error). */
const callsByConfig = new WeakMap<object, ClientCall>();
/** An interceptor sees the request's own config, with `url`, `baseURL` and `method` merged in: the shape of `axios.request(config)`. */
const CONFIG_ONLY = axiosCallShape('request', []);

/**
 * Adds spanweave's interceptors to the axios instance of a Nest `HttpService`
 * (`service.axiosRef`), once per instance, and returns the service.
 * Anything else is returned untouched.
 */
export function instrumentNestHttpService<T>(service: T): T {
  safely(CLIENT_FAULTS, () => {
    const instance = typeof service === 'object' && service !== null ? (service as { axiosRef?: unknown }).axiosRef : undefined;
    if (isAxiosInstance(instance) && !instrumented.has(instance)) {
      instrumented.add(instance);
      instance.interceptors.request.use(onRequest as (value: never) => unknown);
      instance.interceptors.response.use(onResponse as (value: never) => unknown, onFailure);
    }
  });
  return service;
}

function isAxiosInstance(value: unknown): value is AxiosInstanceLike {
  const interceptors = (value as { interceptors?: { request?: { use?: unknown }; response?: { use?: unknown } } } | null | undefined)?.interceptors;
  return typeof interceptors?.request?.use === 'function' && typeof interceptors.response?.use === 'function';
}

function onRequest(config: AxiosConfigLike): AxiosConfigLike {
  if (tracing.on) safely(CLIENT_FAULTS, () => startCall(config));
  return config;
}

function startCall(config: AxiosConfigLike): void {
  // Headers already carrying the context: a call of this instance that spanweave traced at its call site, or trace headers of the caller's own.
  if (carriesContext(config.headers)) return;
  const call = ClientCall.start('axios', axiosTarget(CONFIG_ONLY, config, undefined), (name) => headerIn(config.headers, name));
  if (call === undefined) return;
  for (const [name, value] of Object.entries(call.headers())) setHeader(config, name, value);
  callsByConfig.set(config, call);
}

function carriesContext(headers: unknown): boolean {
  const span = activeSpan();
  if (span === undefined) return false;
  const carrier: Record<string, string> = {};
  currentTracer().inject(span.context(), FORMAT_HTTP_HEADERS, carrier);
  return Object.keys(carrier).some((name) => headerIn(headers, name.toLowerCase()) !== undefined);
}

/** axios 1 gives an `AxiosHeaders` (with `set`); older ones a plain object. */
function setHeader(config: AxiosConfigLike, name: string, value: string): void {
  const headers = config.headers;
  if (typeof (headers as { set?: unknown } | undefined)?.set === 'function') (headers as { set(name: string, value: string): unknown }).set(name, value);
  else if (typeof headers === 'object' && headers !== null) (headers as Record<string, string>)[name] = value;
  else config.headers = { [name]: value };
}

function onResponse(response: AxiosResponseLike): AxiosResponseLike {
  safely(CLIENT_FAULTS, () => finishCall(response?.config, response, undefined));
  return response;
}

function onFailure(error: unknown): never {
  safely(CLIENT_FAULTS, () => {
    const { config, response } = (error ?? {}) as { config?: AxiosConfigLike; response?: AxiosResponseLike };
    finishCall(config, response, error);
  });
  throw error;
}

function finishCall(config: AxiosConfigLike | undefined, response: AxiosResponseLike | undefined, error: unknown): void {
  const call = config === undefined ? undefined : callsByConfig.get(config);
  if (call === undefined) return;
  callsByConfig.delete(config!);
  if (response) call.responded(response.status, (name) => headerIn(response.headers, name));
  else call.failed(error, config!.signal);
  call.finish();
}
