/** Application close codes of /ws (4000-4999 are free for applications, RFC 6455 §7.4.2). */
export const CLOSE_UNAUTHORIZED = 4401;
/** Slow consumer: the client fell too far behind (buffer bytes, queued messages or lag time). */
export const CLOSE_SLOW_CONSUMER = 4008;
/** Too many inbound messages after repeated rate-limit errors. */
export const CLOSE_RATE_LIMITED = 4029;
