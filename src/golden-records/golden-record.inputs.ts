import { ArgsType, Field, InputType, Int } from '@nestjs/graphql';
import { GoldenStatusEnum } from './golden-record.models';

@InputType({ description: 'Exact, case-insensitive filters; all given filters must hold.' })
export class CustomerFilterInput {
  @Field(() => String, { nullable: true, description: 'Needs a key that sees PII.' }) email?: string | null;
  @Field(() => String, { nullable: true }) familyName?: string | null;
  @Field(() => String, { nullable: true }) city?: string | null;
  @Field(() => String, { nullable: true, description: 'ISO 3166-1 alpha-2' }) country?: string | null;
}

@InputType({ description: 'Exact, case-insensitive filters; all given filters must hold.' })
export class ProductFilterInput {
  @Field(() => String, { nullable: true, description: 'Any GTIN form: 8 to 14 digits, leading zeros optional.' }) gtin?: string | null;
  @Field(() => String, { nullable: true }) brand?: string | null;
  @Field(() => String, { nullable: true }) category?: string | null;
}

@ArgsType()
export class PageArgs {
  @Field(() => Int, { defaultValue: 20, description: 'Page size, 1 to 100.' }) first: number;
  @Field(() => String, { nullable: true, description: 'The endCursor of the previous page.' }) after?: string | null;
}

@ArgsType()
export class GoldenPageArgs extends PageArgs {
  @Field(() => GoldenStatusEnum, { defaultValue: GoldenStatusEnum.ACTIVE }) status: GoldenStatusEnum;
}
