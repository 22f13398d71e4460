import { FeedgateError } from '@feedgate/core';

/** The scenario harness did not get where a test needed it (a wait timed out, not started). */
export class ScenarioHarnessError extends FeedgateError {
  readonly code = 'SCENARIO_HARNESS';
}
