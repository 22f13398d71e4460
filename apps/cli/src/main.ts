import { Command } from 'commander';
import { EXCHANGE_DEFINITIONS } from '@feedgate/exchanges';
import { NormalizeCommand } from './normalize.command';

/** Exit code for a usage error such as an unknown exchange id. */
const EXIT_USAGE = 2;

const program = new Command()
  .name('feedgate')
  .description('feedgate command line tools')
  .exitOverride((err) => process.exit(err.exitCode === 0 ? 0 : EXIT_USAGE));

program
  .command('normalize')
  .description(
    'read one connection\'s frames from stdin (one per line; binary as "base64:…"), write unified events as JSON lines',
  )
  .requiredOption(
    '-e, --exchange <id>',
    `exchange id: ${[...EXCHANGE_DEFINITIONS.keys()].join(', ')}`,
  )
  .option('--category <category>', 'bybit endpoint category: spot, linear, inverse, option', 'spot')
  .action(
    async (opts: { exchange: string; category: 'spot' | 'linear' | 'inverse' | 'option' }) => {
      const def = EXCHANGE_DEFINITIONS.get(opts.exchange);
      if (!def) {
        process.stderr.write(
          `feedgate normalize: unknown exchange "${opts.exchange}"; known: ${[...EXCHANGE_DEFINITIONS.keys()].join(', ')}\n`,
        );
        process.exitCode = EXIT_USAGE;
        return;
      }
      await new NormalizeCommand(def.createParser({ category: opts.category })).run(
        process.stdin,
        process.stdout,
      );
    },
  );

program.parseAsync(process.argv).catch((err: unknown) => {
  process.stderr.write(`feedgate: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 1;
});
