import { isProspectMade, optInEffect, optOutEffect, sourceAfterBlock } from './consent-policy';

describe('consent policy', () => {
  it('counts keyword, reasonable-means and provider 21610 blocks as made by the prospect', () => {
    expect(isProspectMade('keyword')).toBe(true);
    expect(isProspectMade('reasonable_means')).toBe(true);
    expect(isProspectMade('provider_21610')).toBe(true);
    expect(isProspectMade('crm')).toBe(false);
    expect(isProspectMade('admin')).toBe(false);
  });

  describe('opt-out', () => {
    it('is new on a number that is not blocked (no row, or lifted)', () => {
      expect(optOutEffect(null)).toBe('new');
      expect(optOutEffect({ blocked: false, source: 'keyword' })).toBe('new');
      expect(optOutEffect({ blocked: false, source: 'admin' })).toBe('new');
    });

    it('is a repeat when the prospect opted out already', () => {
      expect(optOutEffect({ blocked: true, source: 'keyword' })).toBe('repeat');
      expect(optOutEffect({ blocked: true, source: 'provider_21610' })).toBe('repeat');
    });

    it('lands over a block people made without taking its source', () => {
      expect(optOutEffect({ blocked: true, source: 'admin' })).toBe('over_people_block');
      expect(sourceAfterBlock({ blocked: true, source: 'admin' }, 'keyword')).toBe('admin');
      expect(sourceAfterBlock({ blocked: true, source: 'crm' }, 'reasonable_means')).toBe('crm');
      expect(sourceAfterBlock({ blocked: true, source: 'keyword' }, 'admin')).toBe('admin');
      expect(sourceAfterBlock({ blocked: false, source: 'admin' }, 'keyword')).toBe('keyword');
      expect(sourceAfterBlock(null, 'keyword')).toBe('keyword');
    });
  });

  describe('opt-in', () => {
    it('lifts only a block the prospect made', () => {
      expect(optInEffect({ blocked: true, source: 'keyword' })).toBe('lift');
      expect(optInEffect({ blocked: true, source: 'reasonable_means' })).toBe('lift');
      expect(optInEffect({ blocked: true, source: 'provider_21610' })).toBe('lift');
    });

    it('keeps a block people made', () => {
      expect(optInEffect({ blocked: true, source: 'crm' })).toBe('kept');
      expect(optInEffect({ blocked: true, source: 'admin' })).toBe('kept');
    });

    it('does nothing on a number that is not blocked', () => {
      expect(optInEffect(null)).toBe('not_blocked');
      expect(optInEffect({ blocked: false, source: 'keyword' })).toBe('not_blocked');
    });
  });
});
