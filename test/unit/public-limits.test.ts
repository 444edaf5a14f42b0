import { describe, expect, it } from 'vitest';
import { countingAddress } from '#shared/domain/public-limits';
import { perAddressCounters } from '#shared/use-cases/intake-counters';

const limits = { perNominatorPerDay: 5, perSourcePerHour: 20 };
const now = new Date('2024-02-01T14:00:00Z');

describe('the address the per-address limits count', () => {
  it.each([
    ['Victim@Library.Example.org', 'victim@library.example.org'],
    ['  victim+1@library.example.org ', 'victim@library.example.org'],
    ['victim+a+b@library.example.org', 'victim@library.example.org'],
    // Elsewhere a dot may be a different mailbox: only Gmail's are dropped.
    ['v.ictim@library.example.org', 'v.ictim@library.example.org'],
    ['Vic.Tim+news@gmail.com', 'victim@gmail.com'],
    ['v.i.c.t.i.m@googlemail.com', 'victim@gmail.com'],
    ['victim@GoogleMail.com', 'victim@gmail.com'],
    // A Gmail-like name under another domain keeps its dots.
    ['vic.tim@gmail.com.example.org', 'vic.tim@gmail.com.example.org'],
  ])('counts %s as %s', (address, counted) => {
    expect(countingAddress(address)).toBe(counted);
  });

  it('gives every spelling of one mailbox one counter, and another mailbox its own', () => {
    const counters = perAddressCounters(
      limits,
      'metlib-2024',
      ['victim+1@gmail.com', 'Vic.Tim+2@googlemail.com', 'victim@library.example.org'],
      now,
      'refused',
    );
    expect(counters).toHaveLength(2);
    // Keyed by a hash: the table holds no address in a counter's key.
    for (const counter of counters) expect(counter.key).not.toContain('victim');
    const again = perAddressCounters(limits, 'metlib-2024', ['VICTIM@gmail.com'], now, 'refused');
    expect(again[0]?.key).toBe(counters[0]?.key);
  });
});
