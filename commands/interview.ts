import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { repliesToJson } from '../src/adapters/terminal/one-shot.js';
import { plainStyle, renderReply } from '../src/adapters/terminal/render.js';
import { actionId } from '../src/core/action-id.js';
import { asList, type Ctx, defineCommand, type ScriptIO, subcommand } from '../src/core/command.js';
import { textToOptions, usageOf, validateOptions } from '../src/core/parse-text.js';
import { notice, reply } from '../src/core/reply.js';
import type { Block, Reply } from '../src/core/types.js';
import { analyzeAnswer } from '../src/features/interview/analyze.js';
import { pickQuestions, resolveQuestion } from '../src/features/interview/bank.js';
import { CATEGORIES, getInterviewContent } from '../src/features/interview/content.js';
import { type DrillControl, type DrillInput, newDrill, stepDrill } from '../src/features/interview/drill.js';
import { CATEGORY_LABEL, COMMAND, renderDrillView } from '../src/features/interview/drill-view.js';
import { FEEDBACK_USAGE, parseFeedbackArgs } from '../src/features/interview/feedback-args.js';
import { renderAnalysis } from '../src/features/interview/feedback-render.js';
import { renderAsk, renderPlan } from '../src/features/interview/prep-render.js';
import {
  DRILL_TTL_DAYS,
  type DrillState,
  drillRecord,
  MAX_DRILL_QUESTIONS,
  nonceSchema,
  type StoryState,
  storyRecord,
} from '../src/features/interview/records.js';
import { buildStory, renderStory } from '../src/features/interview/story.js';
import { STORY_FIELDS, step1Schema, step2Schema, storyForm, tableForm } from '../src/features/interview/story-form.js';
import { countWords } from '../src/features/interview/text.js';

const MAX_ANSWER_CHARS = 6000;
const DEFAULT_COUNT = 5;
const categoryChoice = z.enum([...CATEGORIES, 'mixed']);
type CategoryChoice = z.infer<typeof categoryChoice>;

const ownerOf = (ctx: Ctx) => ({ platform: ctx.platform, user: ctx.user.id });
const direct = (markdown: string, extra: Block[] = []): Reply => reply([{ type: 'text', markdown }, ...extra], 'direct');
const newNonce = () => randomBytes(4).toString('hex');

function answerProblem(text: string): string | undefined {
  const trimmed = text.trim();
  if (!trimmed) return 'Your answer is empty: type it as one message.';
  if (trimmed.length > MAX_ANSWER_CHARS) {
    return `Your answer is too long to analyse: at most ${MAX_ANSWER_CHARS.toLocaleString('en-US')} characters (about 1,000 words), and this one has ${trimmed.length.toLocaleString('en-US')}. A two-minute answer is about 300 words. Your drill is unchanged: send a shorter answer.`;
  }
  return undefined;
}

// ------------------------------------------------------------------ drill

function inProgress(state: DrillState, category: CategoryChoice, count: number, owner: string): Reply {
  return direct(
    `You already have a drill in progress (${CATEGORY_LABEL[state.category]}), at question ${state.index + 1} of ${state.questionIds.length}. Continue it, or start a new one (the current one is then deleted).`,
    [
      {
        type: 'buttons',
        buttons: [
          { id: actionId(COMMAND, owner, 'c', state.nonce), label: 'Continue', style: 'primary' },
          { id: actionId(COMMAND, owner, 'r', state.nonce, category, String(count)), label: 'Start a new one' },
        ],
      },
    ],
  );
}

