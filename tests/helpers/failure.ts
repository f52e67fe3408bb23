import { expect } from 'vitest';
import { AppFailure, type AppError } from '../../shared/result.js';

/** Runs fn and returns the AppError it fails with; fails the test if it does not. */
export function failureOf(fn: () => unknown): AppError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(AppFailure);
    return (e as AppFailure).error;
  }
  throw new Error('expected an AppFailure, but the call succeeded');
}
