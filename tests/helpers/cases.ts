import type { CaseInput } from '../../shared/cases/schema.js';

export const aCase = (over: Partial<CaseInput> = {}): CaseInput => ({
  registerNo: '17/2017',
  uic: 'АНМА11985',
  sex: 'male',
  birthYear: 1985,
  citizenship: 'UZB',
  migrantType: 'immigrant',
  legalStatus: 'irregular',
  keyPopulations: ['pwid'],
  transmissionRoute: 'injecting',
  infectionCountry: 'RUS',
  diagnosisDate: '2017-03-15',
  diagnosisCountry: 'KAZ',
  ...over,
});
