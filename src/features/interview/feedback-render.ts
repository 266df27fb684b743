import { neutralize } from '../../core/sanitize.js';
import { type Analysis, PACE } from './analyze.js';
import type { AttemptSummary, DrillState } from './records.js';
import type { Star } from './star.js';

/**
 * Feedback in words: observations a member can act on (what the answer contains and how long it
 * runs), not grades. Everything echoed from the answer goes through `neutralize`.
 */

export function formatDuration(seconds: number): string {
  const m = Math.floor(seconds / 60);
  const s = seconds % 60;
  if (!m) return `${s} s`;
  return s ? `${m} min ${s} s` : `${m} min`;
}

const LENGTH_NOTE = {
  short: 'under the 1-2 minute target',
  ok: 'within the 1-2 minute target',
  long: 'over the 1-2 minute target',
} as const;

const STAR_KEYS: (keyof Star)[] = ['situation', 'task', 'action', 'result'];
const STAR_NAME: Record<keyof Star, string> = { situation: 'Situation', task: 'Task', action: 'Action', result: 'Result' };

function starLine(a: Analysis): string {
  const parts = STAR_KEYS.map((k) => `${STAR_NAME[k]} ${a.star[k] ? 'yes' : 'no'}`).join(', ');
  const missing = STAR_KEYS.filter((k) => !a.star[k]).map((k) => STAR_NAME[k]);
  let note = '';
  if (missing.length) note = ` Not heard: ${missing.join(', ')}.`;
  else note = a.quantifiedResult ? ' The result has a number in it.' : ' The result has no number yet.';
  return `- **STAR:** ${parts}.${note}`;
}

function list(items: string[]): string {
  return items.map((i) => neutralize(i)).join(', ');
}

export function renderAnalysis(a: Analysis, opts: { listen?: string } = {}): string {
  const lines: string[] = [];
  const [fast, slow] = a.secondsRange;
  const brief = a.brief ? ' (for this question a short, factual answer is the right one)' : '';
  lines.push(
    `- **Length:** ${a.words} words, about ${formatDuration(a.estimatedSeconds)} spoken (${formatDuration(fast)} to ${formatDuration(slow)} at ${PACE.slow}-${PACE.fast} words a minute): **${a.length}**, ${LENGTH_NOTE[a.length]}${brief}.`,
  );
  if (a.starApplies) lines.push(starLine(a));
  lines.push(
    a.informaticsAngle
      ? `- **Informatics angle:** yes, it touches ${a.angleTopics.join(', ')}.`
      : '- **Informatics angle:** not heard: nothing ties it to workflow, data, systems, the EHR, decision support, safety or quality.',
  );
  const { numbers, tools, outcomes } = a.specifics;
  const specifics = [
    numbers.length ? `numbers: ${list(numbers)}` : '',
    tools.length ? `tools: ${list(tools)}` : '',
    outcomes ? `${outcomes} measured outcome${outcomes === 1 ? '' : 's'}` : '',
  ].filter(Boolean);
  lines.push(
    `- **Specifics:** ${specifics.length ? specifics.join('; ') : 'none heard (no numbers, named tools or measured outcomes)'}.`,
  );
  const fillerWords = Object.entries(a.fillers.words)
    .sort((x, y) => y[1] - x[1])
    .map(
      ([w, n]) => `"${w === 'i think' || w === 'i guess' || w === 'i mean' || w === 'i feel like' ? `I${w.slice(1)}` : w}" ×${n}`,
    );
  lines.push(
    a.fillers.count
      ? `- **Fillers and hedges:** ${a.fillers.count} (${fillerWords.join(', ')}), ${a.fillerRate} per 100 words.`
      : '- **Fillers and hedges:** none.',
  );
  if (a.points.covered.length + a.points.missed.length) {
    const total = a.points.covered.length + a.points.missed.length;
    lines.push(
      `- **Talking points covered (${a.points.covered.length} of ${total}):** ${a.points.covered.length ? a.points.covered.join('; ') : 'none yet'}.`,
    );
    if (a.points.missed.length) lines.push(`- **Not yet covered:** ${a.points.missed.join('; ')}.`);
  }
  if (a.topWords.length) {
    lines.push(`- **Most-used words:** ${a.topWords.map((w) => `${neutralize(w.word)} ×${w.count}`).join(', ')}.`);
  }
  const out = [lines.join('\n'), `**Next step:** ${a.tips[0] ?? ''}`];
  if (opts.listen) out.push(`_Interviewers listen for: ${opts.listen}_`);
  return out.join('\n\n');
}

const countStar = (s: Star) => STAR_KEYS.filter((k) => s[k]).length;

