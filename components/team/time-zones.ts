import type { Locale } from '../../lib/kernel/i18n';
import type { teamMessages } from './messages';

type TeamKey = keyof typeof teamMessages.en;

/** Zones a team selling in China and its neighbours most often works in, each named in messages.ts. */
export const COMMON_TIME_ZONES: readonly { zone: string; key: TeamKey }[] = [
  { zone: 'Asia/Shanghai', key: 'tzShanghai' },
  { zone: 'Asia/Urumqi', key: 'tzUrumqi' },
  { zone: 'Asia/Hong_Kong', key: 'tzHongKong' },
  { zone: 'Asia/Taipei', key: 'tzTaipei' },
  { zone: 'Asia/Singapore', key: 'tzSingapore' },
  { zone: 'Asia/Bangkok', key: 'tzBangkok' },
  { zone: 'Asia/Tokyo', key: 'tzTokyo' },
  { zone: 'Asia/Kolkata', key: 'tzKolkata' },
  { zone: 'Asia/Dubai', key: 'tzDubai' },
  { zone: 'Europe/Moscow', key: 'tzMoscow' },
  { zone: 'Europe/Berlin', key: 'tzBerlin' },
  { zone: 'Europe/London', key: 'tzLondon' },
  { zone: 'America/New_York', key: 'tzNewYork' },
  { zone: 'America/Los_Angeles', key: 'tzLosAngeles' },
  { zone: 'Australia/Sydney', key: 'tzSydney' },
  { zone: 'UTC', key: 'tzUtc' },
];

/** The IANA zone this device is set to. */
export function deviceTimeZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  } catch {
    return 'UTC';
  }
}

/**
 * A zone's name in the UI language: ours for the common ones, else the platform's (e.g. 中欧时间,
 * Central European Time), never the raw IANA id unless the platform knows no name for it.
 */
export function timeZoneName(zone: string, locale: Locale, t: (key: TeamKey) => string): string {
  const common = COMMON_TIME_ZONES.find((z) => z.zone === zone);
  if (common) return t(common.key);
  try {
    const part = new Intl.DateTimeFormat(locale, { timeZone: zone, timeZoneName: 'longGeneric' }).formatToParts(new Date()).find((p) => p.type === 'timeZoneName');
    if (part?.value) return part.value;
  } catch {
    // An id this platform does not know: show it as it is.
  }
  return zone;
}
