/**
 * Every named query (lib/<capability>/queries.ts), for the convention test that proves each
 * index a kind declares is read by a query that really uses it.
 */
import { visitQueries } from './visits/queries';
import { reportQueries } from './reports/queries';
import { intelQueries } from './intel/queries';
import { dictionaryQueries } from './intel/dictionary/queries';
import { intelObservedBetween } from './intel/near-duplicates';
import { dealerQueries } from './dealers/queries';
import { dealerImportQueries } from './dealers/import/queries';
import { linkedDealersAfter } from './dealers/kpi-snapshot';
import { rankingQueries } from './dealers/rankings-queries';
import { ruleQueries } from './rules/queries';
import { teamQueries } from './team/queries';
import { templateQueries } from './reports/template-queries';
import { historyQueries } from './reports/history-queries';
import { teamDeadlineRules } from './reports/deadline-kind';
import { photosOfVisit } from './visits/photo';
import type { NamedQuery } from './store/query';

export const QUERIES: readonly NamedQuery<never, unknown>[] = [...visitQueries, ...reportQueries, ...intelQueries, ...dictionaryQueries, intelObservedBetween, ...dealerQueries, ...dealerImportQueries, linkedDealersAfter, ...rankingQueries, ...ruleQueries, ...teamQueries, ...templateQueries, ...historyQueries, teamDeadlineRules, photosOfVisit] as never;
