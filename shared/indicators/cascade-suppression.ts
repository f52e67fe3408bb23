// Small-cell suppression of the cascade's counts for one population (the workbook's cascade sheet,
// a year of the multi-year sheet, the dashboard's percentages as they leave the centre): every
// count printed beside another it contains differs from it by people nobody prints, but anyone can
// subtract, so each such difference is protected as a count of its own.
import { suppressLinked, type Entry, type Relation } from './linked-suppression.js';
import type { Tally } from './cascade.js';
import { BREAKDOWN_COLUMNS, type BreakdownColumn, type PERCENTAGES } from './api.js';

export const CASCADE_COUNTS = [
  'diagnosed',
  'inCare',
  'onArt',
  'suppressedOnArt',
  'vlEligible',
  'vlTested',
  'vlSuppressed',
  'vlOnArt',
  'undetectable',
  'newDiagnoses',
  'artInitiations',
  'linked',
  'lateN',
  'lateD',
  'advancedN',
  'advancedD',
  'lateArtN',
  'lateArtD',
] as const;
export type CascadeCount = (typeof CASCADE_COUNTS)[number];

function cascadeCounts(t: Tally): Record<CascadeCount, number> {
  return {
    diagnosed: t.diagnosed,
    inCare: t.inCare,
    onArt: t.onArt,
    suppressedOnArt: t.suppressedOnArt,
    vlEligible: t.vlEligible,
    vlTested: t.vlTested,
    vlSuppressed: t.vlSuppressed,
    vlOnArt: t.vlOnArt,
    undetectable: t.undetectable,
    newDiagnoses: t.newDiagnoses,
    artInitiations: t.artInitiations,
    linked: t.linked,
    lateN: t.lateDiagnosis.numerator,
    lateD: t.lateDiagnosis.denominator,
    advancedN: t.advanced.numerator,
    advancedD: t.advanced.denominator,
    lateArtN: t.lateArt.numerator,
    lateArtD: t.lateArt.denominator,
  };
}

/** Each pair [outer, inner]: inner counts some of outer's people, by the definitions. */
export const NESTED: readonly (readonly [CascadeCount, CascadeCount])[] = [
  ['diagnosed', 'inCare'],
  ['inCare', 'onArt'],
  ['onArt', 'suppressedOnArt'],
  ['onArt', 'vlEligible'],
  ['vlEligible', 'vlTested'],
  ['vlTested', 'vlSuppressed'],
  ['suppressedOnArt', 'vlSuppressed'],
  ['onArt', 'vlOnArt'],
  ['vlOnArt', 'vlTested'],
  ['vlOnArt', 'undetectable'],
  ['newDiagnoses', 'linked'],
  ['artInitiations', 'linked'],
  ['newDiagnoses', 'lateD'],
  ['lateD', 'lateN'],
  ['lateN', 'advancedN'],
  ['advancedD', 'advancedN'],
  ['artInitiations', 'lateArtD'],
  ['lateArtD', 'lateArtN'],
];

/** The two counts each percentage is made of; 'estimate' is an entered figure, not people counted. */
export const PERCENTAGE_TERMS: Record<(typeof PERCENTAGES)[number], readonly [CascadeCount, CascadeCount | 'estimate']> = {
  first90: ['diagnosed', 'estimate'],
  second90: ['onArt', 'diagnosed'],
  third90: ['suppressedOnArt', 'onArt'],
  onArtOfEstimate: ['onArt', 'estimate'],
  suppressedOfEstimate: ['suppressedOnArt', 'estimate'],
  vlCoverage: ['vlTested', 'vlEligible'],
  vlSuppression: ['vlSuppressed', 'vlTested'],
  undetectable: ['undetectable', 'vlOnArt'],
  linkage: ['linked', 'newDiagnoses'],
  lateDiagnosis: ['lateN', 'lateD'],
  advanced: ['advancedN', 'advancedD'],
  lateArt: ['lateArtN', 'lateArtD'],
};

/** The counts of one population to hide outside the centre. */
export function hiddenCascadeCounts(t: Tally, maxCount: number): CascadeCount[] {
  const counts = cascadeCounts(t);
  const entries: Entry[] = CASCADE_COUNTS.map((k) => ({ value: counts[k], shown: true }));
  const relations: Relation[] = NESTED.map(([outer, inner]) => {
    const d = entries.push({ value: counts[outer] - counts[inner], shown: false }) - 1;
    return { total: CASCADE_COUNTS.indexOf(outer), members: [CASCADE_COUNTS.indexOf(inner), d] };
  });
  const hidden = suppressLinked(entries, relations, maxCount);
  return CASCADE_COUNTS.filter((_, i) => hidden[i]);
}

/** The breakdown table's columns that show these counts (its total row and the cascade are the same people). */
export function columnsOfCounts(counts: readonly CascadeCount[]): BreakdownColumn[] {
  const has = (k: CascadeCount) => counts.includes(k);
  return BREAKDOWN_COLUMNS.filter((c) =>
    c === 'lateDiagnosis' ? has('lateN') || has('lateD') : c === 'share' ? has('diagnosed') : has(c),
  );
}

/** The counts a breakdown table's hidden columns stand for. */
export function countsOfColumns(columns: readonly BreakdownColumn[]): CascadeCount[] {
  return CASCADE_COUNTS.filter((k) =>
    k === 'lateN' || k === 'lateD' ? columns.includes('lateDiagnosis') : (columns as readonly string[]).includes(k),
  );
}
