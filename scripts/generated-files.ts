import { join, relative } from 'node:path';

const ROOT = join(__dirname, '..');
/** The served OpenAPI document, kept in the repository: the typed client is generated from it. */
export const OPENAPI_DOCUMENT_FILE = join(ROOT, 'docs', 'openapi.json');
/** The TypeScript types of every path, operation and schema of the document, read by `@app/client`. */
export const CLIENT_TYPES_FILE = join(ROOT, 'libs', 'client', 'src', 'generated', 'case-ledger.d.ts');
export const GENERATE_COMMAND = 'npm run client:generate';

/** One file `npm run client:generate` writes, with the text it writes. */
export type GeneratedFile = Readonly<{ file: string; content: string }>;

export function repositoryPath(file: string): string {
  return relative(ROOT, file);
}

/**
 * The generated files whose committed text differs from what the generator produces now, each
 * named with its first differing line; `read` returns null for a file that does not exist.
 */
export function staleGeneratedFiles(
  generated: readonly GeneratedFile[],
  read: (file: string) => string | null,
): string[] {
  return generated.flatMap(({ file, content }) => {
    const committed = read(file);
    if (committed === content) return [];
    if (committed === null) return [`${repositoryPath(file)} is missing`];
    const [was, now] = [committed.split('\n'), content.split('\n')];
    const line = was.findIndex((text, index) => text !== now[index]);
    const at = line === -1 ? now.length : line + 1;
    const quote = (text: string | undefined) => JSON.stringify(text ?? '(end of file)');
    return [
      `${repositoryPath(file)} differs from line ${at}: committed ${quote(was[at - 1])}, generated ${quote(now[at - 1])}`,
    ];
  });
}
