/**
 * HTML built from tagged templates that escape every interpolated value unless it is
 * already `Html`: scenario names, channel names and paths come from users' files, and a
 * name like `<script>` must show as text. Markup can only enter through `html` or `raw`.
 */

import { showControls } from "../../lib/control.js";

export class Html {
  constructor(readonly text: string) {}
  toString(): string {
    return this.text;
  }
}

export type Interpolated = Html | string | number | boolean | null | undefined | readonly Interpolated[];

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

/**
 * Controls HTML does not allow in a file (C0 but tab, LF, FF, CR; DEL; C1) and the
 * invisible characters that reorder text as shown: written out as the table writes them.
 */
const HIDDEN = /[\u0000-\u0008\u000b\u000e-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]/g;

/** Text made safe for an element's content or a quoted attribute value. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => ESCAPES[character]!).replace(HIDDEN, showControls);
}

function piece(value: Interpolated): string {
  if (value instanceof Html) return value.text;
  if (Array.isArray(value)) return value.map(piece).join("");
  if (value === null || value === undefined || value === false) return "";
  return escapeHtml(String(value));
}

/** A template whose values are escaped (arrays joined, null/undefined/false left out). */
export function html(strings: TemplateStringsArray, ...values: Interpolated[]): Html {
  let text = strings[0]!;
  values.forEach((value, index) => {
    text += piece(value) + strings[index + 1]!;
  });
  return new Html(text);
}

/** Markup the program wrote itself (CSS, a script): never text from a scenario. */
export function raw(text: string): Html {
  return new Html(text);
}
