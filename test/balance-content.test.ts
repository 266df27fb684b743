import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FEATURES } from '../src/app/features.js';
import { loadConfig } from '../src/config.js';
import { ContentError } from '../src/content/yaml-file.js';
import { assess } from '../src/features/balance/assess.js';
import { loadBalanceContent } from '../src/features/balance/content.js';
import { resolveSpecialties } from '../src/features/balance/specialties.js';

const contentDir = loadConfig({}).contentDir;

describe('balance content', () => {
  it('loads, and links only to guide sections that exist', async () => {
    const c = await loadBalanceContent(contentDir);
    expect(c.specialties.length).toBeGreaterThanOrEqual(9);
    expect(c.dimensions.map((d) => d.id)).toEqual(['time', 'energy', 'control', 'growth', 'well-being']);
    for (const d of c.dimensions) expect(d.label.length).toBeLessThanOrEqual(45);
    expect(FEATURES.flatMap((f) => f.content).some((check) => check.load === loadBalanceContent)).toBe(true);
  });

  it('reports a broken section link with its file and field', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'img-advisor-content-'));
    cpSync(contentDir, dir, { recursive: true });
    const file = path.join(dir, 'balance', 'strategies.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('section: balance-peer-network', 'section: no-such-section'));
    const err = await loadBalanceContent(dir).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ContentError);
    expect((err as ContentError).problems).toContainEqual({
      file: 'balance/strategies.yaml',
      field: 'peer-network.sections',
      message: 'no guide section has the id "no-such-section"',
    });
  });
});

describe('specialty names', () => {
  it('reads abbreviations, multi-word names and commas, and reports what it does not know', async () => {
    const { specialties } = await loadBalanceContent(contentDir);
    const ids = (t: string) => resolveSpecialties(t, specialties).found.map((s) => s.id);
    expect(ids('IM FM peds EM psych path')).toEqual([
      'internal-medicine',
      'family-medicine',
      'pediatrics',
      'emergency-medicine',
      'psychiatry',
      'pathology',
    ]);
    expect(ids('internal medicine emergency medicine')).toEqual(['internal-medicine', 'emergency-medicine']);
    expect(ids('Peds., peds, pediatrics')).toEqual(['pediatrics']);
    expect(resolveSpecialties('IM surgery', specialties).unknown).toEqual(['surgery']);
  });
});

describe('weakest dimensions', () => {
  it('are the lowest ones plus anything at 2 or below', () => {
    expect(assess({ time: 1, energy: 2, control: 3, growth: 4, 'well-being': 5 }).weakest).toEqual(['time', 'energy']);
    expect(assess({ time: 3, energy: 3, control: 4, growth: 5, 'well-being': 3 }).weakest).toEqual([
      'time',
      'energy',
      'well-being',
    ]);
    const healthy = assess({ time: 5, energy: 4, control: 5, growth: 5, 'well-being': 5 });
    expect(healthy).toMatchObject({ healthy: true, weakest: ['energy'] });
  });
});
