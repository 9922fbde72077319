/** Largest file an import accepts (5 MiB): far above any real map, small enough to parse without freezing. */
export const MAX_IMPORT_BYTES = 5 * 1024 * 1024;
