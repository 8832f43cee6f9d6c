import { Module } from '@nestjs/common';
import { ContractRegistry } from './contract-registry';

@Module({ providers: [{ provide: ContractRegistry, useFactory: () => new ContractRegistry() }], exports: [ContractRegistry] })
export class ContractsModule {}
