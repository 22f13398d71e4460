import type { Observable } from 'rxjs';

/** GETs a JSON document (order-book snapshots). Unsubscribing aborts the request. */
export interface RestPort {
  getJson(url: string): Observable<unknown>;
}
