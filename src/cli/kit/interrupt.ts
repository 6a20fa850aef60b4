// Ctrl-C while a command talks to AWS.

/**
 * The first Ctrl-C aborts the signal (the command then stops what it is doing: deletes an
 * unexecuted change set, or stops watching); a second one exits at once (Node's default).
 */
export function interruptible(): { signal: AbortSignal; dispose(): void } {
  const controller = new AbortController();
  const onSigint = () => {
    process.removeListener('SIGINT', onSigint);
    controller.abort();
  };
  process.on('SIGINT', onSigint);
  return { signal: controller.signal, dispose: () => process.removeListener('SIGINT', onSigint) };
}
