/** `npm run discord:register [-- --print]`: the commands of every feature, registered on Discord. */
import { runRegister } from '../../adapters/discord/register.js';
import { registry } from '../features.js';

runRegister(registry(), process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`discord:register: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  },
);
