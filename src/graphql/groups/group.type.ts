import { Field, GraphQLISODateTime, ID, ObjectType, registerEnumType } from 'type-graphql';
import { GroupKind } from '../../domain/groups/group.entity.js';
import { connectionOf } from '../common/connection.js';

registerEnumType(GroupKind, {
  name: 'GroupKind',
  description: "Who manages a group's members.",
  valuesConfig: {
    STANDARD: { description: 'Admins manage members and teams in the portal.' },
    SCIM: { description: 'An identity provider keeps members and teams in sync through SCIM (PRO plan).' },
  },
});

@ObjectType('Group', { description: 'A group of people (members), managed by admins or kept in sync by an identity provider.' })
export class GroupObject {
  @Field(() => ID)
  id!: string;

  @Field(() => String, { description: 'Unique in the organization, compared case-insensitively.' })
  name!: string;

  @Field(() => GroupKind)
  kind!: GroupKind;

  @Field(() => GraphQLISODateTime)
  createdAt!: Date;

  @Field(() => GraphQLISODateTime)
  updatedAt!: Date;
}

export const GroupConnection = connectionOf(GroupObject, 'Group', 'group');
