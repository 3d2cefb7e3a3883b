import { MaxLength } from 'class-validator';
import { Field, ID, InputType, ObjectType } from 'type-graphql';
import { GroupKind } from '../../domain/groups/group.entity.js';
import { groupNameMaxLength } from '../../domain/groups/group.service.js';
import { GroupObject } from './group.type.js';

@InputType('GroupFilter', { description: 'Narrows a list of groups.' })
export class GroupFilterInput {
  @Field(() => GroupKind, { nullable: true })
  kind?: GroupKind | null;

  @Field(() => String, { nullable: true, description: 'Case-insensitive part of the name; % and _ match themselves.' })
  @MaxLength(200)
  search?: string | null;
}

@InputType('CreateGroupInput')
export class CreateGroupInput {
  @Field(() => String, { description: `Unique in the organization (case-insensitively), at most ${groupNameMaxLength} characters.` })
  @MaxLength(groupNameMaxLength)
  name!: string;

  @Field(() => GroupKind, { description: 'SCIM needs the PRO plan (see `viewer.organization.features.scim`).' })
  kind!: GroupKind;
}

@InputType('RenameGroupInput')
export class RenameGroupInput {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  @MaxLength(groupNameMaxLength)
  name!: string;
}

@InputType('DeleteGroupInput')
export class DeleteGroupInput {
  @Field(() => ID, { description: 'The group to delete, with its members, teams and tokens.' })
  id!: string;
}

@ObjectType('GroupPayload')
export class GroupPayload {
  @Field(() => GroupObject)
  group!: GroupObject;
}

@ObjectType('DeleteGroupPayload')
export class DeleteGroupPayload {
  @Field(() => ID)
  deletedGroupId!: string;
}
