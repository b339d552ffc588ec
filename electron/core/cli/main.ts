/**
 * The `loupe` command line: pack work for leads who script their pipelines, on the same core as
 * the desktop app. Exit codes: 0 ok, 1 invalid input, 2 usage error.
 */
import { Command, CommanderError } from 'commander';
import { exportData, importPack, packCreate, packInspect, packValidate } from './commands';
import { EXIT_OK, EXIT_USAGE, makeOutput, reportFailure } from './output';

export async function runCli(argv: string[]): Promise<number> {
  let json = false;
  let pending: Promise<void> | null = null;
  const program = new Command()
    .name('loupe')
    .description('Loupe: build, check and import labeling packs, and export what comes back.')
    .option('--json', 'machine-readable output on stdout')
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) })
    .showHelpAfterError('(run "loupe --help" for usage)');
  const run = (fn: () => Promise<void>) => {
    pending = fn();
  };
  const output = () => makeOutput(json);
  program.hook('preAction', (cmd) => {
    json = Boolean(cmd.optsWithGlobals().json);
  });

  const pack = program.command('pack').description('create, validate and inspect packs');
  pack
    .command('create')
    .description('create a task pack from a .jsonl, a .csv, or a folder of images or text files')
    .requiredOption('--from <source>', 'FILE.jsonl, FILE.csv or DIR')
    .requiredOption('--config <file>', 'label config JSON (see docs/pack-format.md)')
    .requiredOption('--out <pack>', 'the pack file to write (.loupe)')
    .option('--name <name>', 'pack name shown to annotators')
    .option('--id <id>', 'pack id (default: derived from the content)')
    .option('--author <name>', 'author name')
    .option('--guidelines <file>', 'guidelines in markdown')
    .option('--description <text>', 'a sentence shown where packs are listed')
    .option('--created <iso>', 'creation time to record (default: now); fix it for byte-identical rebuilds')
    .action((opts) => run(() => packCreate(opts, output())));
  pack.command('validate <pack>').description('check a pack (file or folder) without importing it').action((path: string) => run(() => packValidate(path, output())));
  pack.command('inspect <pack>').description('show what a pack holds').action((path: string) => run(() => packInspect(path, output())));

  program
    .command('import <pack>')
    .description('import a task or results pack into a database (the same pack twice changes nothing)')
    .requiredOption('--db <file>', 'SQLite database (created if missing)')
    .action((path: string, opts: { db: string }) => run(() => importPack(path, opts.db, output())));

  program
    .command('export')
    .description('export a task pack with its answers: a JSONL dataset, one annotator\'s results pack, or an AI-evaluation dataset')
    .requiredOption('--db <file>', 'SQLite database')
    .requiredOption('--pack-id <id>', 'the task pack to export')
    .option(
      '--format <format>',
      'jsonl (every task with every annotator\'s latest answer), results (a .loupe results pack), ' +
        'preference-pairs (chosen/rejected JSONL for reward/DPO training), rubric-csv or rubric-jsonl (one row per rubric answer), ' +
        'rewrites (original and corrected responses, JSONL)',
      'jsonl',
    )
    .option('--annotator <id>', 'results: whose answers (default: the local profile)')
    .requiredOption('--out <file>', 'output file')
    .action((opts: { db: string; packId: string; format: string; out: string; annotator?: string }) => run(() => exportData(opts, output())));

  try {
    await program.parseAsync(argv, { from: 'user' });
    if (pending) await pending;
    return EXIT_OK;
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.exitCode === 0 ? EXIT_OK : EXIT_USAGE;
    }
    return reportFailure(error, json);
  }
}
