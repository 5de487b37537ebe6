// Usage texts: short, with the details in docs/cli.md.
export const MAIN_HELP = `Usage: heard <command> [options]

Checks writing about children for victim-blaming, adultifying, minimising and disbelieving
wording, hidden perpetrators, jargon and a missing child's voice.

Commands:
  check [paths or globs...]   check files and folders (default: the current folder)
  report [paths...] --out F  write an audit report (HTML with charts, plus CSV and JSON)
  rules                       list the rules
  explain RULE                show one rule in full: why, rewrites, examples, sources
  lsp --stdio                 run the language server (used by editors)

Options:
  -h, --help                  show help (also: heard <command> --help)
  -v, --version               show the version

Documentation: docs/cli.md in the Heard package.
`;

export const CHECK_HELP = `Usage: heard check [options] [paths or globs...]

Checks .md, .markdown, .txt and .docx files. Folders recurse, honouring .gitignore and the
config's ignore: list; node_modules and .git are always skipped. A file named explicitly is
always checked.

Output:
  -f, --format FORMAT       text (default), compact, json, sarif or github
      --fail-on LEVEL       exit 1 on findings at or above error, warning (default),
                            information or hint
      --max-warnings N      exit 1 when there are more than N warnings
  -q, --quiet               show errors only (--min-level error)
      --min-level LEVEL     leave out findings below LEVEL (output and exit code)
      --show-suppressions   list each finding switched off by a heard-disable comment,
                            with its reason (text format)
Baseline (adopting Heard in a repository that already has findings):
      --write-baseline FILE record every finding of this run in FILE (commit it)
      --baseline FILE       report and fail only on findings not in FILE; say which
                            entries of FILE no longer match anything
Input:
      --stdin               read the text from standard input
      --stdin-filename NAME the name to use for it (config, profile, Markdown or plain text)
      --skip-unreadable     files that cannot be read (binary, not UTF-8, too large) are
                            still reported on standard error but do not make the exit code 2
      --max-file-size BYTES skip files larger than this (default 10 MB, or maxFileSize)
      --input jsonl         read records, one JSON object a line ({"id", "text", ...}), from
                            the files given or standard input; write one JSON line per record
      --shard I/N           with --input jsonl: check only share I of N (by a hash of the id)
Configuration (layered over .heard.yaml):
  -c, --config FILE         use this config file instead of searching for .heard.yaml
      --profile NAME        case-note or review
      --child-age N         the child's age when the text does not give it
      --rule ID=LEVEL       error, warning, information, hint, off, or on (repeatable)
      --category ID=LEVEL   error, warning, information, hint or off (repeatable)
Fixing:
      --fix                 apply safe rewrites (no [placeholders]) and save the files
      --fix-dry-run         print the changes --fix would make as a unified diff
      --fix-read-only       with --fix, also rewrite files that are read-only
Other:
  -j, --jobs N              worker threads for large runs (default: one per core)
      --rule-docs-url URL   where the rule pages are published (SARIF helpUri)
  -h, --help                show this help

Text output fits the terminal's width ($COLUMNS, else 80 columns, for pipes); NO_COLOR turns
colour off.

Exit codes: 0 no findings at or above the failing level, 1 findings, 2 usage, config or input
errors (including files that could not be read, unless --skip-unreadable).
`;

export const REPORT_HELP = `Usage: heard report [options] --out report.html [paths, globs or results.jsonl...]

Checks the files and folders given (default: the current folder), or reads the results of
heard check --input jsonl (files ending .jsonl or .ndjson, or - for standard input), and writes
one self-contained HTML report: findings per 1,000 words by category, folder, record type and
month; the child's voice in contact records; the most frequent wordings with rewrites, reasons
and sources; suppressions; and the findings behind each number. The same numbers are written
as NAME.json and NAME.*.csv beside the report (or in --data-dir).

  -o, --out FILE            the HTML file to write (required)
      --data-dir DIR        where to write the JSON and CSV files (default: beside --out)
      --compare FILE        compare with an earlier report's NAME.json: what improved, what
                            got worse
      --group-by FIELD      the metadata field of JSON-lines records that names their group
                            (default: folder; else the results file's name)
      --title TEXT          the report's title
      --skip-unreadable     files that cannot be read do not make the exit code 2
      --max-file-size BYTES skip files larger than this (default 10 MB, or maxFileSize)
  -c, --config FILE, --profile NAME, --rule ID=LEVEL, --category ID=LEVEL   as for heard check

Exit codes: 0 report written, 2 usage or config errors, or files that could not be read (the
report is still written and lists them).
`;

export const RULES_HELP = `Usage: heard rules [options]

Lists every rule with its category, severity under your configuration (off when switched off)
and its first source.

  -f, --format FORMAT   text (default) or json
  -c, --config FILE     use this config file instead of searching for .heard.yaml
      --rule ID=LEVEL   --category ID=LEVEL   as for heard check
`;

export const EXPLAIN_HELP = `Usage: heard explain RULE [options]

Shows one rule in full: message, why, rewrites, patterns, conditions, examples and sources.

  -f, --format FORMAT   text (default) or json
  -c, --config FILE     use this config file instead of searching for .heard.yaml
`;

export const LSP_HELP = `Usage: heard lsp --stdio

Runs the Heard language server, for editors: it checks the documents the editor opens and offers
hovers, quick fixes and "fix all". Your editor starts it; you do not run it by hand. Point your
editor's LSP client at the command \`heard lsp --stdio\` (docs/editor.md has settings for
editors other than VS Code).

Transports (one is required):
      --stdio               talk over standard input and output
      --node-ipc            talk over Node's IPC channel (the VS Code extension)
      --socket=PORT         talk over a TCP socket on this machine
      --pipe=NAME           talk over a named pipe
`;
