/** `npm run slack:manifest [-- --stdout] [--url https://host]`: writes slack-manifest.json. */
import { runManifestCli } from '../../adapters/slack/manifest.js';
import { registry } from '../features.js';

process.exitCode = runManifestCli(registry(), process.argv.slice(2), {
  stdout: (t) => process.stdout.write(t),
  stderr: (t) => process.stderr.write(t.endsWith('\n') ? t : `${t}\n`),
});
