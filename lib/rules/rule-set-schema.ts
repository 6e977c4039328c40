import { z } from '../kernel/zod';
import { Day } from '../kernel/record';

/**
 * A rule set: the data an admin edits to say how a score is computed. Everything the seeds leave
 * open is a parameter, every formula is an expression string that lib/rules parses and type-checks
 * when the rule set loads (there is no eval anywhere), and every score keeps (id, version).
 * The structural schema lives here; the checks that need the expression language (names resolve,
 * types agree, weights sum as declared) are in lib/rules/load.ts.
 */

export const Localized = z.object({ en: z.string().min(1), 'zh-CN': z.string().min(1) });
export type Localized = z.infer<typeof Localized>;

export const Identifier = z
  .string()
  .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'expected an identifier: letters, digits and _ , not starting with a digit');

/** An expression in the rule language, e.g. `visitedTerminals / totalTerminals`. */
export const Expression = z.string().trim().min(1, 'expected an expression');

/** A number written literally, or an expression (usually a parameter name) that yields one. */
export const NumberOrExpression = z.union([z.number(), Expression]);
export const BooleanOrExpression = z.union([z.boolean(), Expression]);

/**
 * Units are labels for people (shown in explanations and the editor); `percent` values are stored
 * as fractions (0.14) and shown as 14%.
 */
export const Unit = z.string().min(1).max(20);

const described = {
  label: Localized,
  description: Localized.optional(),
};

export const InputDefinition = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('number'),
    unit: Unit.optional(),
    min: z.number().optional(),
    max: z.number().optional(),
    integer: z.boolean().optional(),
    ...described,
  }),
  z.object({ type: z.literal('boolean'), ...described }),
  z.object({ type: z.literal('enum'), values: z.array(z.string().min(1)).min(1), ...described }),
  /** Values per period, oldest first (e.g. the last 12 monthly shipments). */
  z.object({
    type: z.literal('series'),
    unit: Unit.optional(),
    /** Bounds on each value of the series. */
    min: z.number().optional(),
    max: z.number().optional(),
    minLength: z.number().int().nonnegative().optional(),
    maxLength: z.number().int().positive().optional(),
    ...described,
  }),
]);
export type InputDefinition = z.infer<typeof InputDefinition>;

export const Parameter = z.object({
  value: z.union([z.number(), z.boolean()]),
  unit: Unit.optional(),
  min: z.number().optional(),
  max: z.number().optional(),
  ...described,
});
export type Parameter = z.infer<typeof Parameter>;

export const DerivedQuantity = z.object({
  expr: Expression,
  unit: Unit.optional(),
  ...described,
});
export type DerivedQuantity = z.infer<typeof DerivedQuantity>;

export const Rounding = z.object({
  decimals: z.number().int().min(0).max(6),
  mode: z.enum(['halfUp', 'halfEven', 'floor', 'ceil', 'truncate']).default('halfUp'),
});
export type Rounding = z.infer<typeof Rounding>;

export const ZeroRule = z.object({ when: Expression, reason: Localized });

export const MonotoneDeclaration = z.object({
  input: Identifier,
  direction: z.enum(['increasing', 'decreasing']),
});

const itemBase = {
  id: Identifier,
  ...described,
  /** contribution = score × weight; weights of a weighted block's children are usually fractions. */
  weight: NumberOrExpression.default(1),
  /** The highest score the item can reach; checked against its children when it is a block. */
  max: z.number().optional(),
  /** Clamp the score from below / above after deductions ("floor 0"). */
  floor: NumberOrExpression.optional(),
  cap: NumberOrExpression.optional(),
  /** The item scores 0 when any of these holds ("0 if the weekly report is late"). */
  zeroWhen: z.array(ZeroRule).optional(),
  rounding: Rounding.optional(),
  /** Promised shape of the score in one input; property tests hold every built-in rule set to it. */
  monotone: z.array(MonotoneDeclaration).optional(),
};

export const Band = z.object({
  op: z.enum(['<=', '<', '>=', '>']),
  bound: NumberOrExpression,
  score: NumberOrExpression,
});
export type Band = z.infer<typeof Band>;

/**
 * What a KPI aims at, for items whose `value` is a number (formula with a value, bands): shown
 * beside the value (e.g. on the dealer KPI panel). Neither changes the score.
 */
const aim = {
  /** The value the KPI aims at, in the value's unit; usually a parameter name (`visitCoverageTarget`). */
  target: NumberOrExpression.optional(),
  /** Which way the value is better: coverage `higher`, inventory cover days `lower`. */
  better: z.enum(['higher', 'lower']).optional(),
};

const FormulaItem = z.object({
  kind: z.literal('formula'),
  ...itemBase,
  ...aim,
  /** The raw value shown to people (e.g. a completion rate); `score` may refer to it as `value`. */
  value: Expression.optional(),
  valueUnit: Unit.optional(),
  /** Defaults to `value`. */
  score: Expression.optional(),
});

