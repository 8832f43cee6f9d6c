import { Global, Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { ExpectedErrorFilter } from './errors/expected-error.filter';
import { CANON_CONFIG, type CanonConfig } from '../config/canon-config';
import { Database } from './database/database';
import { CANON_SCHEMA } from '../entities';

/** Config and storage, available to every module. */
@Global()
@Module({})
export class CoreModule {
  static forRoot(config: CanonConfig): DynamicModule {
    return {
      module: CoreModule,
      providers: [
        { provide: CANON_CONFIG, useValue: config },
        { provide: Database, useFactory: () => Database.open(config.database, CANON_SCHEMA) },
        { provide: APP_FILTER, useClass: ExpectedErrorFilter },
      ],
      exports: [CANON_CONFIG, Database],
    };
  }
}
