import { GraphQLJSONObject } from 'graphql-scalars';
import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { connectionType } from '../connections.ts';
import { Delimiter, ImportField, ImportIssueKind, ImportRowOutcome, LeadImportStatus, TextEncoding } from './enums.ts';
import { NodeInterface } from './node.types.ts';

@ObjectType('ImportIssue', { description: 'A row of a CSV import that was not imported (INVALID, DUPLICATE), or was imported with a WARNING, and why.' })
export class ImportIssueType {
  @Field(() => Int, { description: 'Row number as a spreadsheet shows it (the file\'s first line is row 1; a record spanning lines is one row).' }) row!: number;
  @Field(() => String) field!: string;
  @Field(() => ImportIssueKind) kind!: string;
  @Field(() => String) reason!: string;
  @Field(() => ID, { nullable: true, description: 'For a duplicate of an existing lead: that lead.' }) existingLeadId!: string | null;
}

export const ImportIssueConnection = connectionType(ImportIssueType, 'ImportIssue', 'A page of an import\'s issues, in row order (Relay connection).');
export type ImportIssueConnection = InstanceType<typeof ImportIssueConnection>;

@ObjectType('LeadImport', { implements: NodeInterface, description: 'A CSV import. rowsRead = imported + invalid + duplicates; skipped rows (blank, footers, above the header) are not in rowsRead.' })
export class LeadImportType {
  @Field(() => ID) id!: string;
  @Field(() => String, { nullable: true }) filename!: string | null;
  @Field(() => LeadImportStatus) status!: string;
  @Field(() => Int, { description: 'Rows that hold a lead\'s data.' }) rowsRead!: number;
  @Field(() => Int) imported!: number;
  @Field(() => Int) invalid!: number;
  @Field(() => Int) duplicates!: number;
  @Field(() => Int, { description: 'Rows without a lead: blank rows, report footers, lines above the header.' }) skipped!: number;
  @Field(() => Int, { description: 'Imported rows with a warning (a value set aside as a custom field).' }) warnings!: number;
  @Field(() => String, { nullable: true }) failure!: string | null;
  @Field(() => Date) createdAt!: Date;
  @Field(() => Date, { nullable: true }) finishedAt!: Date | null;
}

@ObjectType('ImportFormat', { description: 'How a file was read.' })
export class ImportFormatType {
  @Field(() => TextEncoding, { nullable: true, description: 'Null for an empty file.' }) encoding!: string | null;
  @Field(() => Delimiter, { nullable: true, description: 'Null for an empty file.' }) delimiter!: string | null;
  @Field(() => Int, { nullable: true, description: 'The header\'s row.' }) headerRow!: number | null;
}

@ObjectType('ImportResult')
export class ImportResultType {
  @Field(() => LeadImportType) import!: LeadImportType;
  @Field(() => [ImportIssueType], { description: 'The first 100 issues; page the rest with leadImportIssues.' }) issues!: ImportIssueType[];
  @Field(() => [String], { description: 'Problems with the file as a whole, such as a missing business name column.' }) fileErrors!: string[];
  @Field(() => [String], { description: 'Things about the file as a whole that did not stop it.' }) fileWarnings!: string[];
  @Field(() => ImportFormatType) format!: ImportFormatType;
}

@InputType('ColumnMappingInput', { description: 'One column\'s target: name the column by header or by position (from 0).' })
export class ColumnMappingInput {
  @Field(() => String, { nullable: true, description: 'The header, as in the file (case-insensitive).' }) column?: string | null;
  @Field(() => Int, { nullable: true, description: 'The column\'s position, from 0.' }) index?: number | null;
  @Field(() => ImportField) field!: string;
  @Field(() => String, { nullable: true, description: 'The custom field\'s name, for CUSTOM.' }) customKey?: string | null;
}

@ObjectType('ImportColumn', { description: 'A column of the file and where its cells go.' })
export class ImportColumnType {
  @Field(() => Int, { description: 'Position, from 0.' }) index!: number;
  @Field(() => String) header!: string;
  @Field(() => ImportField) field!: string;
  @Field(() => String, { nullable: true, description: 'For CUSTOM: the custom field\'s name.' }) customKey!: string | null;
  @Field(() => [String], { description: 'The first values of the column.' }) samples!: string[];
}

@ObjectType('ImportPreviewLead', { description: 'A lead as the import would store it.' })
export class ImportPreviewLeadType {
  @Field(() => String) businessName!: string;
  @Field(() => String, { nullable: true }) contactName!: string | null;
  @Field(() => String, { nullable: true }) email!: string | null;
  @Field(() => String, { nullable: true }) phone!: string | null;
  @Field(() => String, { nullable: true }) website!: string | null;
  @Field(() => String, { nullable: true }) industry!: string | null;
  @Field(() => String, { nullable: true }) city!: string | null;
  @Field(() => String, { nullable: true }) country!: string | null;
  @Field(() => String, { nullable: true }) source!: string | null;
  @Field(() => String, { nullable: true }) companySize!: string | null;
  @Field(() => [String]) tags!: string[];
  @Field(() => GraphQLJSONObject) customFields!: Record<string, unknown>;
}

@ObjectType('ImportPreviewRowIssue')
export class ImportPreviewIssueType {
  @Field(() => String) field!: string;
  @Field(() => ImportIssueKind) kind!: string;
  @Field(() => String) reason!: string;
}

@ObjectType('ImportPreviewRow')
export class ImportPreviewRowType {
  @Field(() => Int) row!: number;
  @Field(() => ImportRowOutcome) outcome!: string;
  @Field(() => ImportPreviewLeadType, { nullable: true }) lead!: ImportPreviewLeadType | null;
  @Field(() => [ImportPreviewIssueType]) issues!: ImportPreviewIssueType[];
}

@ObjectType('ImportPreview', { description: 'What an import of the file would do with its first rows; nothing is written.' })
export class ImportPreviewType {
  @Field(() => ImportFormatType) format!: ImportFormatType;
  @Field(() => [ImportColumnType], { description: 'Every column and its target (the proposed mapping, with the caller\'s choices applied).' }) columns!: ImportColumnType[];
  @Field(() => [ImportPreviewRowType]) rows!: ImportPreviewRowType[];
  @Field(() => [String]) fileErrors!: string[];
  @Field(() => [String]) fileWarnings!: string[];
}
