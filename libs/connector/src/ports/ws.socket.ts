import { Observable, share } from 'rxjs';
import WebSocket from 'ws';
import type {
  SocketConnection,
  SocketData,
  SocketEvent,
  SocketOpenOptions,
  SocketPort,
} from './socket.port';

/** SocketPort backed by the `ws` package; the only file of the connector that imports `ws`. */
export class WsSocket implements SocketPort {
  open(url: string, options: SocketOpenOptions = {}): SocketConnection {
    let ws: WebSocket | undefined;
    const events$ = new Observable<SocketEvent>((subscriber) => {
      const socket = new WebSocket(url, {
        headers: options.headers ? { ...options.headers } : undefined,
        maxPayload: options.maxPayloadBytes,
      });
      ws = socket;
      socket.on('open', () => subscriber.next({ kind: 'open' }));
      socket.on('message', (data, isBinary) =>
        subscriber.next({ kind: 'message', data: toData(data, isBinary) }),
      );
      socket.on('ping', () => subscriber.next({ kind: 'ping' }));
      socket.on('pong', () => subscriber.next({ kind: 'pong' }));
      socket.on('close', (code, reason) => {
        subscriber.next({ kind: 'close', code, reason: reason.toString('utf8') });
        subscriber.complete();
      });
      socket.on('error', (err) => subscriber.error(err));
      return () => {
        socket.removeAllListeners();
        // An error listener stays so a late socket error after teardown cannot crash the process.
        socket.on('error', () => undefined);
        if (socket.readyState !== WebSocket.CLOSED) socket.terminate();
        if (ws === socket) ws = undefined;
      };
    }).pipe(share());

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
