import { pathToFileURL } from 'node:url';
import { loadConfig } from '../src/config.js';
import { analyzeAnswer } from '../src/features/interview/analyze.js';
import { getInterviewContent } from '../src/features/interview/content.js';
import { type BenchResult, timeSync, versus } from './stats.js';

const WARMUP = 200;
const RUNS = 2000;
const WORDS = 300;

/** A spoken-style behavioural answer with a little of everything the analyzer looks for. */
const SOURCE = `Um, so during my internal medicine residency in Cairo our ward team kept arguing about lab results that
nobody followed up, and, like, the nurses blamed the residents while the residents said the lab never called. As the senior
resident my job was to find a fix both groups would accept. I sat down with two nurses and two residents and we mapped the
workflow from the moment a sample was drawn to the moment someone acted on the result, and I think the gap was obvious once we
drew it: no one owned the result after the shift changed. I proposed a shared tracking sheet at the nursing station with a
named owner for every pending result, and we reviewed it at every handoff, you know, out loud. Within six weeks missed critical
results on our ward dropped from about nine a month to two, and I would like to say the arguing basically stopped because the
sheet made ownership visible. It also made me think about how an EHR notification could close the same loop automatically.`;

/** Exactly `WORDS` words, cycling the source: the length of a full two-minute answer. */
export function answerOfLength(words: number): string {
  const pool = SOURCE.split(/\s+/).filter(Boolean);
  return Array.from({ length: words }, (_, i) => pool[i % pool.length]).join(' ');
}

/** The analyzer on a 300-word answer, against a bare `split(/\s+/).length` word count on the same text. */
export async function benchInterview(): Promise<BenchResult[]> {
  const content = await getInterviewContent(loadConfig({ LOG_LEVEL: 'silent' }).contentDir);
  const question = content.byId.get('beh-team-conflict');
  if (!question) throw new Error('question beh-team-conflict is missing from the bank');
  const text = answerOfLength(WORDS);
  let sink = 0;
  const ours = timeSync(
    () => {
      sink += analyzeAnswer(text, question).words;
    },
    RUNS,
    WARMUP,
  );
  const bare = timeSync(
    () => {
      sink += text.split(/\s+/).length;
    },
    RUNS,
    WARMUP,
  );
  if (sink < 0) throw new Error('unreachable: keeps the timed work from being optimised away');
  return [
    versus(
      `interview feedback: analyze a ${WORDS}-word answer, p50 (${RUNS} runs) vs a bare word count`,
      'ms',
      ours.p50,
      bare.p50,
    ),
    versus(
      `interview feedback: analyze a ${WORDS}-word answer, p99 (${RUNS} runs; must stay well under 5 ms) vs a bare word count`,
      'ms',
      ours.p99,
      bare.p99,
      { goal: 5, goalKind: 'max-value' },
    ),
  ];
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  benchInterview().then(
    (results) => {
      for (const r of results) {
        const vs =
          r.baseline === undefined
            ? ''
            : ` (word count ${r.baseline} ${r.unit}${r.ratio === undefined ? '' : `, ratio ${r.ratio}`})`;
        process.stdout.write(`${r.name}: ${r.value} ${r.unit}${vs}\n`);
      }
    },
    (err: unknown) => {
      process.stderr.write(`bench failed: ${err instanceof Error ? err.message : String(err)}\n`);
      process.exitCode = 1;
    },
  );
}