async function startDrill(ctx: Ctx, category: CategoryChoice, count: number, replacing?: string): Promise<Reply[]> {
  const content = await getInterviewContent(ctx.config.contentDir);
  const owner = ownerOf(ctx);
  const existing = await ctx.store.load(drillRecord, owner);
  if (existing.status === 'found' && existing.value.nonce !== replacing)
    return [inProgress(existing.value, category, count, ctx.user.id)];
  const picked = pickQuestions(content, category, count);
  const { state, views } = newDrill({ nonce: newNonce(), category, questionIds: picked.map((q) => q.id), now: ctx.now() });
  await ctx.store.save(drillRecord, owner, state);
  ctx.log.info({ command: COMMAND, event: 'drill-start', category, questions: picked.length }, 'interview drill started');
  // Every drill turn is `direct`: the adapters deliver it in a DM, point to it from a channel, and
  // explain how to open DMs when they are closed.
  const out: Reply[] = [];
  const lead = [
    existing.status === 'reset' ? 'Your previous drill could not be restored after an update, so I started a fresh one.' : '',
    picked.length < count
      ? `There are ${picked.length} ${CATEGORY_LABEL[category].toLowerCase()} questions, so this drill has ${picked.length}.`
      : '',
    `**Mock interview: ${picked.length} ${CATEGORY_LABEL[category].toLowerCase()} question${picked.length === 1 ? '' : 's'}.** After each answer you get feedback, then Retry, Next or Stop. Your answers are analysed and not kept; \`/interview stop\` ends the drill any time.`,
  ].filter(Boolean);
  out.push(direct(lead.join('\n')));
  out.push(...views.map((v) => renderDrillView(v, { owner: ctx.user.id, content, state })));
  return out;
}

/** Loads the drill, applies one input, saves or deletes it, and renders what the member sees. */
async function advanceDrill(ctx: Ctx, state: DrillState, input: DrillInput): Promise<Reply[]> {
  const content = await getInterviewContent(ctx.config.contentDir);
  const result = stepDrill(state, input);
  if (result.state) await ctx.store.save(drillRecord, ownerOf(ctx), result.state);
  else await ctx.store.remove(drillRecord, ownerOf(ctx));
  if (!result.state)
    ctx.log.info({ command: COMMAND, event: 'drill-end', questions: state.questionIds.length }, 'interview drill ended');
  return result.views.map((v) => renderDrillView(v, { owner: ctx.user.id, content, state: result.state }));
}

const ENDED =
  'That drill has ended (finished, stopped, or expired after 30 days), so this button no longer works. Start a new one with `/interview start`.';
const REPLACED = 'That button belongs to an earlier drill that has since been replaced, so I left your current drill as it is.';
const RESET =
  'Your interview drill could not be restored after an update, so I ended it. Start a new one with `/interview start`.';

async function onDrillButton(ctx: Ctx, nonce: string, act: DrillControl, at?: { index: number; tries: number }) {
  const loaded = await ctx.store.load(drillRecord, ownerOf(ctx));
  if (loaded.status === 'reset') return direct(RESET);
  if (loaded.status === 'missing') return direct(ENDED);
  if (loaded.value.nonce !== nonce) return direct(REPLACED);
  return advanceDrill(ctx, loaded.value, { type: 'control', act, at });
}

const TYPED_CONTROL: Record<string, DrillControl> = {
  next: 'next',
  skip: 'skip',
  stop: 'stop',
  retry: 'retry',
  end: 'stop',
  quit: 'stop',
};

async function onDrillMessage(text: string, ctx: Ctx): Promise<Reply[] | null> {
  if (!ctx.conversation.isDirect) return null;
  const loaded = await ctx.store.load(drillRecord, ownerOf(ctx));
  if (loaded.status === 'missing') return null;
  if (loaded.status === 'reset') return [direct(RESET)];
  const state = loaded.value;
  const typed = TYPED_CONTROL[text.trim().toLowerCase().replace(/[.!]$/, '')];
  if (typed) return advanceDrill(ctx, state, { type: 'control', act: typed });
  if (state.phase === 'reviewing' && countWords(text) < 5) return advanceDrill(ctx, state, { type: 'chatter' });
  const problem = answerProblem(text);
  if (problem) return [direct(problem)];
  const content = await getInterviewContent(ctx.config.contentDir);
  const question = content.byId.get(state.questionIds[state.index] ?? '');
  if (!question) {
    await ctx.store.remove(drillRecord, ownerOf(ctx));
    return [
      direct('This drill uses a question that is no longer in the bank, so I ended it. Start a new one with `/interview start`.'),
    ];
  }
  const analysis = analyzeAnswer(text, question);
  // Counts only: the answer itself never reaches the log.
  ctx.log.info(
    { command: COMMAND, event: 'answer', index: state.index, words: analysis.words, length: analysis.length },
    'interview answer',
  );
  return advanceDrill(ctx, state, { type: 'answer', analysis });
}

