import { benchChannels } from './channels.js';
import { benchAnswers, benchCli } from './core.js';
import { benchDiscord } from './discord.js';
import { benchDrafts } from './drafts.js';
import { benchInterview } from './interview.js';
import { benchSlack } from './slack.js';
import { benchSponsors } from './sponsors.js';
import { benchStartup } from './startup.js';
import type { BenchResult } from './stats.js';

/**
 * `npm run bench`: every benchmark, each against a baseline run in the same process (or, for
 * wall times, the same machine in the same run). Prints a table; exits 0 whatever the numbers,
 * since speed is reported here, never asserted in tests.
 */
const suites: { name: string; run: () => Promise<BenchResult[]> }[] = [
  { name: 'answers', run: benchAnswers },
  { name: 'cli', run: benchCli },
  { name: 'startup', run: benchStartup },
  { name: 'drafts', run: benchDrafts },
  { name: 'interview', run: benchInterview },
  { name: 'channels', run: benchChannels },
  { name: 'slack', run: benchSlack },
  { name: 'discord', run: benchDiscord },
  { name: 'sponsors', run: benchSponsors },
];

function verdict(r: BenchResult): string {
  if (r.goal === undefined) return '';
  const kind = r.goalKind ?? 'max-ratio';
  const byValue = kind === 'max-value' || kind === 'min-value';
  const v = byValue ? r.value : r.ratio;
  if (v === undefined) return '';
  const atLeast = kind === 'min-ratio' || kind === 'min-value';
  const ok = atLeast ? v >= r.goal : v <= r.goal;
  const sign = atLeast ? '>=' : '<=';
  return `${ok ? 'meets' : 'MISSES'} goal ${byValue ? `${sign} ${r.goal} ${r.unit}` : `${sign} ${r.goal}x`}`;
}

async function main() {
  const only = process.argv.slice(2);
  for (const suite of suites) {
    if (only.length && !only.includes(suite.name)) continue;
    process.stdout.write(`\n## ${suite.name}\n`);
    try {
      for (const r of await suite.run()) {
        const ratio = r.ratio === undefined ? '' : `  ratio ${r.ratio}x`;
        const base = r.baseline === undefined ? '' : `  baseline ${r.baseline} ${r.unit}${ratio}`;
        process.stdout.write(`- ${r.name}: ${r.value} ${r.unit}${base}  ${verdict(r)}\n`);
      }
    } catch (err) {
      process.stdout.write(`- failed: ${err instanceof Error ? err.message : String(err)}\n`);
      process.exitCode = 1;
    }
  }
}

await main();
