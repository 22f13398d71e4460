/**
 * The kafkajs error types along an error's cause chain (`originalError` or `cause`, at most five
 * levels), outermost first: kafkajs wraps protocol errors in retry and request errors.
 */
export function kafkaErrorTypes(error: unknown): string[] {
  const types: string[] = [];
  for (let e: unknown = error, depth = 0; e && depth < 5; depth++) {
    const { type, originalError, cause } = e as {
      type?: string;
      originalError?: unknown;
      cause?: unknown;
    };
    if (type) types.push(type);
    e = originalError ?? cause;
  }
  return types;
}
