import { z } from 'zod';
import { defineCommand } from '../src/core/command.js';
import { answerAction, answerQuestion, questionOption } from '../src/features/answer/ask.js';
import { renderVisaTopics } from '../src/features/answer/render.js';
import { getEngine } from '../src/features/answer/service.js';

export default defineCommand({
  name: 'visa',
  question: true,
  description: 'Visa questions (H-1B, J-1, waivers, Step 3 timing); no question lists the topics',
  examples: ['/visa what is cap exempt', '/visa can I switch from J-1 to H-1B', '/visa'],
  options: z.object({
    question: questionOption
      .meta({ description: 'Your visa question, or leave empty to browse topics', rest: true, autocomplete: true })
      .optional(),
  }),
  async run({ question }, ctx) {
    if (!question) return renderVisaTopics((await getEngine(ctx.config.contentDir)).guide);
    return (await answerQuestion(question, ctx, { visa: true, command: 'visa' })).reply;
  },
  onAction: (payload, _values, ctx) => answerAction(payload, ctx, { visa: true, command: 'visa' }),
  async autocomplete(_option, partial, ctx) {
    const engine = await getEngine(ctx.config.contentDir);
    const topics = engine.guide.sections.filter((s) => s.area === 'immigration');
    const p = partial.trim().toLowerCase();
    const hits = p
      ? topics.filter((s) => `${s.title} ${s.keywords.join(' ')} ${s.aliases.join(' ')}`.toLowerCase().includes(p))
      : topics;
    return hits.slice(0, 25).map((s) => ({ label: s.title.slice(0, 100), value: s.title.slice(0, 100) }));
  },
});
