import type { UnifiedEvent } from '@feedgate/core';

/** Which of the two redundant connections of a subscription produced a frame. */
export type Replica = 'A' | 'B';

/** What a frame says about where its events come from (DESIGN.md "Frames"). */
export interface FrameHeader {
  /** Id of the gate instance that produced the frame. */
  readonly gateId: string;
  readonly replica: Replica;
  /** Connection epoch: bumps on every (re)connect of this replica; non-negative safe integer. */
  readonly epoch: number;
  /** Frame sequence within the epoch; non-negative safe integer. */
  readonly frameSeq: number;
  /** Epoch ms of the first event (usually its `ts`); event times are delta-encoded against it. */
  readonly firstEventTime: number;
}

/** A decoded frame header plus what the wire says about the frame itself. */
export interface DecodedFrameHeader extends FrameHeader {
  readonly version: number;
  readonly eventCount: number;
}

export interface DecodedFrame {
  readonly header: DecodedFrameHeader;
  readonly events: UnifiedEvent[];
}
