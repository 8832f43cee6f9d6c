export { createEngines, ENTITY_DEFINITIONS } from './entities';
export type * from './types';
