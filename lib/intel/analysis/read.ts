/**
 * The intel a period's analysis is made of, read through the named query on the `observedDay`
 * index (`intel.observedBetween`, lib/intel/near-duplicates.ts): the period widened by the
 * near-duplicate window on both sides, since a sighting ("add to it") is added to an item seen at
 * most NEAR_DUPLICATE_DAYS from it and may fall in the period when its item does not.
 * composeCompetitiveAnalysis keeps only what was seen inside the period.
 */
import type { FieldkitDatabase } from '../../store/database';
import { addDaysToDay } from '../../reports/deadlines';
import { NEAR_DUPLICATE_DAYS, intelObservedBetween } from '../near-duplicates';
import type { IntelItem } from '../schema';
import { AnalysisPeriod } from './compose';

/** The days to read for a period: its own, and the sightings window around them. */
export function readWindowOf(period: AnalysisPeriod): { from: string; to: string } {
  const checked = AnalysisPeriod.parse(period);
  return { from: addDaysToDay(checked.from, -NEAR_DUPLICATE_DAYS), to: addDaysToDay(checked.to, NEAR_DUPLICATE_DAYS) };
}

export async function readAnalysisItems(db: FieldkitDatabase, period: AnalysisPeriod): Promise<IntelItem[]> {
  return intelObservedBetween.run(db, readWindowOf(period));
}
