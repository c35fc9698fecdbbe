/*
 * Control characters from documents and file names, shown instead of obeyed:
 * the CLI's readable output and messages, and the Markdown report (which the
 * CLI prints to the terminal and the editor previews).
 */

// C0 controls except tab and line feed, DEL, and C1 controls: what a terminal may act on.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;

/**
 * Text from a document made safe to print for a human: a control character
 * (ESC starting a colour, an OSC title or clipboard write, an OSC 8 link, a
 * C1 CSI) is replaced by a visible stand-in, so that the terminal shows it
 * instead of obeying it. C0 controls and DEL become their Unicode control
 * pictures (ESC shows as ␛); C1 controls, which have none, become U+FFFD.
 * Tab and line feed are kept: they do no harm.
 */
export function printable(s: string): string {
  return s.replace(CONTROL, (c) => {
    const code = c.charCodeAt(0);
    return code < 0x20 ? String.fromCharCode(0x2400 + code) : code === 0x7f ? '\u2421' : '\ufffd';
  });
}

const C1 = /[\u0080-\u009f]/g;
const HAS_C1 = /[\u0080-\u009f]/;

/**
 * JSON text with C1 control characters written as `\u` escapes. JSON.stringify
 * escapes C0 controls but leaves C1 ones raw, and a terminal may obey U+009B
 * (CSI) as ESC [. The escaped JSON parses to the same value.
 */
export function escapeC1(json: string): string {
  // Tested first: the replacement's callback machinery costs even where nothing matches, and almost nothing does.
  return HAS_C1.test(json) ? json.replace(C1, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`) : json;
}