/** What changed between two tries at the same question, in plain observations. */
export function describeChanges(
  prev: AttemptSummary,
  cur: AttemptSummary,
  pointLabels: string[],
  starApplies: boolean,
): string[] {
  const out: string[] = [];
  const dw = cur.words - prev.words;
  const lengthPart = prev.length === cur.length ? `still ${cur.length}` : `${prev.length} → ${cur.length}`;
  out.push(`Length: ${prev.words} → ${cur.words} words (${dw >= 0 ? '+' : ''}${dw}), ${lengthPart}.`);
  if (starApplies) {
    const gained = STAR_KEYS.filter((k) => cur.star[k] && !prev.star[k]).map((k) => STAR_NAME[k]);
    const lost = STAR_KEYS.filter((k) => !cur.star[k] && prev.star[k]).map((k) => STAR_NAME[k]);
    const parts = [gained.length ? `added ${gained.join(', ')}` : '', lost.length ? `dropped ${lost.join(', ')}` : ''].filter(
      Boolean,
    );
    out.push(`STAR: ${countStar(prev.star)}/4 → ${countStar(cur.star)}/4${parts.length ? ` (${parts.join('; ')})` : ''}.`);
    if (cur.quantified !== prev.quantified)
      out.push(cur.quantified ? 'Your result now has a number.' : 'Your result lost its number.');
  }
  if (cur.angle !== prev.angle)
    out.push(cur.angle ? 'The informatics angle is now there.' : 'The informatics angle dropped out.');
  if (cur.fillers !== prev.fillers) out.push(`Fillers and hedges: ${prev.fillers} → ${cur.fillers}.`);
  if (cur.specifics !== prev.specifics) out.push(`Specifics (numbers and named tools): ${prev.specifics} → ${cur.specifics}.`);
  const newly = cur.covered.filter((i) => !prev.covered.includes(i)).map((i) => pointLabels[i] ?? '');
  const dropped = prev.covered.filter((i) => !cur.covered.includes(i)).map((i) => pointLabels[i] ?? '');
  if (newly.length) out.push(`Now covers: ${newly.join('; ')}.`);
  if (dropped.length) out.push(`No longer covers: ${dropped.join('; ')}.`);
  if (out.length === 1 && dw === 0) out.push('Nothing else changed that I can measure.');
  return out;
}

/** One line per question for the end-of-drill summary. */
export function summaryLine(
  n: number,
  questionText: string,
  r: DrillState['results'][number],
  pointCount: number,
  starApplies: boolean,
) {
  const last = r.attempts.at(-1);
  if (!last) return `${n}. ${questionText} - skipped.`;
  const bits = [
    `${last.words} words (${formatDuration(last.seconds)}), ${last.length}`,
    starApplies ? `STAR ${countStar(last.star)}/4${last.star.result && last.quantified ? ' with a measured result' : ''}` : '',
    `informatics angle ${last.angle ? 'yes' : 'no'}`,
    `fillers ${last.fillers}`,
    pointCount ? `talking points ${last.covered.length}/${pointCount}` : '',
    r.attempts.length > 1 ? `${r.attempts.length} tries` : '',
  ].filter(Boolean);
  return `${n}. ${questionText} - ${bits.join(' · ')}.`;
}

const per100 = (a: AttemptSummary) => (a.words ? Math.round((a.fillers / a.words) * 1000) / 10 : 0);
const pct = (a: AttemptSummary, total: number) => (total ? Math.round((a.covered.length / total) * 100) : 0);

/** The trend across a drill: first answer against last, and whether retries helped. */
export function trendLines(answered: { last: AttemptSummary; first: AttemptSummary; points: number; tries: number }[]): string[] {
  if (!answered.length) return ['No answers yet, so no trend. Start again with `/interview start` whenever you like.'];
  if (answered.length === 1) return ['One answer so far: answer two or more questions to see a trend.'];
  const first = answered[0] as (typeof answered)[number];
  const last = answered.at(-1) as (typeof answered)[number];
  const lines: string[] = [];
  if (first.points && last.points) {
    lines.push(
      `Talking points covered: ${pct(first.last, first.points)}% on your first question, ${pct(last.last, last.points)}% on your last.`,
    );
  }
  lines.push(`Fillers per 100 words: ${per100(first.last)} on your first answer, ${per100(last.last)} on your last.`);
  const verdicts = { short: 0, ok: 0, long: 0 };
  for (const a of answered) verdicts[a.last.length]++;
  lines.push(`Length: ${verdicts.ok} within 1-2 minutes, ${verdicts.short} short, ${verdicts.long} long.`);
  const retried = answered.filter((a) => a.tries > 1);
  if (retried.length) {
    const better = retried.filter(
      (a) =>
        a.last.covered.length > a.first.covered.length ||
        countStar(a.last.star) > countStar(a.first.star) ||
        a.last.fillers < a.first.fillers ||
        (a.first.length !== 'ok' && a.last.length === 'ok'),
    ).length;
    lines.push(
      `Retries: ${better} of ${retried.length} retried answers gained something measurable (points, STAR parts, fewer fillers or a better length).`,
    );
  }
  return lines;
}
