/**
 * v3: stored scores are `AssessmentResult`s, whose subject is an object; index its id with the
 * period ("this rep's scores by month") and the rule-set version a score was computed with.
 * Index change only: v1/v2 never wrote scores.
 */
export const V3 = {
  version: 3,
  stores: {
    assessments: 'id, [subject.id+period], [ruleSetId+ruleSetVersion], updatedAt',
  },
} as const;
