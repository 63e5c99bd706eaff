/** One line on stderr, exit 2: how the CLI reports what a user must fix. */
export function fail(message: string): never {
  process.stderr.write(`ringside: ${message}\n`);
  process.exit(2);
}
