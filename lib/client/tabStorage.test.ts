import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { claimTabStorage, clearTabStorage, readTabItem, writeTabItem } from './tabStorage';

/** An in-memory Web Storage, because the unit tests run in Node, which has no window. */
class MemoryStorage implements Storage {
  private items = new Map<string, string>();
  get length() {
    return this.items.size;
  }
  clear() {
    this.items.clear();
  }
  getItem(key: string) {
    return this.items.get(key) ?? null;
  }
  key(index: number) {
    return [...this.items.keys()][index] ?? null;
  }
  removeItem(key: string) {
    this.items.delete(key);
  }
  setItem(key: string, value: string) {
    this.items.set(key, value);
  }
}

let sessionStorage: MemoryStorage;
let localStorage: MemoryStorage;

beforeEach(() => {
  sessionStorage = new MemoryStorage();
  localStorage = new MemoryStorage();
  vi.stubGlobal('window', { sessionStorage, localStorage });
});

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('tab storage', () => {
  it('reads back what it wrote', () => {
    writeTabItem('answer.knowledge', { question: 'What is a DRO?' });
    expect(readTabItem('answer.knowledge')).toEqual({ question: 'What is a DRO?' });
  });

  it('returns null for unreadable JSON', () => {
    sessionStorage.setItem('rma-advisor.letter-draft', '{not json');
    expect(readTabItem('letter-draft')).toBeNull();
  });

  it('clears only its own keys', () => {
    writeTabItem('letter-draft', { notes: 'Rent arrears £1,200' });
    sessionStorage.setItem('other-app', 'kept');
    clearTabStorage();
    expect(readTabItem('letter-draft')).toBeNull();
    expect(sessionStorage.getItem('other-app')).toBe('kept');
  });

  it('clears the old localStorage draft', () => {
    localStorage.setItem('rma-advisor.letter-draft', '{"notes":"old"}');
    clearTabStorage();
    expect(localStorage.getItem('rma-advisor.letter-draft')).toBeNull();
  });

  it('keeps data for the same user', () => {
    claimTabStorage('user-a');
    writeTabItem('letter-draft', { notes: 'kept' });
    claimTabStorage('user-a');
    expect(readTabItem('letter-draft')).toEqual({ notes: 'kept' });
  });

  it('clears data for another user', () => {
    claimTabStorage('user-a');
    writeTabItem('letter-draft', { notes: 'private' });
    claimTabStorage('user-b');
    expect(readTabItem('letter-draft')).toBeNull();
  });

  it('clears data of an unknown owner', () => {
    writeTabItem('answer.knowledge', { question: 'left by someone' });
    claimTabStorage('user-a');
    expect(readTabItem('answer.knowledge')).toBeNull();
  });

  it('survives disabled storage', () => {
    vi.stubGlobal('window', {
      get sessionStorage(): Storage {
        throw new DOMException('The operation is insecure.', 'SecurityError');
      },
    });
    expect(writeTabItem('letter-draft', { notes: 'x' })).toBe(false);
    expect(readTabItem('letter-draft')).toBeNull();
    expect(() => clearTabStorage()).not.toThrow();
  });
});
