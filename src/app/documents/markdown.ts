// The document as Markdown: the plain-text option, readable in any editor. Only typed text is
// escaped, so nothing a user wrote can become a heading, a link or markup.

import type { Block, DocumentModel } from './document';
import type { Text } from './text';

const MARKDOWN = /[\\`*_[\]<>|#]/g;

function md(text: Text): string {
  return text.map((span) => (span.typed ? span.text.replace(MARKDOWN, (c) => `\\${c}`) : span.text)).join('');
}

function quoteLines(lines: readonly Text[]): string {
  return lines.map((line) => `> ${md(line)}`.trimEnd()).join('\n');
}

function block(b: Block): string | undefined {
  switch (b.kind) {
    case 'heading':
      return `${'#'.repeat(b.level)} ${md(b.text)}`;
    case 'paragraph':
      return b.style === 'emphasis'
        ? `_${md(b.text)}_`
        : b.style === 'strong'
          ? `**${md(b.text)}**`
          : md(b.text);
    case 'fields': {
      const lines = b.rows
        .map((row) => ({
          label: md(row.label),
          value: md(row.value),
          strong: row.strong,
          withheld: row.withheld,
        }))
        .filter((row) => row.value !== '')
        .map((row) => {
          const value = row.withheld ? `_${row.value}_` : row.strong ? `**${row.value}**` : row.value;
          return `- **${row.label}:** ${value}`;
        });
      return lines.length > 0 ? lines.join('\n') : undefined;
    }
    case 'quote':
      if (b.lines.length === 0) return undefined;
      return b.label ? `**${md(b.label)}:**\n\n${quoteLines(b.lines)}` : quoteLines(b.lines);
    case 'entry':
      return `**${md(b.header)}**  \n${md(b.line)}`;
    case 'withheld':
      return `_${md(b.text)}_`;
    case 'table': {
      const row = (cells: readonly Text[]): string => `| ${cells.map((c) => md(c)).join(' | ')} |`;
      return [row(b.columns), `|${b.columns.map(() => ' --- |').join('')}`, ...b.rows.map(row)].join('\n');
    }
  }
}

export function renderMarkdown(document: DocumentModel): string {
  const blocks = document.blocks.map(block).filter((b): b is string => b !== undefined);
  return `${blocks.join('\n\n')}\n`;
}
