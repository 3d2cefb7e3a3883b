import { describe, expect, it } from 'vitest';
import {
  areaChoice,
  createEndpointInput,
  emptyEndpoint,
  endpointFieldOf,
  endpointToForm,
  toggleArea,
  toggleChoice,
  updateEndpointInput,
  validateEndpoint,
} from './webhook-form';

const memberTypes = ['member.created', 'member.updated', 'member.deactivated', 'member.reactivated', 'member.deleted'];

describe('the webhook endpoint form', () => {
  it('needs a URL, and at least one type or group when it narrows them', () => {
    expect(validateEndpoint({ ...emptyEndpoint, url: 'https://example.com/hooks' })).toEqual({});
    expect(validateEndpoint({ ...emptyEndpoint, url: ' ', allTypes: false, allGroups: false, description: 'x'.repeat(501) })).toEqual({
      url: 'Give the receiver’s URL, e.g. https://example.com/webhooks/roster.',
      description: 'At most 500 characters.',
      eventTypes: 'Choose at least one event type, or send every event.',
      groupIds: 'Choose at least one group, or send every group’s events.',
    });
  });

  it('sends whole areas as patterns, and null for all types or all groups', () => {
    const values = { ...emptyEndpoint, url: ' https://example.com/hooks ', description: '  ', allTypes: false, types: [...memberTypes, 'team.created'] };
    expect(createEndpointInput(values)).toEqual({
      url: 'https://example.com/hooks',
      description: null,
      eventTypes: ['member.*', 'team.created'],
      groupIds: null,
      enabled: true,
    });
    expect(updateEndpointInput('e-1', { ...values, allTypes: true, allGroups: false, groupIds: ['g-1'], enabled: false })).toEqual({
      id: 'e-1',
      url: 'https://example.com/hooks',
      description: null,
      eventTypes: null,
      groupIds: ['g-1'],
      enabled: false,
    });
  });

  it('reads an endpoint back into the form', () => {
    expect(endpointToForm({ url: 'https://x.example/', description: null, eventTypes: null, groupIds: ['g-1'], enabled: false })).toEqual({
      ...emptyEndpoint,
      url: 'https://x.example/',
      allGroups: false,
      groupIds: ['g-1'],
      enabled: false,
    });
  });

  it('chooses and clears whole areas and single types', () => {
    const some = toggleChoice([], 'member.created', true);
    expect(areaChoice(some, 'member')).toBe('some');
    const all = toggleArea(some, 'member', true);
    expect([...all].sort()).toEqual([...memberTypes].sort());
    expect(areaChoice(all, 'member')).toBe('all');
    expect(areaChoice(toggleArea([...all, 'team.created'], 'member', false), 'member')).toBe('none');
    expect(toggleChoice(all, 'member.created', false)).not.toContain('member.created');
  });

  it('maps server fields onto the form', () => {
    expect(endpointFieldOf('url')).toBe('url');
    expect(endpointFieldOf('eventTypes')).toBe('eventTypes');
    expect(endpointFieldOf('groupIds[3]')).toBe('groupIds');
    expect(endpointFieldOf('enabled')).toBeNull();
  });
});
