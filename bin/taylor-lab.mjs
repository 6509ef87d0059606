#!/usr/bin/env node
// Entry of `npx taylor-lab`: registers tsx's loader so Node can import the TypeScript CLI directly.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli/taylorLab.ts');
main();
