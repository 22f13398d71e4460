/**
 * Hands out connection epochs: the wall-clock ms of the (re)connect, forced strictly
 * increasing within the process. Epochs therefore also grow across gate restarts (a restarted
 * gate does not reuse its predecessor's epochs), so (gateId, replica, epoch, frameSeq) names
 * a frame uniquely without any persisted state. Fits a safe integer until year 287396.
 */
export class EpochClock {
  private last = 0;

  constructor(private readonly now: () => number = Date.now) {}

  next(): number {
    const t = Math.floor(this.now());
    this.last = t > this.last ? t : this.last + 1;
    return this.last;
  }
}
