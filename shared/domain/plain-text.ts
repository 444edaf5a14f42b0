/**
 * What organizers may type where a text reaches a calendar file (.ics) or an email header: the
 * `ics` package folds and escapes commas, semicolons and line feeds, but a bare carriage return
 * goes through as a line break of the file, and a line break in a header starts a new header.
 */
import * as z from './zod.ts';

/** A title, a place, a name or a subject: one line, no control characters (C0, DEL, C1) or line separators. */
export const oneLine = z.regex(/^[^\p{Cc}\p{Zl}\p{Zp}]*$/u, 'one line without control characters');

/**
 * A text meant to have lines (an agenda, a message): line feeds and tabs, nothing else invisible.
 * A CRLF, as a browser sends a textarea, is taken as the line feed it means; a bare CR is refused.
 */
export const lines = [
  z.overwrite((value: string) => value.replace(/\r\n/g, '\n')),
  z.regex(
    /^(?:[^\p{Cc}\p{Zl}\p{Zp}]|[\t\n])*$/u,
    'lines of text without control characters (a carriage return alone included)',
  ),
] as const;
