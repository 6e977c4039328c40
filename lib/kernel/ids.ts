/**
 * Record ids are ULIDs: 26 Crockford base-32 characters that sort by creation time, so a Dexie
 * primary-key range is also a time range, and two devices never collide without coordination.
 * `monotonicFactory` keeps ids strictly increasing within one millisecond.
 */
import { monotonicFactory, decodeTime, isValid } from 'ulid';

const nextUlid = monotonicFactory();

export function newId(now: number = Date.now()): string {
  return nextUlid(now);
}

export function idTime(id: string): number {
  return decodeTime(id);
}

export function isId(value: string): boolean {
  return isValid(value);
}
