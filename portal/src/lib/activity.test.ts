import { describe, expect, it } from 'vitest';
import { activityFilter } from './activity';

describe('the activity filter', () => {
  it('sends only what is chosen, trimmed', () => {
    expect(activityFilter({ action: '', actorType: '', actorLabel: '  ' })).toBeNull();
    expect(activityFilter({ action: 'member.created', actorType: 'SCIM_TOKEN', actorLabel: ' Okta ' })).toEqual({
      action: 'member.created',
      actorType: 'SCIM_TOKEN',
      actorLabel: 'Okta',
    });
    expect(activityFilter({ action: '', actorType: '', actorLabel: '' }, 'm-1')).toEqual({ targetId: 'm-1' });
  });
});
