// The compact format: one line per finding, `path:line:col: severity rule message`, for editors'
// error parsers (Vim's errorformat, Emacs' compile mode) and grep. Nothing else is printed.
import type { CheckReport } from '../report';

export function formatCompact(report: CheckReport): string {
  const out: string[] = [];
  for (const file of report.files) {
    for (const f of file.findings) out.push(`${file.path}:${f.line}:${f.column}: ${f.severity} ${f.ruleId} ${f.message.replace(/\s+/g, ' ').trim()}${f.page !== undefined ? ` (page ${f.page}, line ${f.pageLine})` : ''}`);
  }
  return out.length > 0 ? out.join('\n') + '\n' : '';
}
