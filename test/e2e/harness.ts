// The end-to-end tests use the same browser driver as the CLI and the benchmarks.
export * from '../../scripts/lib/browser';
