import { BusError } from './bus.error';

/** Publish/subscribe to a topic that was never created (topics are created by ensureTopics). */
export class BusUnknownTopicError extends BusError {
  readonly code = 'BUS_UNKNOWN_TOPIC';

  constructor(readonly topic: string) {
    super(`unknown topic ${JSON.stringify(topic)}: create it with ensureTopics first`);
  }
}
