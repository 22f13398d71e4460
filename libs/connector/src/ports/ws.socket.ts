import { Observable, type Subscriber } from 'rxjs';
import WebSocket from 'ws';
import type {
  SocketConnection,
  SocketData,
  SocketEvent,
  SocketOpenOptions,
  SocketPort,
} from './socket.port';

type Notify = (subscriber: Subscriber<SocketEvent>) => void;

/** SocketPort backed by the `ws` package; the only file of the connector that imports `ws`. */
export class WsSocket implements SocketPort {
  /**
   * Subscribers share one socket: the first subscribe opens it, the last unsubscribe closes
   * it, and after the stream ended the next subscribe opens a new one (what `share()` did).
   * Every frame goes straight to the subscribers: share's Subject cost a hop per frame.
   */
  open(url: string, options: SocketOpenOptions = {}): SocketConnection {
    let ws: WebSocket | undefined;
    // Replaced, never mutated, so a dispatch in progress keeps the list it started with.
    let subscribers: readonly Subscriber<SocketEvent>[] = [];
    const emit = (e: SocketEvent): void => {
      const list = subscribers;
      for (let i = 0; i < list.length; i++) list[i].next(e);
    };
    const release = (socket: WebSocket): void => {
      socket.removeAllListeners();
      // An error listener stays so a late socket error after teardown cannot crash the process.
      socket.on('error', () => undefined);
      if (socket.readyState !== WebSocket.CLOSED) socket.terminate();
      if (ws === socket) ws = undefined;
    };
    /** The stream ends: subscribers hear it first, then the socket is let go. */
    const end = (socket: WebSocket, notify: Notify): void => {
      const list = subscribers;
      subscribers = [];
      for (const s of list) notify(s);
      release(socket);
    };
    const connect = (): void => {
      const socket = new WebSocket(url, {
        headers: options.headers ? { ...options.headers } : undefined,
        maxPayload: options.maxPayloadBytes,
      });
      ws = socket;
      socket.on('open', () => emit({ kind: 'open' }));
      socket.on('message', (data, isBinary) =>
        emit({ kind: 'message', data: toData(data, isBinary) }),
      );
      socket.on('ping', () => emit({ kind: 'ping' }));
      socket.on('pong', () => emit({ kind: 'pong' }));
      socket.on('close', (code, reason) => {
        emit({ kind: 'close', code, reason: reason.toString('utf8') });
        end(socket, (s) => s.complete());
      });
      socket.on('error', (err) => end(socket, (s) => s.error(err)));
    };
    const events$ = new Observable<SocketEvent>((subscriber) => {
      subscribers = [...subscribers, subscriber];
      if (subscribers.length === 1) {
        try {
          connect();
        } catch (err) {
          subscribers = [];
          throw err;
        }
      }
      return () => {
        if (!subscribers.includes(subscriber)) return; // the stream already ended
        subscribers = subscribers.filter((s) => s !== subscriber);
        if (subscribers.length === 0 && ws) release(ws);
      };
    });

    return {
      events$,
      send: (data: SocketData) => {
        if (!ws || ws.readyState !== WebSocket.OPEN) return false;
        ws.send(data);
        return true;
      },
      ping: () => {
        if (!ws || ws.readyState !== WebSocket.OPEN) return false;
        ws.ping();
        return true;
      },
      close: (code = 1000, reason = '') => ws?.close(code, reason),
    };
  }
}

function toData(data: WebSocket.RawData, isBinary: boolean): SocketData {
  const buf = Array.isArray(data)
    ? Buffer.concat(data)
    : data instanceof ArrayBuffer
      ? Buffer.from(data)
      : data;
  return isBinary
    ? new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength)
    : buf.toString('utf8');
}