// ------------------------------------------------------------------ story

const problemsOf = (error: z.ZodError) => [...new Set(error.issues.map((i) => i.message))].join('\n');

async function showStory(ctx: Ctx, story: StoryState): Promise<Reply> {
  const content = await getInterviewContent(ctx.config.contentDir);
  return reply(
    [
      { type: 'text', markdown: renderStory(buildStory(story, content.story)) },
      {
        type: 'text',
        markdown: `_I keep what you typed for ${DRILL_TTL_DAYS} days so \`/interview story\` can bring it back for editing; \`/forget\` deletes it now._`,
      },
    ],
    'private',
  );
}

async function onStorySubmit(ctx: Ctx, step: '1' | '2', fields: Record<string, string>): Promise<Reply[]> {
  const owner = ownerOf(ctx);
  const saved = await ctx.store.get(storyRecord, owner);
  if (step === '1') {
    const parsed = step1Schema.safeParse(fields);
    if (!parsed.success)
      return [notice(`${problemsOf(parsed.error)}\nNothing was lost: here is the form again.`), storyForm(ctx.user.id, fields)];
    const story: StoryState = {
      ...(parsed.data as Omit<StoryState, 'table' | 'updatedAt'>),
      table: saved?.table ?? [],
      updatedAt: ctx.now().toISOString(),
    };
    await ctx.store.save(storyRecord, owner, story);
    ctx.log.info({ command: COMMAND, event: 'story-saved', step: 1 }, 'interview story saved');
    return [
      reply(
        [
          {
            type: 'text',
            markdown:
              'Saved step 1 of 2. Add one or two experiences for the experience → challenge → skill table, or build your story now.',
          },
          {
            type: 'buttons',
            buttons: [
              { id: actionId(COMMAND, ctx.user.id, 's', 'table'), label: 'Add experiences', style: 'primary' },
              { id: actionId(COMMAND, ctx.user.id, 's', 'build'), label: 'Build my story now' },
            ],
          },
        ],
        'private',
      ),
    ];
  }
  if (!saved)
    return [notice('I no longer have step 1 of your story (it may have expired). Start again with `/interview story`.')];
  const parsed = step2Schema.safeParse(fields);
  if (!parsed.success)
    return [notice(`${problemsOf(parsed.error)}\nNothing was lost: here is the form again.`), tableForm(ctx.user.id, fields)];
  const v = parsed.data as Record<string, string>;
  const table = [
    { experience: v.exp1 ?? '', challenge: v.chal1 ?? '' },
    { experience: v.exp2 ?? '', challenge: v.chal2 ?? '' },
  ].filter((r) => r.experience && r.challenge);
  const story: StoryState = { ...saved, table, updatedAt: ctx.now().toISOString() };
  await ctx.store.save(storyRecord, owner, story);
  ctx.log.info({ command: COMMAND, event: 'story-saved', step: 2, rows: table.length }, 'interview story saved');
  return [await showStory(ctx, story)];
}

// ------------------------------------------------------------------ buttons and forms

const step = z.coerce.number().int().min(0).max(MAX_DRILL_QUESTIONS);
const count = z.coerce.number().int().min(1).max(MAX_DRILL_QUESTIONS);
const actionPayload = z.union([
  z.tuple([z.literal('d'), nonceSchema, step, step, z.enum(['retry', 'next', 'skip', 'stop'])]),
  z.tuple([z.literal('c'), nonceSchema]),
  z.tuple([z.literal('r'), nonceSchema, categoryChoice, count]),
  z.tuple([z.literal('n'), categoryChoice, count]),
  z.tuple([z.literal('s'), z.enum(['table', 'build'])]),
]);
const submitPayload = z.tuple([z.literal('story'), z.enum(['1', '2'])]);
const BAD_BUTTON = 'That button did not carry what I expected, so nothing changed. Type `/interview start` to begin again.';

