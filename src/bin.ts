#!/usr/bin/env node
import { main } from './cli/cli.js';

// A reader that goes away (`| head`) must not turn progress output into a crash.
process.stderr.on('error', () => {});
process.stdout.on('error', () => {});

process.exitCode = await main(process.argv);
