/**
 * The intel parser's throughput (lib/intel/parse.ts) over the test corpus — 109 shop pages, price
 * lists, chat messages and news items in both languages — next to merely finding the numbers in the
 * same texts with one regular expression, in the same run.
 */
import { parseIntelText } from '../lib/intel/parse';
import { ALL_SAMPLES, TODAY } from '../test/fixtures/intel-samples';
import { median } from './panel/harness';

const PASSES = 15;
const ROUNDS = 200;

function timeIt(run: () => void): number {
  const samples: number[] = [];
  for (let pass = 0; pass <= PASSES; pass++) {
    const start = performance.now();
    run();
    if (pass > 0) samples.push(performance.now() - start);
  }
  return median(samples);
}

export async function run(): Promise<void> {
  const texts = ALL_SAMPLES.map((sample) => sample.text);
  const characters = texts.reduce((sum, text) => sum + text.length, 0) * ROUNDS;
  let sink = 0;
  const baseline = timeIt(() => {
    for (let round = 0; round < ROUNDS; round++) for (const text of texts) sink += text.match(/\d+(?:\.\d+)?/g)?.length ?? 0;
  });
  const parse = timeIt(() => {
    for (let round = 0; round < ROUNDS; round++) for (const text of texts) sink += parseIntelText(text, { today: TODAY }).prices.length;
  });
  const perText = (ms: number) => ((ms / (ROUNDS * texts.length)) * 1000).toFixed(1);
  console.log(`${texts.length} texts × ${ROUNDS}, median of ${PASSES} passes (Node ${process.version})`);
  console.log(`baseline: find the numbers with one regular expression   ${perText(baseline)} µs a text`);
  console.log(`parseIntelText: prices, kinds, labels, promotion, period  ${perText(parse)} µs a text, ${(characters / parse / 1000).toFixed(2)} M characters/s, ×${(parse / baseline).toFixed(1)} the baseline`);
  if (sink < 0) console.log(sink);
}
