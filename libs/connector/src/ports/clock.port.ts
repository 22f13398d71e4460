/** Wall-clock time in epoch ms (used for `localTs`); timing logic uses RxJS schedulers instead. */
export interface ClockPort {
  now(): number;
}
