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
  @Field({ description: 'Sees email, phone, birth date and street address in clear (admins and stewards always do).' }) pii: boolean;
  @Field({ description: 'The first characters of the key, to tell keys apart.' }) keyPrefix: string;
  @Field(() => GraphQLDateTime) createdAt: string;
  @Field(() => GraphQLDateTime, { nullable: true }) revokedAt: string | null;
  @Field(() => GraphQLDateTime, { nullable: true, description: 'After this the key is refused (401); null: never.' }) expiresAt: string | null;
}

@ObjectType('Viewer', { description: 'The caller, as identified by its API key.' })
export class ViewerModel {
  @Field() name: string;
  @Field(() => RoleEnum) role: RoleEnum;
  @Field(() => String, { nullable: true }) source: string | null;
  @Field({ description: 'Whether this key sees personal data in clear; if not, it is masked on every path.' }) seesPii: boolean;
}

@InputType()
export class CreateApiKeyInput {
  @Field(() => RoleEnum) role: RoleEnum;
  @Field(() => String, { nullable: true, description: 'Required for role SOURCE: the source system it writes as.' })
  source?: string | null;
  @Field(() => String, { nullable: true }) name?: string | null;
  @Field(() => Boolean, { nullable: true, description: 'Let a READER or SOURCE key see personal data in clear; default false (masked).' })
  pii?: boolean | null;
  @Field(() => GraphQLDateTime, { nullable: true, description: 'When the key stops working; default: never.' }) expiresAt?: string | null;
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
