import { Observable } from 'rxjs';
import { RestRequestError } from '../errors/rest-request.error';
import type { RestPort } from './rest.port';

/** RestPort on Node 20's global fetch; unsubscribing aborts the request. */
export class FetchRest implements RestPort {
  constructor(private readonly timeoutMs = 10_000) {}

  getJson(url: string): Observable<unknown> {
    return new Observable<unknown>((subscriber) => {
      const abort = new AbortController();
      const timer = setTimeout(() => abort.abort(), this.timeoutMs);
      fetch(url, { signal: abort.signal, headers: { accept: 'application/json' } })
        .then(async (res) => {
          if (!res.ok) throw new RestRequestError(url, `HTTP ${res.status}`);
          return (await res.json()) as unknown;
        })
        .then(
          (body) => {
            subscriber.next(body);
            subscriber.complete();
          },
          (err: unknown) =>
            subscriber.error(
              err instanceof RestRequestError ? err : new RestRequestError(url, String(err)),
            ),
        )
        .finally(() => clearTimeout(timer));
      return () => {
        clearTimeout(timer);
        abort.abort();
      };
    });
  }
}
