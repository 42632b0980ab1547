import { describe, expect, it } from 'vitest';
import { queryWords } from './retrieve';

describe('queryWords', () => {
  it('drops stop words and repeats', () => {
    expect(queryWords('What is the council tax for the council?')).toEqual(['council', 'tax']);
  });

  it('adds the phrase for a short word', () => {
    expect(queryWords('Can bailiffs enter the home?')).toEqual(['bailiffs', 'enter', 'home', 'enforcement <-> agent']);
  });

  it('adds the short word for its phrase', () => {
    expect(queryWords('When may an enforcement agent visit?')).toEqual(['may', 'enforcement', 'agent', 'visit', 'bailiff']);
  });
});
