import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { ENV_DOCS, PACKAGE_ROOT } from '../../config.js';
import type { CommandDefinition, ScriptIO } from '../../core/command.js';
import { commandUsages } from '../../core/usage.js';

/**
 * The README's command and environment tables are written from the command definitions and the
 * config schema, so they cannot drift: `npm run docs` rewrites them, `--check` fails when stale.
 */
const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

export function commandTable(commands: CommandDefinition[]): string {
  const rows = commandUsages(commands).map(
    (u) => `| \`${cell(u.usage)}\` | ${cell(u.description)} | ${u.example ? `\`${cell(u.example)}\`` : ''} |`,
  );
  return ['| Command | What it does | Example |', '| --- | --- | --- |', ...rows].join('\n');
}

export function envTable(): string {
  const rows = Object.entries(ENV_DOCS).map(([name, d]) => `| \`${name}\` | ${d.group} | ${cell(d.doc)} |`);
  return ['| Variable | For | Meaning |', '| --- | --- | --- |', ...rows].join('\n');
}

export function envExample(): string {
  const lines = [
    '# img-advisor settings. Copy this file to .env and uncomment what you need (or export the variables).',
    '# Every one is optional: with no platform token, `npm start` opens the terminal chat.',
  ];
  let group = '';
  for (const [name, d] of Object.entries(ENV_DOCS)) {
    if (d.group !== group) {
      group = d.group;
      lines.push('', `# --- ${group} ---`);
    }
    lines.push(`# ${d.doc}`, `# ${name}=${d.example ?? ''}`);
  }
  return `${lines.join('\n')}\n`;
}

function replaceBetween(text: string, marker: string, body: string): string {
  const start = `<!-- ${marker}:start -->`;
  const end = `<!-- ${marker}:end -->`;
  const a = text.indexOf(start);
  const b = text.indexOf(end);
  if (a < 0 || b < a) throw new Error(`README.md has no ${start} ... ${end} markers`);
  return `${text.slice(0, a + start.length)}\n${body}\n${text.slice(b)}`;
}

export async function runDocs(commands: CommandDefinition[], io: ScriptIO, args: string[]): Promise<number> {
  const readmePath = path.join(PACKAGE_ROOT, 'README.md');
  const envPath = path.join(PACKAGE_ROOT, '.env.example');
  const readme = await readFile(readmePath, 'utf8');
  const nextReadme = replaceBetween(replaceBetween(readme, 'commands', commandTable(commands)), 'env', envTable());
  const nextEnv = envExample();
  const currentEnv = await readFile(envPath, 'utf8').catch(() => '');
  if (args.includes('--check')) {
    const stale = [nextReadme !== readme && 'README.md', nextEnv !== currentEnv && '.env.example'].filter(Boolean);
    if (stale.length) {
      io.stderr(`${stale.join(' and ')} out of date: run \`npm run docs\`.`);
      return 1;
    }
    io.stdout('Docs are up to date.');
    return 0;
  }
  await writeFile(readmePath, nextReadme);
  await writeFile(envPath, nextEnv);
  io.stdout('Wrote the command and environment tables in README.md, and .env.example.');
  return 0;
}
