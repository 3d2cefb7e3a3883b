import { describe, expect, it } from 'vitest';
import { collapseTypes, eventAreas, eventTypeLabel, feedFilter, patternLabel, typeFilterSummary } from './event-types';

const memberTypes = ['member.created', 'member.updated', 'member.deactivated', 'member.reactivated', 'member.deleted'];

describe('event types and areas', () => {
  it('groups the types by area, in the domain’s order', () => {
    expect(eventAreas.map((a) => a.area)).toEqual(['group', 'member', 'team', 'scim_token', 'admin', 'webhook_endpoint', 'webhook_delivery']);
    expect(eventAreas.find((a) => a.area === 'member')?.types).toEqual(memberTypes);
  });

  it('names types and patterns in words, and keeps an unknown one as its code', () => {
    expect(eventTypeLabel('member.deactivated')).toBe('Member deactivated');
    expect(eventTypeLabel('webhook.test')).toBe('Test message');
    expect(eventTypeLabel('member.exploded')).toBe('member.exploded');
    expect(patternLabel('team.*')).toBe('Teams: every event');
    expect(patternLabel('scim_token.revoked')).toBe('SCIM token revoked');
    expect(patternLabel('nothing.*')).toBe('nothing.*');
  });

  it.each([
    ['a whole area', memberTypes, ['member.*']],
    ['part of an area', ['member.created', 'member.deleted'], ['member.created', 'member.deleted']],
    ['areas and exact types, in the domain’s order', ['team.deleted', ...memberTypes], ['member.*', 'team.deleted']],
    ['an area of one type', ['webhook_delivery.failed'], ['webhook_delivery.*']],
    ['an unknown type, kept', ['member.created', 'later.added'], ['member.created', 'later.added']],
    ['nothing', [], []],
  ])('collapses %s into patterns', (_what, types, expected) => {
    expect(collapseTypes(types)).toEqual(expected);
  });

  it('summarises an endpoint’s filter', () => {
    expect(typeFilterSummary(null)).toBe('All events');
    expect(typeFilterSummary([...memberTypes, 'group.created'])).toBe('group.created, member.*');
  });

  it('builds the feed’s filter from the chosen type and group, leaving out what is not chosen', () => {
    expect(feedFilter({ type: '', groupId: '' })).toBeNull();
    expect(feedFilter({ type: 'member.*', groupId: '' })).toEqual({ types: ['member.*'] });
    expect(feedFilter({ type: 'member.created', groupId: 'g-1' })).toEqual({ types: ['member.created'], groupIds: ['g-1'] });
  });
});
