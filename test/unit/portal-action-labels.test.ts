import { describe, expect, it } from 'vitest';
import { actionLabels } from '../../portal/src/lib/activity.js';
import { eventTypes } from '../../src/domain/activity/event-types.js';

/**
 * The portal names a group's actions in words from a list of its own (it may not import the
 * server): this keeps that list the domain's — no label for an action that no longer exists, none
 * missing for one a group's log can hold.
 */
describe("the portal's action labels", () => {
  it('name exactly the event types of a group’s activity log', () => {
    const groupScoped = eventTypes.filter((type) => /^(group|member|team|scim_token)\./.test(type));
    expect(Object.keys(actionLabels).sort()).toEqual([...groupScoped].sort());
  });
});
