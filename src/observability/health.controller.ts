import { Controller, Get, HttpCode, ServiceUnavailableException } from '@nestjs/common';
import { Database } from '../common/database/database';

/** Liveness says the process answers; readiness says it can serve: database reachable, schema migrated. */
@Controller('health')
export class HealthController {
  constructor(private readonly database: Database) {}

  @Get('live')
  @HttpCode(200)
  live(): { status: string } {
    return { status: 'ok' };
  }

  @Get('ready')
  async ready(): Promise<{ status: string; database: string; migrations: string }> {
    try {
      await this.database.query('SELECT 1 AS ok');
    } catch {
      throw new ServiceUnavailableException({ status: 'unavailable', database: 'unreachable' });
    }
    if (await this.database.pendingMigrations()) {
      throw new ServiceUnavailableException({ status: 'unavailable', database: 'ok', migrations: 'pending' });
    }
    return { status: 'ok', database: this.database.dialect, migrations: 'applied' };
  }
}
