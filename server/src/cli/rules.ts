// `heard rules` (the rule list) and `heard explain RULE` (one entry in full), from the same
// lexicon and configuration `heard check` would use here.
import * as path from 'path';
import { CATEGORY_IDS, resolveRule, type CompiledLexicon, type HeardConfig, type LexiconEntry, type SeveritySetting } from '../engine';
import { resolveSettings } from '../node/config';
import type { RulesArgs } from './args';
import { UsageError, type Colors } from './io';
import { renderRuleText, shortSource } from '../lsp/ruleText';
import { ruleDocPath } from './packageInfo';
import { didYouMean } from '../engine/suggest';
import { DIRECTIVE_ENTRIES, DIRECTIVE_RULE_IDS } from '../node/directives';

function settingsFor(args: RulesArgs, cwd: string): { lexicon: CompiledLexicon; config: HeardConfig } {
  const { lexicon, config } = resolveSettings(undefined, { overrides: args.overrides, configFile: args.configFile, cwd });
  for (const id of Object.keys(args.overrides.rules ?? {})) {
    if (!lexicon.byId.has(id) && !DIRECTIVE_RULE_IDS.includes(id)) {
      throw new UsageError(`unknown rule '${id}' in --rule${didYouMean(id, [...lexicon.byId.keys(), ...DIRECTIVE_RULE_IDS])}`);
    }
  }
  return { lexicon, config };
}

/** The severity a rule has under the configuration, or `off`. */
export function effectiveSeverity(entry: LexiconEntry, config: HeardConfig): SeveritySetting {
  // The rules about heard-disable comments are set by id only (see node/directives.ts).
  const category = DIRECTIVE_RULE_IDS.includes(entry.id) ? '' : entry.category;
  const rule = resolveRule(entry.id, category, entry.severity, entry.enabled !== false, config);
  return rule.enabled ? rule.severity : 'off';
}

function sortedEntries(lexicon: CompiledLexicon): LexiconEntry[] {
  const order = (c: string) => CATEGORY_IDS.indexOf(c as (typeof CATEGORY_IDS)[number]);
  return [...lexicon.entries.map((e) => e.entry), ...DIRECTIVE_ENTRIES.filter((e) => !lexicon.byId.has(e.id))].sort((a, b) => order(a.category) - order(b.category) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

export function rulesCommand(args: RulesArgs, cwd: string, colors: Colors): string {
  const { lexicon, config } = settingsFor(args, cwd);
  const entries = sortedEntries(lexicon);
  if (args.format === 'json') {
    const rows = entries.map((e) => ({
      id: e.id,
      category: e.category,
      severity: effectiveSeverity(e, config),
      defaultSeverity: e.severity,
      enabledByDefault: e.enabled !== false,
      contested: e.contested === true,
      message: e.message,
      sources: e.sources,
    }));
    return JSON.stringify(rows, null, 2) + '\n';
  }
  const rows = entries.map((e) => [e.id, e.category, effectiveSeverity(e, config), shortSource(e.sources)]);
  const header = ['id', 'category', 'severity', 'source'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i < cells.length - 1 ? c.padEnd(widths[i]) : c)).join('  ').trimEnd();
  const off = rows.filter((r) => r[2] === 'off').length;
  return [
    colors.bold(line(header)),
    ...rows.map((r) => (r[2] === 'off' ? colors.dim(line(r)) : line(r))),
    '',
    `${rows.length} rules${off > 0 ? ` (${off} off)` : ''}. heard explain RULE shows a rule in full.`,
  ].join('\n') + '\n';
}

/** Relative to the working folder when inside it, else absolute. */
function shortPath(cwd: string, file: string): string {
  const rel = path.relative(cwd, file);
  return rel.startsWith('..') || path.isAbsolute(rel) ? file : rel;
}


export function explainCommand(args: RulesArgs, cwd: string, colors: Colors): string {
  const { lexicon, config } = settingsFor(args, cwd);
  const id = args.ruleId!;
  const directive = DIRECTIVE_ENTRIES.find((d) => d.id === id && !lexicon.byId.has(id));
  const compiled = lexicon.byId.get(id);
  if (!compiled && !directive) {
    const category = (CATEGORY_IDS as readonly string[]).includes(id) ? `; '${id}' is a category: heard rules lists its rules` : '';
    throw new UsageError(`unknown rule '${id}'${didYouMean(id, [...lexicon.byId.keys(), ...DIRECTIVE_RULE_IDS])}${category}`);
  }
  const e = compiled?.entry ?? directive!;
  if (args.format === 'json') return JSON.stringify({ ...e, effectiveSeverity: effectiveSeverity(e, config) }, null, 2) + '\n';

  const footer = directive
    ? 'Checks the heard-disable comments themselves; built into Heard (server/src/node/directives.ts), not part of the lexicon.'
    : `Defined in ${e.origin ? `${shortPath(cwd, e.origin.file)}:${e.origin.line}` : 'the lexicon'}; rule page: ${ruleDocPath(e.id)}`;
  return renderRuleText(e, { severity: effectiveSeverity(e, config), style: colors, footer });
}
