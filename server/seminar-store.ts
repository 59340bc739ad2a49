// Seminar sessions (docs/SEMINAR.md) in the same database as the matches: one row per session
// with the SHA-256 hash of its facilitator secret (never the secret), its label, its options and
// its tables; and one row per code (table codes and seat codes), whose primary key keeps every
// code unique across sessions.
import { createHash, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import type { Seat } from '../src/game/types';
import type { SqlClient } from './storage';

const SCHEMA = [
  `CREATE TABLE IF NOT EXISTS bc_seminars (
     id text PRIMARY KEY,
     secret_hash text NOT NULL,
     label text NOT NULL,
     options jsonb NOT NULL,
     tables jsonb NOT NULL,
     created_at bigint NOT NULL
   )`,
  `CREATE TABLE IF NOT EXISTS bc_seminar_codes (
     code text PRIMARY KEY,
     seminar_id text NOT NULL,
     table_no integer NOT NULL,
     seat text
   )`,
  `CREATE INDEX IF NOT EXISTS bc_seminar_codes_seminar ON bc_seminar_codes (seminar_id)`,
];

/** Letters and digits without look-alikes: no 0/O, no 1/I/L. */
export const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
export const CODE_LENGTH = 6;

export function newCode(): string {
  let code = '';
  for (let i = 0; i < CODE_LENGTH; i++) code += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return code;
}

/** A code as typed: case and spaces forgiven. Null when it cannot be a code at all. */
export function normaliseCode(text: string): string | null {
  const code = text.replace(/[\s-]/g, '').toUpperCase();
  return code.length === CODE_LENGTH && [...code].every((c) => CODE_ALPHABET.includes(c))
    ? code
    : null;
}

export const newSecret = () => randomBytes(32).toString('base64url');
export const newSeminarId = () => randomBytes(9).toString('base64url');
export const hashSecret = (secret: string) => createHash('sha256').update(secret).digest('hex');

/** Compares a presented secret with a stored hash in constant time. */
export function secretMatches(secret: string | undefined, hash: string): boolean {
  if (typeof secret !== 'string' || secret.length === 0 || secret.length > 256) return false;
  const a = Buffer.from(hashSecret(secret), 'hex');
  const b = Buffer.from(hash, 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}

export interface SeminarSeat {
  seat: Seat;
  code: string;
  /** The name the class list gave this seat, if any. */
  reserved?: string;
}

export interface SeminarTable {
  /** Numbered from 1, as the facilitator sees them. */
  table: number;
  matchID: string;
  code: string;
  seats: SeminarSeat[];
}

export interface SeminarOptions {
  scenario: string;
  rounds: number;
  timer: unknown;
}

export interface Seminar {
  id: string;
  label: string;
  options: SeminarOptions;
  tables: SeminarTable[];
  createdAt: number;
}

export interface CodeTarget {
  seminarId: string;
  table: number;
  /** Null for a table code. */
  seat: Seat | null;
}

const parse = <T>(value: unknown): T =>
  (typeof value === 'string' ? JSON.parse(value) : value) as T;

export class SeminarStore {
  constructor(private readonly sql: SqlClient) {}

  async connect(): Promise<void> {
    for (const statement of SCHEMA) await this.sql.query(statement);
  }

  /** Reserves a fresh code (unique across every session) for this table or seat. */
  async reserveCode(seminarId: string, table: number, seat: Seat | null): Promise<string> {
    for (let attempt = 0; attempt < 50; attempt++) {
      const code = newCode();
      const { rows } = await this.sql.query(
        `INSERT INTO bc_seminar_codes (code, seminar_id, table_no, seat) VALUES ($1, $2, $3, $4)
         ON CONFLICT (code) DO NOTHING RETURNING code`,
        [code, seminarId, table, seat],
      );
      if (rows.length === 1) return code;
    }
    throw new Error('no free code found');
  }

  async insert(seminar: Seminar, secretHash: string): Promise<void> {
    await this.sql.query(
      `INSERT INTO bc_seminars (id, secret_hash, label, options, tables, created_at)
       VALUES ($1, $2, $3, $4, $5, $6)`,
      [
        seminar.id,
        secretHash,
        seminar.label,
        JSON.stringify(seminar.options),
        JSON.stringify(seminar.tables),
        seminar.createdAt,
      ],
    );
  }

  async get(id: string): Promise<{ seminar: Seminar; secretHash: string } | undefined> {
    const { rows } = await this.sql.query<{
      id: string;
      secret_hash: string;
      label: string;
      options: unknown;
      tables: unknown;
      created_at: string | number;
    }>(`SELECT * FROM bc_seminars WHERE id = $1`, [id]);
    const row = rows[0];
    if (!row) return undefined;
    return {
      secretHash: row.secret_hash,
      seminar: {
        id: row.id,
        label: row.label,
        options: parse<SeminarOptions>(row.options),
        tables: parse<SeminarTable[]>(row.tables),
        createdAt: Number(row.created_at),
      },
    };
  }

  async lookup(code: string): Promise<CodeTarget | undefined> {
    const { rows } = await this.sql.query<{ seminar_id: string; table_no: number; seat: string }>(
      `SELECT seminar_id, table_no, seat FROM bc_seminar_codes WHERE code = $1`,
      [code],
    );
    const row = rows[0];
    return row
      ? { seminarId: row.seminar_id, table: Number(row.table_no), seat: (row.seat ?? null) as Seat }
      : undefined;
  }

  /** Removes the session and its codes (its matches are wiped by the caller). */
  async delete(id: string): Promise<void> {
    await this.sql.transaction(async (q) => {
      await q(`DELETE FROM bc_seminar_codes WHERE seminar_id = $1`, [id]);
      await q(`DELETE FROM bc_seminars WHERE id = $1`, [id]);
    });
  }

  /** Removes codes reserved for a session whose creation failed. */
  async deleteCodes(id: string): Promise<void> {
    await this.sql.query(`DELETE FROM bc_seminar_codes WHERE seminar_id = $1`, [id]);
  }
}
