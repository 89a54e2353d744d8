/**
 * axios: the default instance, `axios.create()` instances, `axios(config)`
 * and the request methods. The trace headers go into a copy of the config's
 * headers (a header the instance's defaults set wins too); the span ends when
 * the returned promise settles, before the caller's continuation runs. A
 * status axios rejects (4xx, 5xx by default) is tagged from the error's
 * response: >= 500 is an error, 4xx is not.
 */
import { safely } from '../safe';
import { axiosArgsWith } from './http-client-args';
import { axiosDefaultsSet, headerIn } from './http-client-headers';
import { CLIENT_FAULTS, ClientCall, settleAfter } from './http-client-span';
import { axiosCallShape, axiosTarget } from './http-client-target';

interface AxiosResponseLike {
  status?: unknown;
  headers?: unknown;
}

/**
 * Calls an axios instance (`method` undefined) or one of its methods with the
 * trace headers in a copy of the config.
 */
export function tracedAxios(method: string | undefined, receiver: unknown, fn: Function, args: unknown[]): unknown {
  const shape = axiosCallShape(method, args);
  const config = args[shape.configIndex] as { headers?: unknown; signal?: unknown } | undefined;
  // The instance is the receiver of a method call, or the function called.
  const instance = (receiver ?? fn) as { defaults?: { headers?: unknown } } | undefined;
  const defaults = safely(CLIENT_FAULTS, () => instance?.defaults);
  const call = safely(CLIENT_FAULTS, () =>
    ClientCall.start('axios', axiosTarget(shape, config, defaults), (name) => headerIn(config?.headers, name)),
  );
  if (!call) return Reflect.apply(fn, receiver, args);
  const callArgs =
    safely(CLIENT_FAULTS, () => {
      const wireMethod = String((config as { method?: unknown } | undefined)?.method ?? shape.method ?? 'get');
      return axiosArgsWith(args, shape.configIndex, call.headers(), (name) => !axiosDefaultsSet(defaults?.headers, wireMethod, name));
    }) ?? args;
  return settleAfter(
    call,
    call.apply(fn, receiver, callArgs),
    (response) => {
      respond(call, response as AxiosResponseLike);
      call.finish();
    },
    (error) => {
      const response = (error as { response?: AxiosResponseLike } | null)?.response;
      if (response) respond(call, response);
      else call.failed(error, config?.signal);
      call.finish();
    },
  );
}

function respond(call: ClientCall, response: AxiosResponseLike): void {
  call.responded(response.status, (name) => headerIn(response.headers, name));
}
