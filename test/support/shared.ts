import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const sharedRoot = path.resolve(projectRoot, '../shared');
export const corpusRoot = path.join(sharedRoot, 'corpus');
export const seedsRoot = path.join(sharedRoot, 'seeds');
export const inputDocs = path.join(projectRoot, 'input-docs');

/** Corpus tests read `../shared`; where it is absent they are skipped with this reason. */
export const haveShared = existsSync(corpusRoot) && existsSync(seedsRoot);
export const sharedSkipReason = `../shared (the SuperOffice corpus) is not beside the checkout at ${sharedRoot}: corpus tests skipped`;
if (!haveShared) process.stderr.write(`${sharedSkipReason}\n`);
