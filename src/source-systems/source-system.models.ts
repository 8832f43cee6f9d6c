import { Field, InputType, Int, ObjectType } from '@nestjs/graphql';
import { GraphQLDateTime } from '../common/graphql/date-time.scalar';
import { UserError } from '../common/graphql/user-error.model';

@ObjectType('AttributeTrust')
@InputType('AttributeTrustInput')
export class AttributeTrustModel {
  @Field() attribute: string;
  @Field(() => Int, { description: '0 (least trusted) to 100 (most).' }) rank: number;
}

@ObjectType('SourceSystem', { description: 'A system that sends records to the hub.' })
export class SourceSystemModel {
  @Field() code: string;
  @Field() name: string;
  @Field(() => Int, { description: 'Trust rank for attributes without one of their own.' }) defaultTrust: number;
  @Field(() => [AttributeTrustModel]) attributeTrust: AttributeTrustModel[];
  @Field({ description: 'The source holds each real entity at most once (a product catalogue): its records never merge with each other.' })
  uniqueRecords: boolean;
  @Field(() => String, { nullable: true, description: 'ISO 3166-1 alpha-2: the country of a record that names none; its national phone numbers are read in it.' })
  defaultCountry: string | null;
  @Field(() => GraphQLDateTime) createdAt: string;
}

@InputType()
export class CreateSourceSystemInput {
  @Field({ description: '1-64 letters, digits, "_", "." or "-".' }) code: string;
  @Field(() => String, { nullable: true }) name?: string | null;
  @Field(() => Int, { nullable: true, description: '0-100, default 50.' }) defaultTrust?: number | null;
  @Field(() => [AttributeTrustModel], { nullable: true }) attributeTrust?: AttributeTrustModel[] | null;
  @Field(() => Boolean, { nullable: true, description: 'Default false.' }) uniqueRecords?: boolean | null;
  @Field(() => String, { nullable: true, description: 'ISO 3166-1 alpha-2 (GB): national phone numbers of records without a country are read in it.' })
  defaultCountry?: string | null;
}

@InputType()
export class UpdateSourceSystemInput {
  @Field(() => String, { nullable: true }) name?: string | null;
  @Field(() => Int, { nullable: true }) defaultTrust?: number | null;
  @Field(() => [AttributeTrustModel], { nullable: true, description: 'Replaces the whole per-attribute ranking.' })
  attributeTrust?: AttributeTrustModel[] | null;
  @Field(() => Boolean, { nullable: true }) uniqueRecords?: boolean | null;
  @Field(() => String, { nullable: true, description: 'ISO 3166-1 alpha-2; an empty string clears it.' }) defaultCountry?: string | null;
}

@ObjectType()
export class SourceSystemPayload {
  @Field(() => SourceSystemModel, { nullable: true }) sourceSystem: SourceSystemModel | null;
  @Field(() => [UserError]) userErrors: UserError[];
}
