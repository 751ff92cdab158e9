import { Field, ID, Int, ObjectType } from 'type-graphql';
import { ImportIssueKind } from './enums.ts';
import { NodeInterface } from './node.types.ts';

@ObjectType('ImportIssue', { description: 'A row of a CSV import that was not imported, and why.' })
export class ImportIssueType {
  @Field(() => Int, { description: 'Row number as a spreadsheet shows it (the header is row 1).' }) row!: number;
  @Field(() => String) field!: string;
  @Field(() => ImportIssueKind) kind!: string;
  @Field(() => String) reason!: string;
  @Field(() => ID, { nullable: true, description: 'For a duplicate of an existing lead: that lead.' }) existingLeadId!: string | null;
}

@ObjectType('LeadImport', { implements: NodeInterface, description: 'A CSV import. rowsRead = imported + invalid + duplicates.' })
export class LeadImportType {
  @Field(() => ID) id!: string;
  @Field(() => String, { nullable: true }) filename!: string | null;
  @Field(() => String, { description: 'running, completed or failed.' }) status!: string;
  @Field(() => Int) rowsRead!: number;
  @Field(() => Int) imported!: number;
  @Field(() => Int) invalid!: number;
  @Field(() => Int) duplicates!: number;
  @Field(() => String, { nullable: true }) failure!: string | null;
  @Field(() => Date) createdAt!: Date;
  @Field(() => Date, { nullable: true }) finishedAt!: Date | null;
}

@ObjectType('ImportResult')
export class ImportResultType {
  @Field(() => LeadImportType) import!: LeadImportType;
  @Field(() => [ImportIssueType], { description: 'The first 100 issues; page the rest with leadImportIssues.' }) issues!: ImportIssueType[];
  @Field(() => [String], { description: 'Problems with the file as a whole, such as a missing business name column.' }) fileErrors!: string[];
}
