import { v7 } from 'uuid'

/**
 * A new row id: a UUIDv7, whose leading bits are the time of its creation. New orders, items and
 * payments then land at the end of their primary-key indexes instead of on random pages, so a commit
 * writes a few pages rather than one per row (and PostgreSQL's indexes stay compact).
 */
export function newId(): string {
  return v7()
}
