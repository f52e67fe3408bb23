// The key-population bit map kept on each case (hiv_case.kp_mask) and in the status groups: pinned
// here, once. Stored masks outlive the code, so a bit never moves: a new key population takes the
// next free bit, whatever order the lists on screen use.
import { KEY_POPULATIONS, type CaseInput } from './schema.js';

type KeyPopulation = (typeof KEY_POPULATIONS)[number];

export const KP_BITS: Readonly<Record<KeyPopulation, number>> = { pwid: 0, msm: 1, sw: 2, tg: 3, prison: 4, none: 5, unknown: 6 };

export const kpBit = (kp: KeyPopulation) => 1 << KP_BITS[kp];

export const kpMaskOf = (kps: CaseInput['keyPopulations']) => kps.reduce((mask, kp) => mask | kpBit(kp), 0);

/** The key populations of a mask, in the order of KEY_POPULATIONS. */
export const keyPopulationsOf = (mask: number): KeyPopulation[] => KEY_POPULATIONS.filter((kp) => (mask & kpBit(kp)) !== 0);
