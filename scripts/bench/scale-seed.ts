/**
 * Seeds members for the scale check with COPY: the rows are written to a CSV file in the run's
 * temp folder and PostgreSQL reads it itself (COPY … FROM '<file>'), which needs no COPY client
 * library and loads a million rows in seconds. The server must see the file, so this works on
 * the embedded PostgreSQL or one on this machine.
 */
import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { chmod, rm } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type pg from 'pg';

/** The userName of seeded member i (the lookups pick from these). */
export const seededUserName = (prefix: string, i: number): string => `${prefix}${String(i).padStart(9, '0')}@scale.example`;

/** CSV quoting (RFC 4180): the field in double quotes, each inner quote doubled. */
const csv = (value: string) => `"${value.replace(/"/g, '""')}"`;

/** Rows in the shape Roster writes for an Okta-created user, created a millisecond apart. */
function* rows(organizationId: string, groupId: string, prefix: string, count: number): Generator<string> {
  const start = Date.now() - count;
  let chunk = '';
  for (let i = 0; i < count; i++) {
    const name = seededUserName(prefix, i);
    const at = new Date(start + i).toISOString();
    const emails = JSON.stringify([{ value: name, type: 'work', primary: true }]);
    chunk += `${randomUUID()},${organizationId},${groupId},${csv(name)},ext-${i},Scale,${csv(`User ${i}`)},${csv(`Scale User ${i}`)},${csv(emails)},${at},${at}\n`;
    // Chunks of a few hundred KB keep the writes few without holding the whole file in memory.
    if (chunk.length > 256 * 1024) {
      yield chunk;
      chunk = '';
    }
  }
  if (chunk) yield chunk;
}

/** Loads `count` members into the group; returns the seconds taken. */
export async function seedMembers(
  client: pg.Client,
  tempDir: string,
  group: { organizationId: string; groupId: string; prefix: string },
  count: number,
): Promise<number> {
  const started = performance.now();
  const file = path.join(tempDir, `seed-${group.groupId}.csv`);
  await pipeline(Readable.from(rows(group.organizationId, group.groupId, group.prefix, count)), createWriteStream(file));
  // The server reads the file as its own OS user (as root, `postgres`): let it.
  await chmod(file, 0o644);
  try {
    await client.query(
      `copy member (id, organization_id, group_id, user_name, external_id, given_name, family_name, display_name, emails, created_at, updated_at)
       from ${client.escapeLiteral(file)} with (format csv)`,
    );
  } finally {
    await rm(file, { force: true });
  }
  return (performance.now() - started) / 1000;
}
