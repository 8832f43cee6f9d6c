// Everything the CLI commands use from the hub, loaded on demand by cli/main.ts.
export { ApiKeyService } from '../auth/api-key.service';
export { AuditLogService } from '../audit/audit-log.service';
export { Database } from '../common/database/database';
export { loadMapping } from '../contracts/record-mapping';
export { CANON_SCHEMA } from '../entities';
export { GoldenRecordQueryService } from '../golden-records/golden-record-query.service';
export { FileImportService } from '../ingestion/file-import/file-import.service';
export { SourceSystemService } from '../source-systems/source-system.service';
export { cliActor, withServices } from './cli-context';
export { MIN_TRAINING_RECORDS, RulesTrainingService, TooFewTrainingRecordsError } from '../matching/rules-training.service';
export { loadRulesFile, rulesPath } from '../matching/match-rules.loader';
export { RecomputeService } from '../stewardship/recompute.service';
