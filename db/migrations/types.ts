import type { Db } from '../connection.js';

/** One schema step. Never edit a released migration: add the next one. */
export type Migration = { version: number; name: string; up: (db: Db) => void };
