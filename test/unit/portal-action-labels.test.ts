import { describe, expect, it } from 'vitest';
import { actionLabels, eventTypes as portalEventTypes } from '../../portal/src/lib/event-types.js';
import { eventTypes } from '../../src/domain/activity/event-types.js';

/**
 * The portal names event types in words from a list of its own (it may not import the server):
 * this keeps that list the domain's — no label for a type that no longer exists, none missing for
 * one the change feed or a group's log can hold.
 */
describe("the portal's event type labels", () => {
  it('name exactly the event types of the change feed, in the domain’s order', () => {
    expect(portalEventTypes).toEqual([...eventTypes]);
  });

  it('name exactly the event types of a group’s activity log', () => {
    const groupScoped = eventTypes.filter((type) => /^(group|member|team|scim_token)\./.test(type));
    expect(Object.keys(actionLabels).sort()).toEqual([...groupScoped].sort());
  });
});
