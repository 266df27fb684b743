/**
 * The one import rule (docs/ARCHITECTURE.md): imports only point down.
 *   composition root (src/app)            nothing imports it
 *   commands/<name>.ts                     its feature and the base
 *   src/features/<name>                    the base only; never another feature
 *   src/adapters/<platform>                the base and src/adapters/shared only
 *   base: src/core, src/store, src/content, src/config.ts, src/log.ts   nothing above it
 * `npm test` runs this; test/architecture.test.ts proves it catches a planted violation.
 */
const BASE = '^src/(core|store|content)/|^src/(config|log)\\.ts$';
module.exports = {
  forbidden: [
    { name: 'no-cycles', severity: 'error', comment: 'Import cycles make load order fragile.', from: {}, to: { circular: true } },
    {
      name: 'base-imports-only-base',
      severity: 'error',
      comment: 'core, store, content, config and log import nothing above them; values are handed down at run time.',
      from: { path: BASE },
      to: { path: '^(src/(app|features|adapters)/|commands/)' },
    },
    {
      name: 'feature-imports-only-base',
      severity: 'error',
      comment: 'A feature imports the base and its own folder: never another feature, an adapter, a command or the root.',
      from: { path: '^src/features/([^/]+)/' },
      to: { path: '^(src/(app|adapters)/|commands/|src/features/)', pathNot: '^src/features/$1/' },
    },
    {
      name: 'command-imports-feature-and-base',
      severity: 'error',
      comment: 'A command file is options and wiring: features and the base, never an adapter, the root or another command.',
      from: { path: '^commands/' },
      to: { path: '^(src/(app|adapters)/|commands/)' },
    },
    {
      name: 'adapter-imports-base-and-shared',
      severity: 'error',
      comment: 'An adapter translates: the base and adapters/shared, never a feature, a command, the root or another platform.',
      from: { path: '^src/adapters/([^/]+)/' },
      to: { path: '^(src/(app|features)/|commands/|src/adapters/)', pathNot: '^src/adapters/($1|shared)/' },
    },
    {
      name: 'nothing-imports-the-root',
      severity: 'error',
      comment: 'The composition root hands values down; nothing below imports it.',
      from: { path: '^(src/(core|store|content|features|adapters)/|commands/|src/(config|log)\\.ts$)' },
      to: { path: '^src/app/' },
    },
    {
      name: 'platform-sdk-in-its-adapter',
      severity: 'error',
      comment: 'Only src/adapters/discord imports discord.js; only src/adapters/slack imports @slack/*.',
      from: { pathNot: '^src/adapters/discord/' },
      to: { path: 'node_modules/(discord\\.js|@discordjs)/', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'metrics-library-behind-core',
      severity: 'error',
      comment: 'Only src/core/prometheus.ts imports prom-client: everything else reports through src/core/metrics.ts.',
      from: { pathNot: '^src/core/prometheus\\.ts$' },
      to: { path: '(^|node_modules/)prom-client(/|$)' },
    },
    {
      name: 'slack-sdk-in-its-adapter',
      severity: 'error',
      comment: 'Only src/adapters/slack imports @slack/*.',
      from: { pathNot: '^src/adapters/slack/' },
      to: { path: 'node_modules/@slack/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(dist|node_modules)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.js'] },
  },
};
