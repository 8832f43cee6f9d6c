import 'reflect-metadata';
import { loadConfig } from './config/canon-config';
import { startServer } from './server';

async function main(): Promise<void> {
  const config = loadConfig();
  const { firstAdminKey } = await startServer(config);
  if (firstAdminKey) {
    // Printed once: the key is stored hashed and cannot be shown again.
    process.stdout.write(
      [
        '',
        'A new admin API key was created for this empty hub. It is shown only now:',
        '',
        `    ${firstAdminKey}`,
        '',
        'Send it as "Authorization: Bearer <key>". Create more with: npx canon keys create --role reader',
        '',
      ].join('\n'),
    );
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
