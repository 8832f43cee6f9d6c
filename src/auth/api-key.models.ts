import { Field, ID, InputType, ObjectType, registerEnumType } from '@nestjs/graphql';
import { GraphQLDateTime } from '../common/graphql/date-time.scalar';
import { UserError } from '../common/graphql/user-error.model';

export enum RoleEnum {
  ADMIN = 'admin',
  STEWARD = 'steward',
  READER = 'reader',
  SOURCE = 'source',
}
registerEnumType(RoleEnum, { name: 'Role' });

@ObjectType('ApiKey', { description: 'An API key; the secret itself is shown once, at creation.' })
export class ApiKeyModel {
  @Field(() => ID) id: string;
  @Field() name: string;
  @Field(() => RoleEnum) role: RoleEnum;
  @Field(() => String, { nullable: true }) source: string | null;
  @Field({ description: 'The first characters of the key, to tell keys apart.' }) keyPrefix: string;
  @Field(() => GraphQLDateTime) createdAt: string;
  @Field(() => GraphQLDateTime, { nullable: true }) revokedAt: string | null;
}

@ObjectType('Viewer', { description: 'The caller, as identified by its API key.' })
export class ViewerModel {
  @Field() name: string;
  @Field(() => RoleEnum) role: RoleEnum;
  @Field(() => String, { nullable: true }) source: string | null;
}

@InputType()
export class CreateApiKeyInput {
  @Field(() => RoleEnum) role: RoleEnum;
  @Field(() => String, { nullable: true, description: 'Required for role SOURCE: the source system it writes as.' })
  source?: string | null;
  @Field(() => String, { nullable: true }) name?: string | null;
}

@ObjectType()
export class CreateApiKeyPayload {
  @Field(() => ApiKeyModel, { nullable: true }) apiKey: ApiKeyModel | null;
  @Field(() => String, { nullable: true, description: 'The secret: store it now, it is not shown again.' }) key: string | null;
  @Field(() => [UserError]) userErrors: UserError[];
}

@ObjectType()
export class RevokeApiKeyPayload {
  @Field(() => ApiKeyModel, { nullable: true }) apiKey: ApiKeyModel | null;
  @Field(() => [UserError]) userErrors: UserError[];
}
