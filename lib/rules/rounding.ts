import type { Rounding } from './rule-set-schema';

/** Rounds the way the rule set says; scaled by 10^decimals with an epsilon so 2.675 → 2.68 like on paper. */
export function applyRounding(value: number, rounding: Rounding | undefined): number {
  if (!rounding) return value;
  const factor = 10 ** rounding.decimals;
  const scaled = value * factor;
  const nudged = scaled + Math.sign(scaled) * Math.abs(scaled) * Number.EPSILON * 4;
  let result: number;
  switch (rounding.mode) {
    case 'halfUp':
      result = Math.sign(nudged) * Math.round(Math.abs(nudged));
      break;
    case 'halfEven': {
      const floor = Math.floor(scaled);
      const diff = scaled - floor;
      const tolerance = 1e-9;
      if (Math.abs(diff - 0.5) < tolerance) result = floor % 2 === 0 ? floor : floor + 1;
      else result = Math.round(scaled);
      break;
    }
    case 'floor':
      result = Math.floor(nudged);
      break;
    case 'ceil':
      result = Math.ceil(scaled - Math.sign(scaled) * Math.abs(scaled) * Number.EPSILON * 4);
      break;
    case 'truncate':
      result = Math.trunc(nudged);
      break;
  }
  return result / factor + 0; // + 0 turns -0 into 0
}
