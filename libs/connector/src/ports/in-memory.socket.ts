import { Observable, share } from 'rxjs';
import { InMemoryServerConnection } from './in-memory-server-connection';
import type {
  SocketConnection,
  SocketData,
  SocketEvent,
  SocketOpenOptions,
  SocketPort,
} from './socket.port';

/** Scripted server behaviour: called for each connection and each frame the client sends. */
export interface InMemoryServerScript {
  onConnect?(conn: InMemoryServerConnection): void;
  onMessage?(conn: InMemoryServerConnection, data: SocketData): void;
}

/**
 * SocketPort whose "server" is the test: it records every connection (with teardown counts)
 * and lets a script answer subscribes and pings. `refuse` makes new connections fail.
 */
export class InMemorySocket implements SocketPort {
  readonly connections: InMemoryServerConnection[] = [];
  opened = 0;
  tornDown = 0;
  refused = 0;
  /** While true, new connections fail with ECONNREFUSED. */
  refuse = false;
  /** Open connections immediately on subscribe (otherwise the test calls conn.open()). */
  autoOpen = true;

  constructor(private readonly script: InMemoryServerScript = {}) {}

  get active(): InMemoryServerConnection[] {
    return this.connections.filter((c) => !c.tornDown);
  }

  get last(): InMemoryServerConnection | undefined {
    return this.connections[this.connections.length - 1];
  }

  open(url: string, _options?: SocketOpenOptions): SocketConnection {
    let conn: InMemoryServerConnection | undefined;
    const events$ = new Observable<SocketEvent>((subscriber) => {
      if (this.refuse) {
        this.refused += 1;
        subscriber.error(new Error(`connect ECONNREFUSED ${url}`));
        return;
      }
      const server = new InMemoryServerConnection(url, this.connections.length);
      conn = server;
      this.connections.push(server);
      this.opened += 1;
      server.attach(subscriber);
      this.script.onConnect?.(server);
      if (this.autoOpen) server.open();
      return () => {
        server.tornDown = true;
        server.isClosed = true;
        this.tornDown += 1;
      };
    }).pipe(share());

    const usable = (): InMemoryServerConnection | undefined =>
      conn && conn.isOpen && !conn.isClosed ? conn : undefined;
    return {
      events$,
      send: (data) => {
        const server = usable();
        if (!server) return false;
        server.received.push(data);
        this.script.onMessage?.(server, data);
        return true;
      },
      ping: () => {
        const server = usable();
        if (!server) return false;
        server.clientPings += 1;
        return true;
      },
      close: (code = 1000, reason = '') => conn?.close(code, reason),
    };
  }
}
