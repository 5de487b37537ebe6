// The `heard` command: dispatches to check, rules, explain and lsp. `run()` is what bin/heard.js
// calls; `main()` takes its input and output as arguments so tests can run it in-process.
import { ConfigError } from '../node/config';
import { parseCheckArgs, parseReportArgs, parseRulesArgs } from './args';
import { checkCommand } from './check';
import { CHECK_HELP, EXPLAIN_HELP, LSP_HELP, MAIN_HELP, REPORT_HELP, RULES_HELP } from './help';
import { colorsFor, processIo, UsageError, type CliIo } from './io';
import { relaunchWithHeapCap, wantsHeapCap } from './heapCap';
import { checkJsonlCommand } from './jsonlInput';
import { heardVersion } from './packageInfo';
import { explainCommand, rulesCommand } from './rules';

const COMMANDS = ['check', 'report', 'rules', 'explain', 'lsp'];

async function dispatch(argv: string[], io: CliIo): Promise<number> {
  const [command, ...rest] = argv;
  if (command === '--version' || command === '-v') {
    io.stdout.write(`${heardVersion()}\n`);
    return 0;
  }
  if (command === '--help' || command === '-h' || command === 'help') {
    io.stdout.write(MAIN_HELP);
    return 0;
  }
  if (command === undefined) {
    io.stderr.write(MAIN_HELP);
    return 2;
  }
  switch (command) {
    case 'check': {
      const args = parseCheckArgs(rest);
      if (args.help) return help(io, CHECK_HELP);
      if (args.input === 'jsonl') return checkJsonlCommand(args, io);
      return checkCommand(args, io);
    }
    case 'report': {
      const args = parseReportArgs(rest);
      if (args.help) return help(io, REPORT_HELP);
      // Loaded only here: the report's charting libraries are not needed by other commands.
      const report = require('../report/command') as typeof import('../report/command');
      return report.reportCommand(args, io);
    }
    case 'rules':
    case 'explain': {
      const args = parseRulesArgs(rest, command);
      if (args.help) return help(io, command === 'rules' ? RULES_HELP : EXPLAIN_HELP);
      const colors = colorsFor(io.stdout, io.env);
      io.stdout.write(command === 'rules' ? rulesCommand(args, io.cwd, colors) : explainCommand(args, io.cwd, colors));
      return 0;
    }
    case 'lsp': {
      if (rest.some((a) => a === '--help' || a === '-h')) return help(io, LSP_HELP);
      // Without a transport the language server library throws; say how to start it instead.
      if (!rest.some(isTransportArgument)) throw new UsageError(`heard lsp needs a transport: run it as 'heard lsp --stdio' (editors start it this way; see heard lsp --help)`);
      // Loaded only here, so `heard check` never loads the language server.
      const lsp = require('../lsp/main') as { runLanguageServer(): void };
      lsp.runLanguageServer();
      return 0;
    }
    default:
      throw new UsageError(`unknown command '${command}' (commands: ${COMMANDS.join(', ')}; see heard --help)`);
  }
}

/** The transports vscode-languageserver reads from the command line. */
function isTransportArgument(arg: string): boolean {
  return arg === '--stdio' || arg === '--node-ipc' || /^--(socket|pipe)=./.test(arg);
}

function help(io: CliIo, text: string): number {
  io.stdout.write(text);
  return 0;
}

/** Runs the CLI and returns its exit code; usage, config and input errors print one line and give 2. */
export async function main(argv: string[], io: CliIo): Promise<number> {
  try {
    return await dispatch(argv, io);
  } catch (e) {
    if (e instanceof UsageError || e instanceof ConfigError) {
      // A config file with several problems gives one line for each.
      io.stderr.write(e.message.split('\n').map((line) => `heard: ${line}\n`).join(''));
      return 2;
    }
    io.stderr.write(`heard: internal error, please report it: ${(e as Error).stack ?? String(e)}\n`);
    return 2;
  }
}

/** Entry point for bin/heard.js. The language server keeps the process alive on its own. */
export function run(): void {
  // A reader that stops early (`heard check | head`) is not an error.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw e;
  });
  const argv = process.argv.slice(2);
  // Records at scale run in a child with a capped heap (heapCap.ts).
  const run = wantsHeapCap(argv, process.env, process.execArgv) ? relaunchWithHeapCap(process.argv[1], argv) : main(argv, processIo());
  run.then((code) => {
    process.exitCode = code;
  });
}
