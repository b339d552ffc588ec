/**
 * The `loupe` command line: pack work for leads who script their pipelines, on the same core as
 * the desktop app. Exit codes: 0 ok, 1 invalid input, 2 usage error.
 */
import { Command, CommanderError } from 'commander';
import { exportData, importPack, packCreate, packInspect, packValidate } from './commands';
import { reviewAcceptance, reviewFeedback, reviewFixes, reviewImport, reviewSample } from './reviewCommands';
import { agreementCommand, exportProjectCommand, goldCommand, importIntoProject, projectCreate, projectList, projectStatusCommand, splitCommand } from './projectCommands';
import { EXIT_OK, EXIT_USAGE, makeOutput, reportFailure, UsageError } from './output';

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
    .command('import <packs...>')
    .description('import task or results packs into a database (the same pack twice changes nothing); with --project, results packs of that project only')
    .requiredOption('--db <file>', 'SQLite database (created if missing)')
    .option('--project <id>', 'check that each results pack answers a pack of this project')
    .action((paths: string[], opts: { db: string; project?: string }) =>
      run(async () => {
        if (opts.project) return importIntoProject(paths, { db: opts.db, project: opts.project }, output());
        for (const path of paths) await importPack(path, opts.db, output());
      }),
    );

  const project = program.command('project').description('lead projects: create from data or another tool\'s export, list, status');
  project
    .command('create')
    .description('create a project from JSONL/CSV/a folder (with --config) or a Label Studio, COCO, YOLO, VOC, labelme, CoNLL, doccano or Prodigy export')
    .requiredOption('--db <file>', 'the lead\'s SQLite database (created if missing)')
    .requiredOption('--name <name>', 'project name')
    .requiredOption('--from <source>', 'the file or folder to read')
    .option('--format <format>', 'loupe, label-studio, coco, yolo, voc, conll, doccano, prodigy, preference, labelme', 'loupe')
    .option('--config <file>', 'label config JSON (needed for the loupe format)')
    .option('--guidelines <file>', 'guidelines in markdown')
    .option('--annotations <use>', 'what annotations in the source become: predictions, gold, answers (each person\'s answers, skips included, as theirs) or ignore', 'predictions')
    .option('--images <dir>', 'where a Label Studio, COCO, VOC or labelme export\'s images are')
    .option('--ls-config <file>', 'the Label Studio labeling config (XML)')
    .option('--lead <name>', 'your name, recorded as the packs\' author (first use only)')
    .option('--per <unit>', 'CoNLL: one task per sentence (default) or per document')
    .action((opts) => run(() => projectCreate(opts, output())));
  project.command('list').description('the projects in a database').requiredOption('--db <file>', 'SQLite database').action((opts: { db: string }) => run(() => projectList(opts.db, output())));
  project
    .command('status')
    .description('progress per pack and annotator, time per task, flags and skips')
    .requiredOption('--db <file>', 'SQLite database')
    .requiredOption('--project <id>', 'project id')
    .action((opts: { db: string; project: string }) => run(() => projectStatusCommand(opts, output())));

  program
    .command('split')
    .description('split a project into one pack per annotator, with overlap and gold, deterministically for a seed')
    .requiredOption('--db <file>', 'SQLite database')
    .requiredOption('--project <id>', 'project id')
    .requiredOption('--annotators <names>', 'comma-separated annotator names')
    .option('--overlap <share>', 'share of tasks answered by k annotators (0-1)', '0')
    .option('--k <n>', 'annotators per overlapped task', '2')
    .option('--gold-rate <share>', 'share of each pack that is gold (0-1)', '0')
    .option('--seed <seed>', 'the same seed gives the same packs', '1')
    .option('--out <dir>', 'folder for the packs')
    .option('--dry-run', 'show who would get what, write nothing')
    .option('--pay <terms>', 'what the work pays, e.g. "0.12 USD per task" or "15 EUR per hour" (shown in annotators\' dashboards)')
    .action((opts) => run(() => splitCommand(opts, output())));

  const review = program.command('review').description('QA review: sample answers into a review pack, bring verdicts back, acceptance, fixes, feedback');
  review
    .command('sample')
    .description('a review sample: a random share (stratified) plus targeted picks; --dry-run shows its makeup')
    .requiredOption('--db <file>', 'SQLite database')
    .requiredOption('--project <id>', 'project id')
    .option('--percent <share>', 'random share of the submitted answers (0-1)', '0.1')
    .option('--stratify <by>', 'none, annotator, label or both', 'annotator')
    .option('--gold-failures', 'add every answer that failed a gold task')
    .option('--disagreements', 'add every answer to a task the annotators disagree on')
    .option('--fast <factor>', 'add answers faster than this share of the annotator\'s median time (0 = off)', '0')
    .option('--flagged', 'add every flagged answer')
    .option('--seed <seed>', 'the same seed gives the same sample', '1')
    .option('--reasons <list>', 'reject reasons as id=Name,id=Name (default: a standard list)')
    .option('--out <pack>', 'the review pack to write (.loupe)')
    .option('--dry-run', 'show the makeup, write nothing')
    .action((opts) => run(() => reviewSample(opts, output())));
  review
    .command('import <packs...>')
    .description('bring reviewers\' verdicts packs into the project (the same pack twice changes nothing)')
    .requiredOption('--db <file>', 'SQLite database')
    .requiredOption('--project <id>', 'project id')
    .action((paths: string[], opts: { db: string; project: string }) => run(() => reviewImport(paths, opts, output())));
  review
    .command('acceptance')
    .description('acceptance rate per annotator, label and reason')
    .requiredOption('--db <file>', 'SQLite database')
    .requiredOption('--project <id>', 'project id')
    .action((opts: { db: string; project: string }) => run(() => reviewAcceptance(opts, output())));
  review
    .command('fixes')
    .description('make every reviewer\'s fix its task\'s final answer')
    .requiredOption('--db <file>', 'SQLite database')
    .requiredOption('--project <id>', 'project id')
    .action((opts: { db: string; project: string }) => run(() => reviewFixes(opts, output())));
  review
    .command('feedback')
    .description('one feedback pack per annotator (their own items only) into a folder')
    .requiredOption('--db <file>', 'SQLite database')
    .requiredOption('--project <id>', 'project id')
    .requiredOption('--out <dir>', 'folder for the packs')
    .action((opts: { db: string; project: string; out: string }) => run(() => reviewFeedback(opts, output())));

  program
    .command('agreement')
    .description('agreement on overlapped tasks: Krippendorff\'s alpha, Fleiss\' kappa, Cohen\'s kappa per pair, span and box F1')
    .requiredOption('--db <file>', 'SQLite database')
    .requiredOption('--project <id>', 'project id')
    .option('--level <level>', 'alpha level for numeric measures (rubric scores): nominal, ordinal, interval', 'nominal')
    .option('--iou <threshold>', 'IoU from which two boxes match', '0.5')
    .action((opts) => run(() => agreementCommand(opts, output())));

  program
    .command('gold')
    .description('accuracy on gold tasks per annotator and per label')
    .requiredOption('--db <file>', 'SQLite database')
    .requiredOption('--project <id>', 'project id')
    .option('--iou <threshold>', 'IoU from which a box matches gold', '0.5')
    .action((opts) => run(() => goldCommand(opts, output())));

  program
    .command('export')
    .description('export a task pack with its answers: a JSONL dataset, one annotator\'s results pack, or an AI-evaluation dataset')
    .requiredOption('--db <file>', 'SQLite database')
    .option('--pack-id <id>', 'the task pack to export')
    .option('--project <id>', 'export a project\'s dataset instead (formats: jsonl, label-studio, coco, yolo, voc, conll, doccano, prodigy, csv, preference, labelme, preference-pairs, rubric-csv, rubric-jsonl, rewrites)')
    .option('--final <choice>', 'project: which answer is final: adjudicated, majority, annotator:ID, or all (every annotator\'s: label-studio, prodigy, doccano)', 'adjudicated')
    .option('--label-as <form>', 'project, conll/doccano/prodigy: labels written as their id (default) or name')
    .option('--columns <n>', 'project, conll: the columns as the file was read (default), 4 like CoNLL-2003, or 2 (token and tag)')
    .option(
      '--format <format>',
      'jsonl (every task with every annotator\'s latest answer), results (a .loupe results pack), ' +
        'preference-pairs (chosen/rejected JSONL for reward/DPO training), rubric-csv or rubric-jsonl (one row per rubric answer), ' +
        'rewrites (original and corrected responses, JSONL)',
      'jsonl',
    )
    .option('--annotator <id>', 'results: whose answers (default: the local profile)')
    .requiredOption('--out <file>', 'output file')
    .action((opts: { db: string; packId?: string; project?: string; final: string; format: string; out: string; annotator?: string; labelAs?: string; columns?: string }) =>
      run(async () => {
        if (opts.project) {
          const { db, project: projectId, format, final, out: file, labelAs, columns } = opts;
          return exportProjectCommand({ db, project: projectId, format, final, out: file, ...(labelAs ? { labelAs } : {}), ...(columns ? { columns } : {}) }, output());
        }
        if (!opts.packId) throw new UsageError('--pack-id or --project is needed');
        return exportData({ ...opts, packId: opts.packId }, output());
      }),
    );

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