// ------------------------------------------------------------------ scripted use

async function feedbackScript(args: string[], io: ScriptIO, ctx: Ctx): Promise<number> {
  const parsed = parseFeedbackArgs(args);
  if ('error' in parsed) {
    io.stderr(`${parsed.error}\n${FEEDBACK_USAGE}`);
    return 2;
  }
  let answer: string;
  try {
    answer = parsed.file ? await io.readFile(parsed.file) : await io.readStdin();
  } catch {
    io.stderr(`Cannot read the answer file "${parsed.file}".`);
    return 2;
  }
  if (!answer.trim()) {
    io.stderr(`No answer given: pipe it on standard input or pass --file.\n${FEEDBACK_USAGE}`);
    return 2;
  }
  const problem = answerProblem(answer);
  if (problem) {
    io.stderr(problem.replace(' Your drill is unchanged: send a shorter answer.', ''));
    return 2;
  }
  const content = await getInterviewContent(ctx.config.contentDir);
  const { question, bank } = resolveQuestion(content, parsed.question);
  const analysis = analyzeAnswer(answer, question);
  const text = renderReply(
    reply([{ type: 'text', markdown: renderAnalysis(analysis, { listen: bank?.listen }) }]),
    plainStyle,
  ).text;
  if (!parsed.json) {
    io.stdout(text);
    return 0;
  }
  const { coveredIndex: _coveredIndex, tips, ...rest } = analysis;
  io.stdout(
    JSON.stringify({
      command: COMMAND,
      question: {
        id: bank?.id ?? null,
        text: bank?.text ?? question.text,
        category: bank?.category ?? null,
        matched: Boolean(bank),
      },
      ...rest,
      tips,
      nextStep: tips[0],
      text,
    }),
  );
  return 0;
}

// ------------------------------------------------------------------ the command

const subcommands = [
  subcommand({
    name: 'start',
    description: 'Start a mock-interview drill in a DM: one question at a time, feedback on each answer',
    examples: ['/interview start behavioral 3', '/interview start', '/interview start informatics'],
    options: z.object({
      category: categoryChoice
        .optional()
        .meta({ description: 'motivation, behavioral, informatics, img, program, or mixed (the default)' }),
      count: z
        .number()
        .int()
        .min(1)
        .max(MAX_DRILL_QUESTIONS)
        .optional()
        .meta({ description: 'How many questions, 1-10 (default 5)' }),
    }),
    run: async ({ category, count }, ctx) => startDrill(ctx, category ?? 'mixed', count ?? DEFAULT_COUNT),
  }),
  subcommand({
    name: 'stop',
    description: 'End your drill and see the summary',
    examples: ['/interview stop'],
    options: z.object({}),
    async run(_input, ctx) {
      const loaded = await ctx.store.load(drillRecord, ownerOf(ctx));
      if (loaded.status === 'reset') return direct(RESET);
      if (loaded.status === 'missing') return notice('You have no drill in progress. Start one with `/interview start`.');
      return advanceDrill(ctx, loaded.value, { type: 'control', act: 'stop' });
    },
  }),
  subcommand({
    name: 'story',
    description: 'Build your "tell me about yourself" at 30 seconds, 2 and 5 minutes',
    examples: ['/interview story'],
    options: z.object({}),
    async run(_input, ctx) {
      const saved = await ctx.store.get(storyRecord, ownerOf(ctx));
      return storyForm(ctx.user.id, saved ? Object.fromEntries(STORY_FIELDS.map((f) => [f.id, saved[f.id]])) : {});
    },
  }),
  subcommand({
    name: 'ask',
    description: 'Questions to ask the program, by who is across the table',
    examples: ['/interview ask fellows', '/interview ask'],
    options: z.object({
      role: z
        .enum(['director', 'faculty', 'fellows', 'all'])
        .optional()
        .meta({ description: 'director, faculty, fellows or all (default)' }),
    }),
    async run({ role }, ctx) {
      const content = await getInterviewContent(ctx.config.contentDir);
      return renderAsk(content.ask, role ?? 'all');
    },
  }),
  subcommand({
    name: 'plan',
    description: 'The 2-3 week pre-interview study plan and the last-48-hours checklist',
    examples: ['/interview plan 3', '/interview plan 2'],
    options: z.object({
      weeks: z.number().int().min(2).max(3).optional().meta({ description: 'Weeks until the interview: 2 or 3 (default 3)' }),
    }),
    async run({ weeks }, ctx) {
      const content = await getInterviewContent(ctx.config.contentDir);
      return renderPlan(content.plan, weeks === 2 ? 2 : 3);
    },
  }),
];

