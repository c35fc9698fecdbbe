/*
 * Text from documents goes into hovers as plain text: every character that
 * Markdown or HTML could interpret inline is escaped, and document text is
 * never placed at the start of a line, so a scraped page cannot inject links,
 * images or markup.
 *
 * That includes the links GFM makes by itself (VS Code renders hovers with
 * marked, GFM on): bare `https://…`, `www.…` and e-mail addresses. A URL in
 * an article is shown as text, never as a link: `:` and `@` are escaped, and
 * so is the dot of `www.`. Backslash escapes are invisible once rendered, so
 * the reader sees (and copies) the URL as written.
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/\s+/g, ' ')
    .replace(/[\\`*_[\]|~$:@]/g, (c) => '\\' + c)
    .replace(/(www)\./gi, '$1\\.')
    .replace(/[<>&]/g, (c) => (c === '<' ? '&lt;' : c === '>' ? '&gt;' : '&amp;'));
}
