import { describe, expect, it } from 'vitest';
import { addresseesOtherThan, findAddressees } from './addressee';

const page = (text: string) => [{ pageNumber: 1, text }];

describe('findAddressees', () => {
  it('reads the greeting and address block', () => {
    expect(findAddressees(page('Ms Corinne Ashdale\nFlat 3\n27 Wrenfield Close\n\nDear Ms Ashdale,\n\nWe have not received'))).toEqual(['Ms Ashdale', 'Ms Corinne Ashdale']);
  });

  it('reads a name in capitals from a table cell', () => {
    expect(findAddressees(page('| MRS FARIDA OYELARAN | Date of notice |\n| --- | --- |'))).toEqual(['MRS FARIDA OYELARAN']);
  });

  it('greeting by first name', () => {
    const energy = page('Quillstone Energy\nCorinne Ashdale\nFlat 3\n27 Wrenfield Close\n\nYour account is behind\n\nHi Corinne,\n\nYour latest bill showed arrears.');
    expect(findAddressees(energy)).toEqual(['Corinne Ashdale']);
    expect(addresseesOtherThan('Mr Tobias Wren', energy)).toEqual(['Corinne Ashdale']);
    expect(addresseesOtherThan('Ms Corinne Ashdale', energy)).toEqual([]);
  });

  it('takes no general greeting for a name', () => {
    expect(findAddressees(page('Dear Sir or Madam,\nHello there,\nDear Customer,\nHi All\n'))).toEqual([]);
  });

  it('finds no one in a statement without names', () => {
    expect(findAddressees(page('Universal Credit statement\nAssessment period 1 to 30 September'))).toEqual([]);
  });
});

describe('addresseesOtherThan', () => {
  it('accepts the client by surname', () => {
    expect(addresseesOtherThan('Corinne Ashdale', page('Dear Ms C Ashdale,'))).toEqual([]);
  });

  it('names someone else', () => {
    expect(addresseesOtherThan('Corinne Ashdale', page('Mr T Quennell\n\nDear Mr Quennell,'))).toEqual(['Mr Quennell', 'Mr T Quennell']);
  });

  it('says nothing without an addressee', () => {
    expect(addresseesOtherThan('Corinne Ashdale', page('Balance brought forward £120.00'))).toEqual([]);
  });
});
