// Entry of an import-parsing worker thread. Workers do not inherit a TypeScript loader registered by the
// tsx CLI or by bin/jixiao.js (tap's loader they do inherit): register tsx when the .ts job cannot load.
try {
  await import('./parse-job.ts');
} catch (error) {
  if (error?.code !== 'ERR_UNKNOWN_FILE_EXTENSION') throw error;
  const { register } = await import('tsx/esm/api');
  register();
  await import('./parse-job.ts?tsx'); // a new URL: the failed one stays failed in the module map
}
