// The move contract's argument shapes (GAME.md, "Move contract"). Everything a client sends is
// parsed here first; anything else is refused before the rules look at it.
import { z } from 'zod';
import { MAX_CLAUSES, MAX_NOTE, MAX_SPANS, MAX_TEXT } from './constants';

const id = z.string().min(1).max(64);
// Control characters other than newline and tab have no place in a memo.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f]/;
const prose = (max: number) =>
  z
    .string()
    .max(max, `at most ${max} characters`)
    .refine((s) => !CONTROL.test(s), 'no control characters');
const index = z
  .number()
  .int()
  .min(0)
  .max(MAX_CLAUSES - 1);

export const PostureArgs = {
  A: z.object({ enforcement: z.enum(['relax', 'hold', 'tighten', 'interdict']) }).strict(),
  B: z
    .object({
      proxyLeash: z.enum(['restrain', 'loose', 'unleash']),
      enrichment: z.enum(['pause', 'steady', 'advance']),
    })
    .strict(),
};

export const MemoArgs = z
  .object({
    clauses: z
      .array(z.object({ id, size: id, giver: z.enum(['self', 'other', 'both']) }).strict())
      .max(MAX_CLAUSES, `at most ${MAX_CLAUSES} clauses`),
    text: prose(MAX_TEXT),
  })
  .strict();
export type MemoArgs = z.infer<typeof MemoArgs>;

export const RelayArgs = z
  .object({
    redactClauses: z.array(index).max(MAX_CLAUSES).optional(),
    redactSpans: z
      .array(z.tuple([z.number().int().min(0), z.number().int().min(0)]))
      .max(MAX_SPANS)
      .optional(),
    reframes: z
      .array(z.object({ clause: index, delta: z.union([z.literal(1), z.literal(-1)]) }).strict())
      .max(MAX_CLAUSES)
      .optional(),
    note: prose(MAX_NOTE).optional(),
  })
  .strict();
export type RelayArgs = z.infer<typeof RelayArgs>;

export const BundleArgs = z
  .object({
    parts: z
      .array(z.object({ memoId: id, clause: index }).strict())
      .min(2)
      .max(MAX_CLAUSES),
    note: prose(MAX_NOTE).optional(),
  })
  .strict();
export type BundleArgs = z.infer<typeof BundleArgs>;

export const TableArgs = z
  .object({
    clauses: z
      .array(z.object({ id, size: id, giver: z.enum(['A', 'B', 'both']) }).strict())
      .min(1)
      .max(MAX_CLAUSES, `at most ${MAX_CLAUSES} clauses`),
    note: prose(MAX_NOTE).optional(),
  })
  .strict();
export type TableArgs = z.infer<typeof TableArgs>;

export const MemoId = id;
export const ProposalId = id;
export const AnswerArg = z.enum(['accept', 'reject']);

export const StatementArgs = z
  .object({
    kind: z.enum(['claim', 'blame', 'silence']),
    target: z.string().min(1).max(64).optional(),
  })
  .strict();
export type StatementArgs = z.infer<typeof StatementArgs>;

/** `ready`: true (the default) or false, to take it back. */
export const ReadyArgs = z.boolean().optional();
/** `start`: the seats that go to bots (the server names the empty ones); default every seat not ready. */
export const StartArgs = z
  .object({ bots: z.array(z.enum(['0', '1', '2'])).max(2) })
  .strict()
  .optional();

export const ExpireArgs = z
  .object({
    round: z.number().int().min(1),
    step: z.enum(['drafting', 'mediation', 'response', 'press']),
  })
  .strict();
export type ExpireArgs = z.infer<typeof ExpireArgs>;

/** zod's first complaint, as one line ("clauses[4]: at most 4 clauses"). */
export function firstProblem(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'malformed arguments';
  const path = issue.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('');
  return `${path.replace(/^\./, '') || 'arguments'}: ${issue.message}`;
}
