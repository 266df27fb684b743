import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { getGuide } from '../src/content/guide.js';
import { defineCommand } from '../src/core/command.js';
import { reply } from '../src/core/reply.js';
import { listProposals, proposalFiles } from '../src/features/advisors/proposals.js';

/**
 * `npx img-advisor proposals [--out DIR]`: advisors' answers saved as proposed guide additions,
 * written as guide YAML (one file per source guide) for review; `content-check --proposals DIR`
 * validates them before they are moved into content/guide/.
 */
export default defineCommand({
  name: 'proposals',
  description: 'Write the advisors’ proposed guide additions as guide YAML for review',
  surfaces: ['script'],
  examples: ['img-advisor proposals --out proposals'],
  options: z.object({
    out: z.string().trim().min(1).max(500).optional().meta({ description: 'Folder to write to (default: proposals)' }),
  }),
  async run({ out }, ctx) {
    const proposals = await listProposals(ctx.store);
    if (!proposals.length) return reply([{ type: 'text', markdown: 'No proposals yet.' }], 'private', { data: { files: [] } });
    const guide = await getGuide(ctx.config.contentDir);
    const visa = guide.sources.find((s) => s.visa)?.id ?? guide.sources[0]?.id ?? 'guide';
    const other = guide.sources.find((s) => !s.visa)?.id ?? visa;
    const files = proposalFiles(proposals, { visaSource: visa, otherSource: other, existingIds: new Set(guide.byId.keys()) });
    const dir = path.resolve(out ?? 'proposals');
    await mkdir(dir, { recursive: true });
    for (const f of files) await writeFile(path.join(dir, f.file), f.text);
    const written = files.map((f) => path.join(dir, f.file));
    return reply(
      [
        {
          type: 'text',
          markdown: `Wrote ${proposals.length} proposal${proposals.length === 1 ? '' : 's'} to:\n${written.map((w) => `- ${w}`).join('\n')}\nCheck them with \`npx img-advisor content-check --proposals ${dir}\`.`,
        },
      ],
      'private',
      { data: { files: written, count: proposals.length } },
    );
  },
});