const BandsItem = z.object({
  kind: z.literal('bands'),
  ...itemBase,
  ...aim,
  value: Expression,
  valueUnit: Unit.optional(),
  /** Tried in order; the first band whose comparison holds gives the score. */
  bands: z.array(Band).min(1),
  otherwise: NumberOrExpression,
});

const TableItem = z.object({
  kind: z.literal('table'),
  ...itemBase,
  /** An enum-typed expression, e.g. an input with values 优/良/中/差. */
  value: Expression,
  table: z.record(z.string().min(1), NumberOrExpression),
});

const DeductionItem = z.object({
  kind: z.literal('deduction'),
  ...itemBase,
  /** Number of occurrences (a count or a boolean). */
  count: Expression,
  countUnit: Unit.optional(),
  points: NumberOrExpression,
  /** true: deduct once however many times it happened ("每项扣5分" read per item). */
  oncePerItem: BooleanOrExpression.default(false),
  /** Largest total deducted by this item, as a positive number ("at most −6" → 6). */
  limit: NumberOrExpression.optional(),
  /** Repeat offences multiply the deduction ("连续不上交…加倍扣分"). */
  repeatWhen: Expression.optional(),
  repeatMultiplier: NumberOrExpression.default(2),
});

const FlagItem = z.object({
  kind: z.literal('flag'),
  ...itemBase,
  when: Expression,
  severity: z.enum(['info', 'warning', 'critical']).default('warning'),
  /** Score when raised; the rule set's total is the sum, so warnings can be counted. */
  points: NumberOrExpression.default(1),
});

const BlockItem = z.object({
  kind: z.literal('block'),
  ...itemBase,
  /** Points the block starts from before children add or deduct (30 for "30 minus deductions"). */
  base: NumberOrExpression.default(0),
  /** When set, the weights of the scoring (non-deduction, non-flag) children must sum to this. */
  weightsSum: z.number().optional(),
  get children(): z.ZodArray<typeof RuleItem> {
    return z.array(RuleItem);
  },
});

type ItemSchemas = [typeof FormulaItem, typeof BandsItem, typeof TableItem, typeof DeductionItem, typeof FlagItem, typeof BlockItem];
// The annotation breaks the type-inference cycle block → children → item → block.
export const RuleItem: z.ZodDiscriminatedUnion<ItemSchemas> = z.discriminatedUnion('kind', [
  FormulaItem,
  BandsItem,
  TableItem,
  DeductionItem,
  FlagItem,
  BlockItem,
]);
export type RuleItem = z.infer<typeof RuleItem>;
export type BlockItem = z.infer<typeof BlockItem>;

export const InputValue = z.union([z.number(), z.boolean(), z.string(), z.array(z.number().nullable()), z.null()]);
export type InputValue = z.infer<typeof InputValue>;
export const InputValues = z.record(z.string(), InputValue);
export type InputValues = z.infer<typeof InputValues>;

export const Grade = z.object({
  /** The lowest total that earns this grade; grades are listed from the highest down. */
  min: z.number(),
  grade: z.string().min(1),
  label: Localized.optional(),
  /** What the grade brings, e.g. a dealer support tier. */
  note: Localized.optional(),
});
export type Grade = z.infer<typeof Grade>;

/** A reading the rule set chose where the seeds are open, and the parameter that switches it. */
export const Reading = z.object({
  id: Identifier,
  text: Localized,
  parameter: Identifier.optional(),
});

/** A condition over parameters checked when the rule set loads (e.g. "excess rate above target rate"). */
export const ParameterCheck = z.object({
  when: Expression,
  level: z.enum(['error', 'warning']),
  message: Localized,
});

export const Sample = z.object({
  name: z.string().min(1),
  inputs: InputValues,
});

export const RuleSetId = z.string().regex(/^[a-z][a-z0-9-]{1,63}$/, 'expected a lowercase id like sales-rep-monthly');

export const RuleSet = z.object({
  id: RuleSetId,
  version: z.number().int().positive(),
  effectiveFrom: Day,
  name: Localized,
  description: Localized,
  subject: z.enum(['rep', 'regionalManager', 'dealer', 'customer', 'team']),
  period: z.enum(['week', 'month', 'quarter', 'year', 'any']),
  parameters: z.record(Identifier, Parameter).default({}),
  inputs: z.record(Identifier, InputDefinition),
  derived: z.record(Identifier, DerivedQuantity).default({}),
  root: RuleItem,
  totalUnit: Unit.default('point'),
  /** Bounds every total must stay inside; property tests check them for built-in rule sets. */
  bounds: z.object({ min: z.number().optional(), max: z.number().optional() }).default({}),
  rounding: Rounding.default({ decimals: 1, mode: 'halfUp' }),
  grades: z.array(Grade).default([]),
  readings: z.array(Reading).default([]),
  checks: z.array(ParameterCheck).default([]),
  samples: z.array(Sample).default([]),
});
export type RuleSet = z.infer<typeof RuleSet>;
/** What a file holds before defaults are applied. */
export type RuleSetInput = z.input<typeof RuleSet>;
