import type Database from 'better-sqlite3-multiple-ciphers';

/** One schema step. Never edit a released migration: add the next one. It imports nothing of the app's live code. */
export type Migration = { version: number; name: string; up: (db: Database.Database) => void };
