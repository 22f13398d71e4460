import {
  asyncScheduler,
  defer,
  type Observable,
  of,
  switchMap,
  throwError,
  timer,
  type SchedulerLike,
} from 'rxjs';
import { RestRequestError } from '../errors/rest-request.error';
import type { RestPort } from './rest.port';

/** Answers one GET: a body, or an Error to fail the request. */
export type RestResponder = (url: string) => unknown;

/**
 * RestPort for tests: routes by URL prefix to a responder, optionally after a delay on the
 * injected scheduler, and records every request so tests can count snapshot fetches.
 */
export class InMemoryRest implements RestPort {
  readonly requests: string[] = [];
  private readonly routes: Array<[prefix: string, responder: RestResponder]> = [];

  constructor(
    /** Response delay on the scheduler; tests may change it between requests. */
    public delayMs = 0,
    private readonly scheduler: SchedulerLike = asyncScheduler,
  ) {}

  route(prefix: string, responder: RestResponder): this {
    this.routes.push([prefix, responder]);
    return this;
  }

  getJson(url: string): Observable<unknown> {
    return defer(() => {
      this.requests.push(url);
      const respond = defer(() => {
        const route = this.routes.find(([prefix]) => url.startsWith(prefix));
        if (!route) return throwError(() => new RestRequestError(url, 'HTTP 404'));
        const body = route[1](url);
        return body instanceof Error
          ? throwError(() => new RestRequestError(url, body.message))
          : of(body);
      });
      if (this.delayMs <= 0) return respond;
      // The responder runs when the delay ends, so it sees the state of the fake market then.
      return timer(this.delayMs, this.scheduler).pipe(switchMap(() => respond));
    });
  }
}
