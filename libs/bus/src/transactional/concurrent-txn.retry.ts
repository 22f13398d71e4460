import { kafkaErrorTypes } from '../kafka/kafka-error.chain';

/** Waits between two tries: short, because the coordinator usually finishes within a few ms. */
const FIRST_WAIT_MS = 5;
const MAX_WAIT_MS = 100;

/**
 * Runs a transactional call, trying it again while the coordinator answers
 * CONCURRENT_TRANSACTIONS (it is still writing the previous transaction's markers).
 *
 * kafkajs retries that answer for AddPartitionsToTxn (inside send) but not for
 * AddOffsetsToTxn: a transaction whose first call is sendOffsets — every group whose chunks were
 * all duplicates, so it has no outputs — failed and aborted, and the abort reset and re-read
 * every partition of the group: the 2–3 s stalls of md.unified in the load runs. The call is
 * safe to repeat: kafkajs changes no transaction state before the request succeeds.
 * Any other error, or the same one after `deadlineMs`, is thrown as is.
 */
export async function retryWhileConcurrent<T>(
  call: () => Promise<T>,
  deadlineMs = 10_000,
  sleep: (ms: number) => Promise<void> = (ms) => new Promise((r) => setTimeout(r, ms)),
): Promise<T> {
  const start = Date.now();
  let wait = FIRST_WAIT_MS;
  for (;;) {
    try {
      return await call();
    } catch (error) {
      const concurrent = kafkaErrorTypes(error).includes('CONCURRENT_TRANSACTIONS');
      if (!concurrent || Date.now() - start + wait > deadlineMs) throw error;
      await sleep(wait);
      wait = Math.min(MAX_WAIT_MS, wait * 2);
    }
  }
}