/** `img-advisor interview <sub> ...` for everything but `feedback`: one run, printed. */
async function runOnce(name: string | undefined, args: string[], io: ScriptIO, ctx: Ctx): Promise<number> {
  const json = args.includes('--json');
  const rest = args.filter((a) => a !== '--json');
  const sub = subcommands.find((s) => s.name === name);
  if (!sub) {
    io.stderr(
      `Usage: img-advisor interview <${[...subcommands.map((s) => s.name), 'feedback'].join('|')}> ...\n${FEEDBACK_USAGE}`,
    );
    return 2;
  }
  const valid = validateOptions(sub.options, textToOptions(sub.options, rest.join(' ')));
  if (!valid.ok) {
    io.stderr([...valid.problems, `Usage: ${usageOf(`img-advisor interview ${sub.name}`, sub.options)}`].join('\n'));
    return 2;
  }
  const replies = asList(await sub.run(valid.value, ctx));
  if (json) io.stdout(JSON.stringify({ ok: true, ...repliesToJson(COMMAND, replies) }));
  else io.stdout(replies.map((r) => renderReply(r, plainStyle).text).join('\n\n'));
  return 0;
}

export default defineCommand({
  name: COMMAND,
  description: 'Mock-interview drills in DMs with feedback on every answer, plus story, questions and plan',
  personal: true,
  async mine(ctx) {
    const drill = await ctx.store.get(drillRecord, { platform: ctx.platform, user: ctx.user.id });
    return drill ? [`Drill in progress: ${drill.category}, question ${drill.index + 1} of ${drill.questionIds.length}`] : [];
  },
  subcommands,
  async onAction(payload, _values, ctx) {
    const parsed = actionPayload.safeParse(payload);
    if (!parsed.success) return notice(BAD_BUTTON);
    const p = parsed.data;
    switch (p[0]) {
      case 'd':
        return onDrillButton(ctx, p[1], p[4], { index: p[2], tries: p[3] });
      case 'c': {
        const loaded = await ctx.store.load(drillRecord, ownerOf(ctx));
        if (loaded.status !== 'found') return direct(loaded.status === 'reset' ? RESET : ENDED);
        if (loaded.value.nonce !== p[1]) return direct(REPLACED);
        return advanceDrill(ctx, loaded.value, { type: 'resume' });
      }
      case 'r':
        return startDrill(ctx, p[2], p[3], p[1]);
      case 'n':
        return startDrill(ctx, p[1], p[2]);
      case 's': {
        const saved = await ctx.store.get(storyRecord, ownerOf(ctx));
        if (!saved)
          return notice(
            'I no longer have your story (it may have expired or been deleted). Start again with `/interview story`.',
          );
        if (p[1] === 'build') return showStory(ctx, saved);
        const values = Object.fromEntries(
          saved.table.flatMap((r, i) => [
            [`exp${i + 1}`, r.experience],
            [`chal${i + 1}`, r.challenge],
          ]),
        );
        return tableForm(ctx.user.id, values);
      }
    }
  },
  async onSubmit(payload, fields, ctx) {
    const parsed = submitPayload.safeParse(payload);
    if (!parsed.success) return notice('That form is from an older version of this bot. Run `/interview story` again.');
    return onStorySubmit(ctx, parsed.data[1], fields);
  },
  onMessage: onDrillMessage,
  async script(args, io, ctx) {
    const [name, ...rest] = args;
    if (name === 'feedback') return feedbackScript(rest, io, ctx);
    return runOnce(name, rest, io, ctx);
  },
});
