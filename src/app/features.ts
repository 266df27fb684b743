import about from '../../commands/about.js';
import advisor from '../../commands/advisor.js';
import ask from '../../commands/ask.js';
import balance from '../../commands/balance.js';
import draft from '../../commands/draft.js';
import forget from '../../commands/forget.js';
import help from '../../commands/help.js';
import interview from '../../commands/interview.js';
import proposals from '../../commands/proposals.js';
import redflags from '../../commands/redflags.js';
import report from '../../commands/report.js';
import settings from '../../commands/settings.js';
import sponsors from '../../commands/sponsors.js';
import tracker from '../../commands/tracker.js';
import visa from '../../commands/visa.js';
import { getGuide } from '../content/guide.js';
import type { CommandDefinition } from '../core/command.js';
import { commandsOf, defineFeature, type Feature, forgettersOf, recordsOf } from '../core/feature.js';
import { advisorsFeature } from '../features/advisors/feature.js';
import { answerFeature } from '../features/answer/feature.js';
import { getEngine } from '../features/answer/service.js';
import { getBalanceContent } from '../features/balance/content.js';
import { balanceFeature } from '../features/balance/feature.js';
import { draftsFeature } from '../features/drafts/feature.js';
import { getDraftLexicon } from '../features/drafts/lexicon.js';
import { getInterviewContent } from '../features/interview/content.js';
import { interviewFeature } from '../features/interview/feature.js';
import { redflagsFeature } from '../features/redflags/feature.js';
import { getRedflagContent } from '../features/redflags/items.js';
import { settingsFeature } from '../features/settings/feature.js';
import { sponsorsFeature } from '../features/sponsors/feature.js';
import { trackerFeature } from '../features/tracker/feature.js';
import type { RecordType } from '../store/record.js';
import { PLATFORM_RECORDS } from './platforms.js';

/**
 * Every feature, in the order /help and the platforms list their commands. A new feature is a
 * folder under src/features, its command files, and one line here.
 */
export const FEATURES: Feature[] = [
  // The bots also load the typo index up front, so no member's first misspelled question waits for it.
  defineFeature({
    ...answerFeature,
    commands: [ask, visa],
    warm: (dir) => Promise.all([getEngine(dir).then((e) => e.index), getGuide(dir)]),
  }),
  defineFeature({ ...redflagsFeature, commands: [redflags], warm: getRedflagContent }),
  defineFeature({ ...balanceFeature, commands: [balance], warm: getBalanceContent }),
  defineFeature({ ...trackerFeature, commands: [tracker], warm: getGuide }),
  defineFeature({ ...sponsorsFeature, commands: [sponsors] }),
  defineFeature({ ...draftsFeature, commands: [draft], warm: getDraftLexicon }),
  defineFeature({ ...interviewFeature, commands: [interview], warm: getInterviewContent }),
  defineFeature({ ...advisorsFeature, commands: [advisor, report, proposals] }),
  defineFeature({ name: 'basics', commands: [help, about, forget] }),
  defineFeature({ ...settingsFeature, commands: [settings] }),
];

/** Every command, in order: for registration, the manifest, the README and tests. */
export function registry(): CommandDefinition[] {
  return commandsOf(FEATURES);
}

/** Every record kind, the features' and the platforms': what /forget deletes. */
export function allRecords(features: Feature[] = FEATURES): RecordType<unknown>[] {
  return [...recordsOf(features), ...PLATFORM_RECORDS];
}

/** What a router needs from the features: for tests and benches that build their own router. */
export function routerParts(features: Feature[] = FEATURES) {
  return { commands: commandsOf(features), records: allRecords(features), forgetters: forgettersOf(features) };
}
