// Opens the store the configuration names. Only here do the concrete store classes meet the config.

import type { Config } from '../config';
import type { Store } from './store';
import { SqliteStore } from './sqlite-store';
import { CosmosStore } from './cosmos-store';

export async function openStore(settings: Config['store']): Promise<Store> {
  if (settings.kind === 'embedded') return SqliteStore.open(settings.file);
  return CosmosStore.connect(settings.cosmos);
}
