/** A file the import cannot read at all (no header, no name column, a damaged archive). */
export class ImportFileError extends Error {}

/** A file over one of the import's limits (upload size, uncompressed size, rows, columns): HTTP 413. */
export class ImportTooLargeError extends ImportFileError {}
