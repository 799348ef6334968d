export * from './package.js';
export * from './elf.js';
