import { ArrayMaxSize, IsBoolean, MaxLength, Min, ValidateNested } from 'class-validator';
import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { memberLimits } from '../../domain/members/member.rules.js';
import { MemberObject } from './member.type.js';

@InputType('MemberFilter', { description: 'Narrows a list of members.' })
export class MemberFilterInput {
  @Field(() => String, {
    nullable: true,
    description: 'Case-insensitive part of the userName, given, family or display name, or an email; % and _ match themselves.',
  })
  @MaxLength(256)
  search?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'Only active (true) or only deactivated (false) members.' })
  active?: boolean | null;
}

@InputType('MultiValueInput', { description: 'An email address or phone number.' })
export class MultiValueInput {
  @Field(() => String)
  @MaxLength(memberLimits.text)
  value!: string;

  @Field(() => String, { nullable: true, description: 'e.g. "work", "home", "mobile".' })
  @MaxLength(64)
  type?: string | null;

  @Field(() => Boolean, { nullable: true })
  primary?: boolean | null;
}

/** Attributes shared by create and update; absent fields are left as they are on update. */
@InputType()
export class MemberAttributesInput {
  @Field(() => String, { nullable: true })
  @MaxLength(memberLimits.text)
  externalId?: string | null;

  @Field(() => String, { nullable: true })
  @MaxLength(memberLimits.text)
  givenName?: string | null;

  @Field(() => String, { nullable: true })
  @MaxLength(memberLimits.text)
  familyName?: string | null;

  @Field(() => String, { nullable: true })
  @MaxLength(memberLimits.text)
  displayName?: string | null;

  @Field(() => String, { nullable: true })
  @MaxLength(memberLimits.text)
  nickName?: string | null;

  @Field(() => String, { nullable: true })
  @MaxLength(memberLimits.text)
  title?: string | null;

  @Field(() => String, { nullable: true })
  @MaxLength(memberLimits.text)
  preferredLanguage?: string | null;

  @Field(() => String, { nullable: true })
  @MaxLength(memberLimits.text)
  locale?: string | null;

  @Field(() => String, { nullable: true })
  @MaxLength(memberLimits.text)
  timezone?: string | null;

  @Field(() => [MultiValueInput], { nullable: true, description: `At most ${memberLimits.multiValuedEntries}.` })
  @ArrayMaxSize(memberLimits.multiValuedEntries)
  @ValidateNested({ each: true })
  emails?: MultiValueInput[] | null;

  @Field(() => [MultiValueInput], { nullable: true, description: `At most ${memberLimits.multiValuedEntries}.` })
  @ArrayMaxSize(memberLimits.multiValuedEntries)
  @ValidateNested({ each: true })
  phoneNumbers?: MultiValueInput[] | null;

  @Field(() => String, { nullable: true })
  @MaxLength(memberLimits.text)
  employeeNumber?: string | null;

  @Field(() => String, { nullable: true })
  @MaxLength(memberLimits.text)
  department?: string | null;

  @Field(() => String, { nullable: true })
  @MaxLength(memberLimits.text)
  costCenter?: string | null;

  @Field(() => String, { nullable: true })
  @MaxLength(memberLimits.text)
  division?: string | null;

  @Field(() => String, { nullable: true, description: 'Enterprise `organization` (a name, not the Roster tenant).' })
  @MaxLength(memberLimits.text)
  organization?: string | null;
}

@InputType('CreateMemberInput', { description: 'A new member of a STANDARD group (SCIM groups are written by their identity provider).' })
export class CreateMemberInput extends MemberAttributesInput {
  @Field(() => ID)
  groupId!: string;

  @Field(() => String, { description: `Unique in the group (case-insensitively), at most ${memberLimits.userName} characters.` })
  @MaxLength(memberLimits.userName)
  userName!: string;

  @Field(() => Boolean, { nullable: true, description: 'Default true.' })
  @IsBoolean()
  active?: boolean | null;
}

@InputType('UpdateMemberInput', { description: 'Changes to a member: only the fields given change; null clears a field.' })
export class UpdateMemberInput extends MemberAttributesInput {
  @Field(() => ID)
  id!: string;

  @Field(() => String, { nullable: true })
  @MaxLength(memberLimits.userName)
  userName?: string | null;

  @Field(() => Int, {
    nullable: true,
    description: "The member's `version` as read: the change applies only if nobody changed the member since (else CONFLICT, reason MEMBER_VERSION_MISMATCH).",
  })
  @Min(1)
  expectedVersion?: number | null;
}

@InputType('SetMemberActiveInput')
export class SetMemberActiveInput {
  @Field(() => ID)
  id!: string;

  @Field(() => Boolean, { description: 'false deactivates (the member stays listed), true reactivates.' })
  active!: boolean;

  @Field(() => Int, {
    nullable: true,
    description: "The member's `version` as read: the change applies only if nobody changed the member since (else CONFLICT, reason MEMBER_VERSION_MISMATCH).",
  })
  @Min(1)
  expectedVersion?: number | null;
}

@InputType('DeleteMemberInput')
export class DeleteMemberInput {
  @Field(() => ID)
  id!: string;

  @Field(() => Int, {
    nullable: true,
    description: "The member's `version` as read: the change applies only if nobody changed the member since (else CONFLICT, reason MEMBER_VERSION_MISMATCH).",
  })
  @Min(1)
  expectedVersion?: number | null;
}

@ObjectType('MemberPayload')
export class MemberPayload {
  @Field(() => MemberObject)
  member!: MemberObject;
}

@ObjectType('DeleteMemberPayload')
export class DeleteMemberPayload {
  @Field(() => ID)
  deletedMemberId!: string;
}
