#!/usr/bin/env node
import { runCli } from './entry.js';
import { main } from './main.js';

runCli(() => main(process.argv.slice(2)));
